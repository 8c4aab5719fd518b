package io.connectionhealth.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code app.webhooks.*} (SPEC §6). {@code retrySchedule} is the delay after each failed attempt in turn
 * (env APP_WEBHOOKS_RETRY_SCHEDULE); once it is used up the event is failed. {@code allowedCidrs} opens private
 * or loopback targets (env APP_WEBHOOKS_ALLOWED_CIDRS), which are refused by default. A duration without a unit
 * is seconds ({@code 5,300,1800}): Spring's default, milliseconds, had spent a whole retry schedule in 4 s.
 */
@ConfigurationProperties("app.webhooks")
public record WebhookProperties(
        @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) @DurationUnit(ChronoUnit.SECONDS) List<Duration> retrySchedule,
        @DefaultValue("") List<String> allowedCidrs,
        @DefaultValue("5d") @DurationUnit(ChronoUnit.SECONDS) Duration disableAfter,
        @DefaultValue("5s") @DurationUnit(ChronoUnit.SECONDS) Duration connectTimeout,
        @DefaultValue("15s") @DurationUnit(ChronoUnit.SECONDS) Duration responseTimeout,
        @DefaultValue("24h") @DurationUnit(ChronoUnit.SECONDS) Duration previousSecretValidity,
        @DefaultValue("0.2") double jitter) {

    public WebhookProperties {
        retrySchedule = List.copyOf(retrySchedule);
        if (retrySchedule.isEmpty()) {
            // SPEC §4: a failed delivery is retried; an empty value had silently meant "never"
            throw new IllegalArgumentException("app.webhooks.retry-schedule must name at least one delay");
        }
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
