package io.connectionhealth.workspace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * {@code app.retention.*}. {@code purgeInterval} (env APP_RETENTION_PURGE_INTERVAL): how long after one retention
 * purge finishes the next one starts. A shorter interval means smaller purges; on a start, a pending purge further
 * away than one interval is brought forward, so that a lowered interval applies without waiting for the old one.
 * {@code dutyCycle} (env APP_RETENTION_DUTY_CYCLE, 0 < d ≤ 1): the share of its time the purge spends deleting;
 * after each batch it pauses (1 − d) / d times as long as the batch took, so that on a busy database, where batches
 * take longer, it also yields longer to ingestion. A duration without a unit is seconds (Spring's default is
 * milliseconds: {@code 60} had purged on every poll).
 */
@ConfigurationProperties("app.retention")
public record RetentionProperties(@DefaultValue("1h") @DurationUnit(ChronoUnit.SECONDS) Duration purgeInterval,
                                  @DefaultValue("0.5") double dutyCycle) {

    public RetentionProperties {
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("app.retention.purge-interval must be positive, was " + purgeInterval);
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
