package io.connectionhealth.base.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Sets nosniff, the referrer policy and a content security policy before the request runs. Spring Security writes its
 * headers when the response is committed, and Vaadin's pages bypass that hook; writing all of them early would also
 * put no-cache on Vaadin's cached bundles, so only these, which fit every answer, are written here (Spring's writers
 * skip a header that is already set).
 */
final class PageHeadersFilter extends OncePerRequestFilter {

    static final String CSP = "frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        // no script-src: Vaadin's pages need inline scripts and eval; these hold whatever they load
        response.setHeader("Content-Security-Policy", CSP);
        chain.doFilter(request, response);
    }
}
