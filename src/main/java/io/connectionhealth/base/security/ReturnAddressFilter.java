package io.connectionhealth.base.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;

/**
 * Puts the address a page request was turned away from on its redirect to the sign-in page ({@code /login?to=…}), so
 * that each tab carries its own (ReturnAddress): read back from the session's one saved request, tabs reloaded at the
 * same moment all got the last one's.
 */
final class ReturnAddressFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String signIn = request.getContextPath() + "/login";
        if (!"GET".equals(request.getMethod()) || signIn.equals(request.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        String address = ReturnAddress.local(request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        // an address too long to carry (or to save) leads to the start page, as it did: said, or the form would fall
        // back to the session's saved address, another tab's
        String to = address != null ? address : request.getContextPath() + "/";
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void sendRedirect(String location) throws IOException {
                super.sendRedirect(toSignIn(location, signIn) ? location + "?" + ReturnAddress.query(to) : location);
            }
        });
    }

    private static boolean toSignIn(String location, String signIn) {
        try {
            URI uri = URI.create(location);
            return signIn.equals(uri.getRawPath()) && uri.getRawQuery() == null;
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }
}
