package io.connectionhealth.base.security;

import io.connectionhealth.base.api.Problems;
import io.connectionhealth.workspace.ApiKeyService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.nio.charset.StandardCharsets;

/**
 * The REST API's own filter chain: stateless, API-key authenticated, problem+json for 401 and 403. The metrics
 * ({@code /actuator/prometheus}) are read with an API key too, any access level: a scraper gets a read-only one.
 */
@Configuration
class ApiSecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiKeyService apiKeys,
                                 ObjectProvider<SecurityContextHolderStrategy> contexts) throws Exception {
        http.securityMatcher("/api/**", ApiKeyAuthenticationFilter.METRICS_PATH)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts.disable())) // the proxy's, as above
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys,
                        contexts.getIfAvailable(SecurityContextHolder::getContextHolderStrategy)), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**", "/api/docs", "/api/docs/**", "/api/swagger-ui/**")
                        .permitAll()
                        .anyRequest().hasRole("API"))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            Problems.write(response, 401, "Unauthorized",
                                    "A valid API key is required: send 'Authorization: Bearer <workspace API key>'.",
                                    request.getRequestURI());
                        })
                        .accessDeniedHandler((request, response, ex) -> Problems.write(response, 403, "Forbidden",
                                "This API key may not do that.", request.getRequestURI())));
        return http.build();
    }

    /**
     * The firewall's refusals of a path (an encoded dot or percent, an empty segment, a ';', a line break) answer on
     * the API in problem details like every other error; elsewhere with a page saying why (it had been Spring's
     * Whitelabel page, "no explicit mapping for /error").
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                // a page of ours, not Spring's Whitelabel page saying "no explicit mapping for /error"
                boolean method = String.valueOf(rejected.getMessage()).contains("HTTP method");
                response.setStatus(method ? 405 : 400);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.setContentType("text/html");
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.getWriter().write(Problems.htmlPage(method ? 405 : 400, method
                        ? "The dashboard is opened with GET; this request's method is not taken."
                        : "This address cannot be opened: it holds an empty segment (//), a ';', or an encoded '.', "
                        + "'%' or line break. Check the address, or start from the dashboard."));
            } else if (String.valueOf(rejected.getMessage()).contains("HTTP method")) {
                response.setHeader("Allow", "GET, POST, PUT, PATCH, DELETE");
                Problems.write(response, 405, "Method Not Allowed", "The API takes GET, POST, PUT, PATCH and DELETE "
                        + "only; the API description gives each path's methods.", request.getRequestURI());
            } else if (String.valueOf(rejected.getMessage()).contains("header")) {
                Problems.write(response, 400, "Invalid request", "A request header holds a character that is not "
                        + "allowed (a control character, or one pasted with an API key, say).", request.getRequestURI());
            } else {
                Problems.write(response, 400, "Invalid request", "The path is not accepted: it holds an encoded '.', "
                        + "'%' or line break, an empty segment or a ';', which could stand for another path. "
                        + "Send the path as the API description gives it, with ids as they were returned.", null);
            }
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
