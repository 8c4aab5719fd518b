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
import java.util.Optional;

/**
 * A dashboard session ends at its next request (one indexed lookup) when its user was removed, or when the user's
 * password changed in another session: views already built would otherwise keep acting for a removed user, and a
 * password changed because it leaked would leave the intruder's session open. The check reads the database, so it
 * holds across instances. The session that changed the password keeps going ({@link SignedInSessions}).
 */
class StaleSessionFilter extends OncePerRequestFilter {

    private final UserAccountService users;
    private final SecurityContextHolderStrategy contexts;

    StaleSessionFilter(UserAccountService users, SecurityContextHolderStrategy contexts) {
        this.users = users;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = contexts.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            Optional<String> stamp = users.credentialStamp(auth.getName());
            HttpSession session = request.getSession(false);
            Object seen = session == null ? null : session.getAttribute(SignedInSessions.STAMP);
            if (stamp.isEmpty() || seen != null && !seen.equals(stamp.get())) {
                if (session != null) {
                    session.invalidate();
                }
                contexts.clearContext();
            } else if (session != null && seen == null) {
                // the first request after signing in (the redirect that follows it)
                session.setAttribute(SignedInSessions.STAMP, stamp.get());
            }
        }
        chain.doFilter(request, response);
    }
}
