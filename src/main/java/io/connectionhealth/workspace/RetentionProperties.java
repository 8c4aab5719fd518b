package io.connectionhealth.workspace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code app.retention.*}. {@code purgeInterval} (env APP_RETENTION_PURGE_INTERVAL): how long after one retention
 * purge finishes the next one starts. A shorter interval means smaller purges; on a start, a pending purge further
 * away than one interval is brought forward, so that a lowered interval applies without waiting for the old one.
 */
@ConfigurationProperties("app.retention")
public record RetentionProperties(@DefaultValue("1h") Duration purgeInterval) {

    public RetentionProperties {
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("app.retention.purge-interval must be positive, was " + purgeInterval);
        }
    }
}
