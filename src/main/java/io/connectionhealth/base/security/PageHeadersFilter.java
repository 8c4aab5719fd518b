package io.connectionhealth.base.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Sets nosniff and the referrer policy before the request runs. Spring Security writes its headers when the response
 * is committed, and Vaadin's pages bypass that hook; writing all of them early would also put no-cache on Vaadin's
 * cached bundles, so only these two, which fit every answer, are written here (Spring's writers skip a header that
 * is already set).
 */
final class PageHeadersFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        chain.doFilter(request, response);
    }
}
