package io.connectionhealth.base.security;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Bounds the sessions nobody has signed in to. Every page opened without signing in (the sign-in page, a bookmark)
 * starts a session, which lives for the idle timeout (30 min): a client requesting pages in a loop, with no cookie,
 * filled a 512 MiB heap in minutes. Past {@link #MAX} such sessions, the oldest is ended. A signed-in session is never
 * ended here; at worst a sign-in page left open during such a flood has to be loaded again.
 */
@Component
class AnonymousSessionLimit implements HttpSessionListener {

    /** Far above real use; 2,000 sessions held 4 to 8 MiB when measured (operations.md, Sign-in). */
    static final int MAX = 2_000;

    private static final Logger log = LoggerFactory.getLogger(AnonymousSessionLimit.class);

    private final int max;
    /** In creation order; a session leaves it when it ends, or when it is found signed in. */
    private final Set<HttpSession> anonymous = new LinkedHashSet<>();
    private long ended;

    AnonymousSessionLimit() {
        this(MAX);
    }

    AnonymousSessionLimit(int max) {
        this.max = max;
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        List<HttpSession> toEnd = new ArrayList<>();
        boolean first;
        synchronized (this) {
            anonymous.add(event.getSession());
            for (Iterator<HttpSession> oldest = anonymous.iterator(); anonymous.size() > max && oldest.hasNext(); ) {
                HttpSession session = oldest.next();
                oldest.remove();
                if (!signedIn(session)) {
                    toEnd.add(session);
                }
            }
            first = ended == 0 && !toEnd.isEmpty();
            ended += toEnd.size();
        }
        if (first) {
            log.warn("More than {} dashboard sessions without a sign-in: the oldest are being ended (many page requests "
                    + "without a cookie, such as a flood or a broken health check; signed-in users are not affected)", max);
        }
        for (HttpSession session : toEnd) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyEnded) {
                // ended meanwhile
            }
        }
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        synchronized (this) {
            anonymous.remove(event.getSession());
        }
    }

    synchronized int tracked() {
        return anonymous.size();
    }

    private static boolean signedIn(HttpSession session) {
        try {
            return session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) != null;
        } catch (IllegalStateException ended) {
            return false;
        }
    }
}
