package io.connectionhealth.base.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing on the sign-in page: after {@value #MAX_FAILURES} wrong passwords for one username from one
 * address within {@link #WINDOW}, that pair may not try again until {@link #LOCK} has passed since the last one (the
 * form says so, and no password is checked meanwhile). Keyed by username and address together, so that someone
 * guessing cannot lock the real user out from elsewhere. Kept in memory: each instance counts its own sign-ins, and a
 * restart forgets them.
 */
@Component
public class SignInThrottle {

    public static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration LOCK = Duration.ofMinutes(15);
    /** Past this many pairs, expired ones are dropped; the map cannot grow without bound. */
    private static final int PRUNE_ABOVE = 10_000;

    private record Failures(int count, Instant first, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    public boolean locked(String username, String address) {
        Failures f = failures.get(key(username, address));
        return f != null && f.count() >= MAX_FAILURES && clock.instant().isBefore(f.last().plus(LOCK));
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        failures.compute(key(username, address), (k, f) -> f == null || expired(f, now) ? new Failures(1, now, now)
                : new Failures(f.count() + 1, f.first(), now));
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(f -> expired(f, now));
        }
    }

    /** A count that never reached the limit starts over after the window; a lock ends after its time. */
    private static boolean expired(Failures f, Instant now) {
        return f.count() < MAX_FAILURES ? !now.isBefore(f.first().plus(WINDOW)) : !now.isBefore(f.last().plus(LOCK));
    }

    void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    @EventListener
    void on(AuthenticationFailureBadCredentialsEvent event) {
        failed(event.getAuthentication().getName(), address(event.getAuthentication()));
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        succeeded(event.getAuthentication().getName(), address(event.getAuthentication()));
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    private static String key(String username, String address) {
        return (username == null ? "" : username.strip().toLowerCase(Locale.ROOT)) + "\n" + address;
    }
}
