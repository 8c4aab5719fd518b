package io.connectionhealth.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again: the n-th failed attempt of an event waits the n-th delay of the schedule, plus up to
 * {@code jitter} of it (so that events failed together do not all come back at the same instant), and never less
 * than the receiver's {@code Retry-After} (seconds or an HTTP date; capped at a day so a typo cannot park an
 * event for ever). Past the end of the schedule the event has failed.
 */
record RetrySchedule(List<Duration> delays, double jitter) {

    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    /** The time of the next attempt after {@code failedAttempts} failures, or empty when the schedule is used up. */
    Optional<Instant> next(Instant now, int failedAttempts, String retryAfter) {
        if (failedAttempts < 1 || failedAttempts > delays.size()) {
            return Optional.empty();
        }
        Duration delay = withJitter(delays.get(failedAttempts - 1));
        Duration asked = parseRetryAfter(retryAfter, now);
        // the cap bounds what the receiver asks for, never the schedule's own delay
        Duration allowed = asked == null ? Duration.ZERO : capped(asked);
        return Optional.of(now.plus(allowed.compareTo(delay) > 0 ? allowed : delay));
    }

    /**
     * The time a 429's {@code Retry-After} asked the next attempt to wait for (capped as above), or empty: a rate limit
     * holds whatever else the receiver answers meanwhile. A 503's is an estimate of an outage, which a success ends.
     */
    Optional<Instant> notBefore(Instant now, Integer status, String retryAfter) {
        Duration asked = status != null && status == 429 ? parseRetryAfter(retryAfter, now) : null;
        if (asked == null || asked.isZero()) {
            return Optional.empty();
        }
        return Optional.of(now.plus(capped(asked)));
    }

    /** The time {@code Retry-After} asks for, whatever the status (capped as above), or empty. */
    Optional<Instant> askedFor(Instant now, String retryAfter) {
        Duration asked = parseRetryAfter(retryAfter, now);
        return asked == null ? Optional.empty() : Optional.of(now.plus(capped(asked)));
    }

    /** At most a day: a typo in a receiver's header cannot park an event for ever. */
    private static Duration capped(Duration asked) {
        return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
    }

    private Duration withJitter(Duration delay) {
        if (jitter == 0 || delay.isZero()) {
            return delay;
        }
        // only ever later: SPEC makes each duration the delay after the failed attempt, and a receiver told "5 s"
        // should not see the retry after 4
        double factor = 1 + ThreadLocalRandom.current().nextDouble(0, jitter);
        return Duration.ofNanos(Math.round(delay.toNanos() * factor));
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return MAX_RETRY_AFTER;
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
