package io.connectionhealth.workspace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code app.retention.*}. {@code purgeInterval} (env APP_RETENTION_PURGE_INTERVAL): how long after one retention
 * purge finishes the next one starts. A shorter interval means smaller purges; on a start, a pending purge further
 * away than one interval is brought forward, so that a lowered interval applies without waiting for the old one.
 * {@code dutyCycle} (env APP_RETENTION_DUTY_CYCLE, 0 < d ≤ 1): the share of its time the purge spends deleting;
 * after each batch it pauses (1 − d) / d times as long as the batch took, so that on a busy database, where batches
 * take longer, it also yields longer to ingestion. A number without a unit is milliseconds (Spring's durations), so
 * an interval under a minute is warned about: {@code 60} meant as seconds had purged on every poll.
 */
@ConfigurationProperties("app.retention")
public record RetentionProperties(@DefaultValue("1h") Duration purgeInterval,
                                  @DefaultValue("0.5") Double dutyCycle) { // boxed: "" means the default, as elsewhere

    public RetentionProperties {
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("app.retention.purge-interval must be positive, was " + purgeInterval);
        }
        if (purgeInterval.compareTo(Duration.ofMinutes(1)) < 0) {
            org.slf4j.LoggerFactory.getLogger(RetentionProperties.class).warn("app.retention.purge-interval "
                    + "(APP_RETENTION_PURGE_INTERVAL) is {} ms, under a minute: the purge then runs that often (a "
                    + "number without a unit is milliseconds; write 30m, 1h)", purgeInterval.toMillis());
        }
        if (!(dutyCycle > 0 && dutyCycle <= 1)) {
            throw new IllegalArgumentException("app.retention.duty-cycle must be in (0, 1], was " + dutyCycle);
        }
    }

    /** How long to pause after a batch that took {@code batch}. */
    Duration pauseAfter(Duration batch) {
        return Duration.ofNanos((long) (batch.toNanos() * (1 - dutyCycle) / dutyCycle));
    }
}
