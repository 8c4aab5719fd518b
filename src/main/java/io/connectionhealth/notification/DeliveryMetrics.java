package io.connectionhealth.notification;

import io.connectionhealth.base.sql.BoundedRead;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * What an operator alerts on about webhooks (docs/operations.md, Metrics): attempts by outcome, events given up, and
 * the backlog, read from the database at each scrape, so every instance reports the same backlog.
 */
@Component
class DeliveryMetrics {

    private static final Duration READING_KEPT = Duration.ofSeconds(1);
    private static final Duration READ_WITHIN = Duration.ofSeconds(2);

    private final Counter delivered;
    private final Counter failed;
    private final Counter givenUp;
    private final Clock clock;
    private final BoundedRead<EventLog.Waiting> reads;

    private record Reading(EventLog.@Nullable Waiting waiting, java.time.Instant at) {
    }

    private volatile Reading reading;

    DeliveryMetrics(MeterRegistry meters, EventLog events, Clock clock) {
        delivered = attempts(meters, "delivered");
        failed = attempts(meters, "failed");
        givenUp = Counter.builder("connection_health.webhook.events.failed")
                .description("Events whose retry schedule was used up without a delivery (failed for good)")
                .register(meters);
        Gauge.builder("connection_health.webhook.events.waiting", events, log -> read(w -> w.scheduled()))
                .description("Events with a delivery attempt to come (pending or retrying), all workspaces")
                .register(meters);
        Gauge.builder("connection_health.webhook.events.parked", events, log -> read(w -> w.parked()))
                .description("Events kept while their endpoint is disabled, sent once it is re-enabled")
                .register(meters);
        Gauge.builder("connection_health.webhook.oldest.waiting", events, log -> read(w ->
                        w.oldestScheduled() == null ? 0
                                : Duration.between(w.oldestScheduled(), clock.instant()).toMillis() / 1000.0))
                .baseUnit("seconds")
                .description("Age of the oldest event with an attempt to come; 0 when none").register(meters);
        this.clock = clock;
        this.reads = new BoundedRead<>("webhook-backlog-metrics", events::waitingOfAll);
    }

    /**
     * One reading for the three gauges of a scrape (they are read one after another within it); NaN while the
     * database cannot be read, a gap in the graph rather than a false 0. Waited for at most {@link #READ_WITHIN}: while
     * the database was away a scrape had waited for the pool's 30 s, past any scraper's timeout, and lost the JVM's,
     * the pool's and the requests' series with it.
     */
    private double read(java.util.function.ToDoubleFunction<EventLog.Waiting> value) {
        Reading last = reading;
        if (last == null || last.at().plus(READING_KEPT).isBefore(clock.instant())) {
            EventLog.Waiting waiting;
            try {
                waiting = reads.get(READ_WITHIN);
            } catch (DataAccessException | TimeoutException unreadable) {
                waiting = null; // kept as such, so that the scrape's other gauges do not wait again
            }
            last = new Reading(waiting, clock.instant());
            reading = last;
        }
        return last.waiting() == null ? Double.NaN : value.applyAsDouble(last.waiting());
    }

    private static Counter attempts(MeterRegistry meters, String outcome) {
        return Counter.builder("connection_health.webhook.attempts").tag("outcome", outcome)
                .description("Delivery attempts by outcome (failed: any answer but 2xx, or none)").register(meters);
    }

    void attempt(boolean success) {
        (success ? delivered : failed).increment();
    }

    void gaveUp() {
        givenUp.increment();
    }
}
