package io.connectionhealth.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * What an operator alerts on about webhooks (docs/operations.md, Metrics): attempts by outcome, events given up, and
 * the backlog, read from the database at each scrape, so every instance reports the same backlog.
 */
@Component
class DeliveryMetrics {

    private final Counter delivered;
    private final Counter failed;
    private final Counter givenUp;

    DeliveryMetrics(MeterRegistry meters, EventLog events, Clock clock) {
        delivered = attempts(meters, "delivered");
        failed = attempts(meters, "failed");
        givenUp = Counter.builder("connection_health.webhook.events.failed")
                .description("Events whose retry schedule was used up without a delivery (failed for good)")
                .register(meters);
        Gauge.builder("connection_health.webhook.events.waiting", events, log -> waiting(log, false))
                .description("Events with a delivery attempt to come (pending or retrying), all workspaces")
                .register(meters);
        Gauge.builder("connection_health.webhook.events.parked", events, log -> waiting(log, true))
                .description("Events kept while their endpoint is disabled, sent once it is re-enabled")
                .register(meters);
        Gauge.builder("connection_health.webhook.oldest.waiting", events, log -> {
                    Backlog backlog = backlog(log, false);
                    return backlog == null ? Double.NaN : backlog.oldest() == null ? 0
                            : Duration.between(backlog.oldest(), clock.instant()).toMillis() / 1000.0;
                })
                .baseUnit("seconds")
                .description("Age of the oldest event with an attempt to come; 0 when none").register(meters);
    }

    private static double waiting(EventLog events, boolean parked) {
        Backlog backlog = backlog(events, parked);
        return backlog == null ? Double.NaN : backlog.waiting();
    }

    private static Counter attempts(MeterRegistry meters, String outcome) {
        return Counter.builder("connection_health.webhook.attempts").tag("outcome", outcome)
                .description("Delivery attempts by outcome (failed: any answer but 2xx, or none)").register(meters);
    }

    /** Null while the database cannot be read: the gauges then say NaN, a gap in the graph rather than a false 0. */
    private static Backlog backlog(EventLog events, boolean parked) {
        try {
            return events.backlogOfAll(parked);
        } catch (DataAccessException unreadable) {
            return null;
        }
    }

    void attempt(boolean success) {
        (success ? delivered : failed).increment();
    }

    void gaveUp() {
        givenUp.increment();
    }
}
