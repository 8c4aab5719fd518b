package io.connectionhealth.base.security;

import io.connectionhealth.base.ui.LoginView;
import io.connectionhealth.workspace.SignedInUser;
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
 * password changed since the session signed in: views already built would otherwise keep acting for a removed user,
 * and a password changed because it leaked would leave the intruder's session open. The session's principal carries
 * the stamp of the password hash its sign-in checked ({@link SignedInUser}); the check reads the database, so it holds
 * across instances. The session that changed the password keeps going ({@link SignedInSessions}). A principal without
 * a stamp (a session from before stamps existed) counts as stale.
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
            boolean current = stamp.isPresent() && auth.getPrincipal() instanceof SignedInUser user
                    && stamp.get().equals(user.credentialStamp());
            if (!current) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                    // the sign-in page this request ends up on says why
                    request.getSession(true).setAttribute(LoginView.SESSION_ENDED, java.time.Instant.now());
                }
                contexts.clearContext();
            }
        }
        chain.doFilter(request, response);
    }
}
