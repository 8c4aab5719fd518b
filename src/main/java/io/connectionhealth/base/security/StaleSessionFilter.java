package io.connectionhealth.base.security;

import io.connectionhealth.base.api.Problems;
import io.connectionhealth.base.sql.DatabaseDown;
import io.connectionhealth.base.ui.LoginView;
import io.connectionhealth.workspace.SignedInUser;
import io.connectionhealth.workspace.UserAccountService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A dashboard session ends at its next request once it is older than {@link SessionProperties#sessionMaxAge()} since
 * its sign-in (counted from its first signed-in request). It also ends at its next request (one indexed lookup) when
 * its user was removed, or when the user's password changed since the session signed in: views already built would
 * otherwise keep acting for a removed user, and a password changed because it leaked would leave the intruder's
 * session open. The session's principal carries the stamp of the password hash its sign-in checked ({@link
 * SignedInUser}); the check reads the database, so it holds across instances. The session that changed the password
 * keeps going ({@link SignedInSessions}). A principal without a stamp (a session from before stamps existed) counts as
 * stale.
 */
class StaleSessionFilter extends OncePerRequestFilter {

    static final String SIGNED_IN_AT = SignedInSessions.SIGNED_IN_AT;
    static final String SIGNED_IN_COOKIE = LoginView.MARK_COOKIE;
    private static final Duration REMEMBER_ENDED = Duration.ofMinutes(1);
    private static final int MAX_REMEMBERED = 10_000;
    /** Sessions this filter ended in the last minute, by id, with why. */
    private final Map<String, LoginView.SessionEnd> recentlyEnded = new ConcurrentHashMap<>();

    private final UserAccountService users;
    private final SecurityContextHolderStrategy contexts;
    private final Duration maxAge;
    private final Clock clock;

    StaleSessionFilter(UserAccountService users, SecurityContextHolderStrategy contexts, Duration maxAge, Clock clock) {
        this.users = users;
        this.contexts = contexts;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession existing = request.getSession(false);
        if (request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()
                && (existing == null || existing.isNew()) && !isEnded(existing)
                && (hasSignedInMarker(request) || recentlyEnded.containsKey(request.getRequestedSessionId()))) {
            // the browser names a session that is gone (idle too long, a restart): the sign-in page says so, where it
            // had come up without a word (signing out deletes the cookie, so this is not said after it). One this
            // filter ended keeps its reason: the page's other requests still name it, and their new session's
            // cookie may be the one the browser keeps
            LoginView.SessionEnd known = recentlyEnded.get(request.getRequestedSessionId());
            request.getSession(true).setAttribute(LoginView.SESSION_ENDED, known != null ? known
                    : new LoginView.SessionEnd(clock.instant(), LoginView.SessionEnd.Why.EXPIRED));
            response.addCookie(marker(request, null));
        }
        Authentication auth = contexts.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            Optional<String> stamp;
            try {
                stamp = users.credentialStamp(auth.getName());
            } catch (DataAccessException | CannotCreateTransactionException down) {
                if (!DatabaseDown.is(down) || !pageLoad(request)) {
                    throw down; // an open page's own request: its "reconnecting" notice recovers by itself
                }
                databaseDownPage(response); // was Spring's Whitelabel error page, a 500
                return;
            }
            boolean current = stamp.isPresent() && auth.getPrincipal() instanceof SignedInUser user
                    && stamp.get().equals(user.credentialStamp());
            if (!current) {
                end(request, LoginView.SessionEnd.Why.USER_CHANGED);
            } else if (tooOld(request.getSession(false))) {
                end(request, LoginView.SessionEnd.Why.TIME_LIMIT);
            } else if (!hasSignedInMarker(request)) {
                response.addCookie(marker(request, LoginView.MARK_SIGNED_IN));
            }
        }
        chain.doFilter(request, response);
    }

    /** A page opened (a link, a bookmark, Reload), not a request of a page already open (Vaadin's own, with v-r). */
    private static boolean pageLoad(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && request.getParameter("v-r") == null;
    }

    /** A page that says what is wrong and tries again by itself. */
    static void databaseDownPage(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", Problems.RETRY_AFTER_SECONDS);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="30">
                <title>Database unreachable · Connection Health</title></head>
                <body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto; padding: 0 1em">
                <main><h1>Connection Health cannot reach its database</h1>
                <p>Nothing is lost: this page tries again every 30 seconds and shows the dashboard once the database
                answers. If it goes on, tell whoever runs Connection Health (its log says what failed).</p></main>
                </body></html>""");
    }

    /**
     * Whether the browser had signed in: a session that expired before anyone signed in with it (a sign-in page left
     * open overnight) had said "Your session expired" on the sign-in page it reloaded (an audit). Signing out marks
     * the browser as signed out instead, as it deletes the session's cookie.
     */
    private static boolean hasSignedInMarker(HttpServletRequest request) {
        return request.getCookies() != null && java.util.Arrays.stream(request.getCookies())
                .anyMatch(c -> SIGNED_IN_COOKIE.equals(c.getName()) && LoginView.MARK_SIGNED_IN.equals(c.getValue()));
    }

    /** What signing out leaves, for the sign-in page of every tab of the browser: they had reloaded without a word. */
    static jakarta.servlet.http.Cookie signedOutMarker(HttpServletRequest request) {
        return marker(request, LoginView.MARK_SIGNED_OUT);
    }

    /** The marker with this value, or its deletion for null. */
    private static jakarta.servlet.http.Cookie marker(HttpServletRequest request, String value) {
        var cookie = new jakarta.servlet.http.Cookie(SIGNED_IN_COOKIE, value == null ? "" : value);
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setAttribute("SameSite", "Lax");
        cookie.setMaxAge(value == null ? 0 : -1); // for the browser's session, as the session's own cookie
        return cookie;
    }

    /** Whether this new session already says why the one before it ended (the user changed, its time was up). */
    private static boolean isEnded(HttpSession session) {
        return session != null && session.getAttribute(LoginView.SESSION_ENDED) != null;
    }

    private boolean tooOld(HttpSession session) {
        if (session == null) {
            return false;
        }
        Instant now = clock.instant();
        if (!(session.getAttribute(SIGNED_IN_AT) instanceof Instant signedInAt)) {
            session.setAttribute(SIGNED_IN_AT, now);
            return false;
        }
        return signedInAt.plus(maxAge).isBefore(now);
    }

    private void end(HttpServletRequest request, LoginView.SessionEnd.Why why) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            Instant now = clock.instant();
            recentlyEnded.values().removeIf(e -> e.at().isBefore(now.minus(REMEMBER_ENDED)));
            if (recentlyEnded.size() < MAX_REMEMBERED) {
                recentlyEnded.put(session.getId(), new LoginView.SessionEnd(now, why));
            }
            session.invalidate();
            // the sign-in page this request ends up on says why
            request.getSession(true).setAttribute(LoginView.SESSION_ENDED, new LoginView.SessionEnd(now, why));
        }
        contexts.clearContext();
    }
}
