package io.connectionhealth.base.api;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Errors Tomcat raises itself and sends to the error page, such as the 405 for TRACE (refused before any filter),
 * were answered under {@code /api} by Spring Boot's default error body. This answers them in problem details, like
 * every other API error, before the error page runs.
 */
@Configuration(proxyBeanMethods = false)
class ErrorDispatchProblems {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> apiErrorDispatchFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new ProblemFilter());
        registration.setDispatcherTypes(DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * The error page asked for by its own address: Spring Boot answered 500 with {@code {"status":999}}, which reads
     * as a fault of ours in an access log (scanners ask for it). Nothing is there to show: 404.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> errorPageAskedForFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws IOException {
                Problems.write(response, 404, "Not found", "There is nothing at " + request.getRequestURI(),
                        request.getRequestURI());
            }
        });
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.addUrlPatterns("/error", "/error/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    static final class ProblemFilter extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            // the API's handlers answer what reaches them; what comes here is the container's own (a method it refuses,
            // a body that stopped arriving) or escaped them
            if (!(uri instanceof String path) || !path.startsWith(request.getContextPath() + "/api/")
                    || !(code instanceof Integer status) || status < 400 || response.isCommitted()) {
                chain.doFilter(request, response);
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String title = known == null ? "Error" : known.getReasonPhrase();
            // the error dispatch is a GET whatever the request's method was: the detail cannot name it
            String detail = switch (status) {
                case 405 -> "The request's method is not allowed on " + path + "; the API is described at /api/docs";
                case 408 -> "The request's body stopped arriving before it was complete; nothing was stored. Send "
                        + "the request again";
                default -> status >= 500 ? "The server failed to answer the request; its log says why"
                        : "The request was refused: " + title.toLowerCase(java.util.Locale.ROOT);
            };
            response.resetBuffer();
            response.setHeader("X-Content-Type-Options", "nosniff");
            Problems.write(response, status, title, detail, path);
        }
    }
}
