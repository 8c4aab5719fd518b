package io.connectionhealth.base.sql;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the database refused a write for a full disk lately. On PostgreSQL nothing else says so: reads work, so
 * readiness and the dashboard looked healthy while every batch of calls was refused (a disk audit). Raised where this
 * application's refusals are classified (the API's answers, the webhook deliveries' records; not from the log, whose
 * filters every application context in a JVM shares); it falls a minute after the last refusal.
 */
@Component
public class DiskFullAlarm {

    static final Duration LASTS = Duration.ofMinutes(1);

    private final Clock clock;
    private final AtomicReference<Instant> last = new AtomicReference<>();

    public DiskFullAlarm(Clock clock) {
        this.clock = clock;
    }

    /** Notes a failure if it is a full disk's; returns whether it was. */
    public boolean check(Throwable failure) {
        boolean diskFull = DatabaseDown.diskFull(failure);
        if (diskFull) {
            last.set(clock.instant());
        }
        return diskFull;
    }

    /** When the last refusal was, if within the last minute. */
    public Instant raisedAt() {
        Instant at = last.get();
        return at != null && at.plus(LASTS).isAfter(clock.instant()) ? at : null;
    }
}
