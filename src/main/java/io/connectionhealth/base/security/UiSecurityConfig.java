package io.connectionhealth.base.security;

import com.vaadin.flow.spring.security.VaadinDefaultRequestCache;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.connectionhealth.base.ui.LoginView;
import io.connectionhealth.workspace.UserAccountService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

import java.time.Clock;

/**
 * The dashboard's filter chain: everything the API chain ({@code /api/**}) does not match. Session login with the
 * Vaadin login view; users come from {@link io.connectionhealth.workspace.UserAccountService} (bcrypt). Views say
 * who may open them ({@code @PermitAll}, {@code @RolesAllowed("ADMIN")}); the services check the role again.
 */
@Configuration
@EnableConfigurationProperties(SessionProperties.class)
public class UiSecurityConfig {

    /**
     * The longest address kept to come back to after signing in; a longer one leads to the start page. The sign-in
     * page's address carries it escaped once more, and Vaadin's start-up request that again, plus the Referer, all
     * within Tomcat's 8 KiB: at 2,048, a shared link with a 200-character search in Chinese left a dead sign-in page
     * (an audit).
     */
    static final int MAX_SAVED_ADDRESS = 1024;

    @Bean
    @Order(2)
    SecurityFilterChain uiChain(HttpSecurity http, UserAccountService users, SignInThrottle throttle,
                                ObjectProvider<SecurityContextHolderStrategy> contexts,
                                VaadinDefaultRequestCache requestCache, SessionProperties sessions, Clock clock)
            throws Exception {
        // a bookmark opened before signing in comes back as it was: Spring Security's default cache adds "continue"
        // to it, which then stayed in the address bar and in the next bookmark
        HttpSessionRequestCache plain = new HttpSessionRequestCache();
        plain.setMatchingRequestParameterName(null);
        // only an address a user could have bookmarked: saving any request kept each one whole in a session for 30
        // minutes, 15 KB for a 7,000-character query (AnonymousSessionLimit bounds the number of such sessions)
        plain.setRequestMatcher(request -> "GET".equals(request.getMethod())
                && request.getRequestURI().length() + (request.getQueryString() == null ? 0
                : request.getQueryString().length()) <= MAX_SAVED_ADDRESS);
        requestCache.setDelegateRequestCache(new ReturnAddress(plain));
        http.addFilterBefore(new SignInThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class);
        http.addFilterBefore(new StaleSessionFilter(users,
                contexts.getIfAvailable(SecurityContextHolder::getContextHolderStrategy), sessions.sessionMaxAge(),
                clock), AuthorizationFilter.class);
        http.addFilterBefore(new PageHeadersFilter(), HeaderWriterFilter.class);
        http.addFilterBefore(new ReturnAddressFilter(), HeaderWriterFilter.class);
        // HSTS is the TLS proxy's to send (docs/operations.md): Spring's default behind X-Forwarded-Proto https, a year
        // with includeSubDomains, would bind every subdomain of the dashboard's domain to HTTPS
        http.headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts.disable())
                .frameOptions(frames -> frames.sameOrigin())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .requestMatchers("/error").permitAll());
        // the next page after signing out must not name the ended session (it would read as "expired"), and the sign-in
        // page of this and every other tab says the browser signed out
        http.logout(logout -> logout.deleteCookies("JSESSIONID").addLogoutHandler((request, response, signedOut) ->
                response.addCookie(StaleSessionFilter.signedOutMarker(request))));
        // Vaadin 25 denies any other request by default: a signed-in user's mistyped address would get a bare 403;
        // let it reach Vaadin, whose navigation access control still guards every view, to show NotFoundView
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated));
        return http.build();
    }
}
