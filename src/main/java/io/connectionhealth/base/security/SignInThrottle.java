package io.connectionhealth.base.security;

import io.connectionhealth.base.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing on the sign-in page: one username from one address gets {@value #MAX_FAILURES} attempts
 * within {@link #WINDOW}; after that the pair may not try again until {@link #LOCK} has passed since its last attempt
 * (the form says so, and no password is checked meanwhile). An attempt is counted before its password is checked, so
 * that guesses sent in parallel are counted too; a successful sign-in clears the pair. Keyed by username and address
 * together, so that someone guessing cannot lock the real user out from elsewhere. Kept in memory, bounded: each
 * instance counts its own sign-ins, and a restart forgets them.
 */
@Component
public class SignInThrottle {

    public static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration LOCK = Duration.ofMinutes(15);
    /** Usernames are at most this long (app_user.username); a longer one cannot sign in and is not counted. */
    public static final int MAX_USERNAME_LENGTH = 100;
    /** Past this many pairs, expired ones are dropped (at most once a minute). */
    private static final int PRUNE_ABOVE = 10_000;
    /**
     * The most pairs kept (a few MB): beyond it, after the expired ones, the counts that are no lock go, and if locks
     * alone exceed it, all go. Someone cycling through made-up usernames can then reset counts, not fill the heap.
     */
    static final int MAX_PAIRS = 50_000;

    /** {@code told}: the lock's first refusal was logged (once per lock, however often it is tried meanwhile). */
    private record Attempts(int count, Instant first, Instant last, boolean told) {
        Attempts(int count, Instant first, Instant last) {
            this(count, first, last, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Instant lastPrune = Instant.MIN;

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Takes one attempt for the pair, before its password is checked; false when the pair is locked. */
    public boolean tryAttempt(String username, String address) {
        Instant now = clock.instant();
        boolean[] allowed = {true};
        boolean[] tell = {false};
        attempts.compute(key(username, address), (k, a) -> {
            if (a == null || expired(a, now)) {
                return new Attempts(1, now, now);
            }
            if (a.count() >= MAX_FAILURES) {
                allowed[0] = false;
                tell[0] = !a.told();
                return tell[0] ? new Attempts(a.count(), a.first(), a.last(), true) : a;
            }
            return new Attempts(a.count() + 1, a.first(), now);
        });
        if (attempts.size() > MAX_PAIRS || attempts.size() > PRUNE_ABOVE && !now.isBefore(lastPrune.plusSeconds(60))) {
            prune(now);
        }
        if (tell[0]) {
            // what a self-hoster watches for (fail2ban reads it): once per lock, not per refused attempt
            log.warn("Sign-in of user '{}' from {} refused: locked for {} minutes after {} failed attempts",
                    AuditLog.typed(username), address, LOCK.toMinutes(), MAX_FAILURES);
        }
        return allowed[0];
    }

    boolean locked(String username, String address) {
        Attempts a = attempts.get(key(username, address));
        return a != null && a.count() >= MAX_FAILURES && !expired(a, clock.instant());
    }

    /** Counts that never reached the limit start over after the window; a lock ends after its time. */
    private static boolean expired(Attempts a, Instant now) {
        return a.count() < MAX_FAILURES ? !now.isBefore(a.first().plus(WINDOW)) : !now.isBefore(a.last().plus(LOCK));
    }

    private synchronized void prune(Instant now) {
        lastPrune = now;
        attempts.values().removeIf(a -> expired(a, now));
        if (attempts.size() > MAX_PAIRS) {
            attempts.values().removeIf(a -> a.count() < MAX_FAILURES);
        }
        if (attempts.size() > MAX_PAIRS) {
            attempts.clear();
        }
    }

    int pairs() {
        return attempts.size();
    }

    /** Gives back an attempt whose password could not be checked (the database was unreachable): it was no guess. */
    void refund(String username, String address) {
        attempts.computeIfPresent(key(username, address), (k, a) -> a.count() <= 1 ? null
                : new Attempts(a.count() - 1, a.first(), a.last()));
    }

    public void succeeded(String username, String address) {
        attempts.remove(key(username, address));
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        Authentication authentication = event.getAuthentication();
        log.info("Sign-in failed for user '{}' from {} ({})", AuditLog.typed(authentication.getName()),
                authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null,
                event.getException().getClass().getSimpleName());
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        Authentication authentication = event.getAuthentication();
        succeeded(authentication.getName(), authentication.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : null);
    }

    private static String key(String username, String address) {
        // trim(), as the sign-in filter does (it drops control characters that strip() keeps): "admin\u0001" is admin
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return (name.length() > MAX_USERNAME_LENGTH ? name.substring(0, MAX_USERNAME_LENGTH) : name) + "\n"
                + network(address);
    }

    /**
     * The address as the throttle counts it: an IPv6 address by its /64, the block one subscriber or host is given
     * (counted one by one, each of its 2^64 addresses would get 5 guesses); an IPv4 address by itself.
     */
    static String network(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        try {
            // a literal (it holds a colon, so it is never looked up in DNS); Tomcat's remote address always is one
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return InetAddress.getByAddress(bytes).getHostAddress(); // ::ffff:192.0.2.1 is 192.0.2.1
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException notALiteral) {
            return address;
        }
    }
}
