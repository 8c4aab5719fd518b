package io.connectionhealth.base.security;

import io.connectionhealth.workspace.UserAccountService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A dashboard user removed by an admin loses an open session at its next request (one indexed lookup), not only when
 * it ends: without this, views already built would keep acting with the removed user's role.
 */
class RemovedUserFilter extends OncePerRequestFilter {

    private final UserAccountService users;
    private final SecurityContextHolderStrategy contexts;

    RemovedUserFilter(UserAccountService users, SecurityContextHolderStrategy contexts) {
        this.users = users;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = contexts.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)
                && users.find(auth.getName()).isEmpty()) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            contexts.clearContext();
        }
        chain.doFilter(request, response);
    }
}
