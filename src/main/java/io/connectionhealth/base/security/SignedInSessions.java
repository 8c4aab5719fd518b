package io.connectionhealth.base.security;

import com.vaadin.flow.server.VaadinSession;
import io.connectionhealth.workspace.SignedInUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import java.time.Instant;
import java.util.Optional;

/** What the dashboard's pages need of their sign-in: when it began, and keeping it after a password change. */
public final class SignedInSessions {

    /** The first signed-in request of the session (StaleSessionFilter), from which its time limit counts. */
    public static final String SIGNED_IN_AT = SignedInSessions.class.getName() + ".signedInAt";

    private SignedInSessions() {
    }

    /** When the current UI session's sign-in began, if it is known. */
    public static Optional<Instant> signedInAt() {
        VaadinSession session = VaadinSession.getCurrent();
        return session != null && session.getSession() != null
                && session.getSession().getAttribute(SIGNED_IN_AT) instanceof Instant at ? Optional.of(at)
                : Optional.empty();
    }

    /**
     * After the current UI session changed its user's password: its principal takes the new credential stamp (in the
     * security context the session keeps), so it stays signed in while every other session of the user ends.
     */
    public static void keepCurrent(String newStamp) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        VaadinSession session = VaadinSession.getCurrent();
        if (auth == null || !(auth.getPrincipal() instanceof SignedInUser user) || session == null
                || session.getSession() == null) {
            return;
        }
        UsernamePasswordAuthenticationToken renewed = UsernamePasswordAuthenticationToken.authenticated(
                user.withCredentialStamp(newStamp), null, auth.getAuthorities());
        renewed.setDetails(auth.getDetails());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(renewed);
        SecurityContextHolder.setContext(context);
        session.getSession().setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
    }
}
