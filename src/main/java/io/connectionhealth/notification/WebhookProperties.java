package io.connectionhealth.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code app.webhooks.*} (SPEC §6). {@code retrySchedule} is the delay after each failed attempt in turn
 * (env APP_WEBHOOKS_RETRY_SCHEDULE); once it is used up the event is failed. {@code allowedCidrs} opens private
 * or loopback targets (env APP_WEBHOOKS_ALLOWED_CIDRS), which are refused by default.
 */
@ConfigurationProperties("app.webhooks")
public record WebhookProperties(
        @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retrySchedule,
        @DefaultValue("") List<String> allowedCidrs,
        @DefaultValue("5d") Duration disableAfter,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration responseTimeout,
        @DefaultValue("24h") Duration previousSecretValidity,
        @DefaultValue("0.2") double jitter) {

    public WebhookProperties {
        retrySchedule = List.copyOf(retrySchedule);
        allowedCidrs = allowedCidrs.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (Duration delay : retrySchedule) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("app.webhooks.retry-schedule: delays must not be negative, was " + delay);
            }
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("app.webhooks.jitter must be in [0, 1), was " + jitter);
        }
    }
}
