package io.connectionhealth.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code app.webhooks.*} (SPEC §6). {@code retrySchedule} is the delay after each failed attempt in turn
 * (env APP_WEBHOOKS_RETRY_SCHEDULE); once it is used up the event is failed. {@code allowedCidrs} opens private
 * or loopback targets (env APP_WEBHOOKS_ALLOWED_CIDRS), which are refused by default. Ordinary Spring durations
 * (SPEC §6): a number without a unit is milliseconds, so a schedule spent within a second is warned about
 * ({@code 5,300} meant as seconds uses up every retry in 305 ms).
 */
@ConfigurationProperties("app.webhooks")
public record WebhookProperties(
        List<Duration> retrySchedule,
        @DefaultValue("") List<String> allowedCidrs,
        @DefaultValue("5d") Duration disableAfter,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration responseTimeout,
        @DefaultValue("24h") Duration previousSecretValidity,
        @DefaultValue("0.2") Double jitter, // boxed: "" (APP_WEBHOOKS_JITTER=) then means the default, as elsewhere
        @DefaultValue("1m") Duration recoveryAfterFailingFor) {

    /** The retry schedule when none is set, or an empty one. */
    static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    public WebhookProperties {
        if (retrySchedule == null) {
            retrySchedule = DEFAULT_SCHEDULE;
        } else if (retrySchedule.isEmpty()) {
            // SPEC §4: a failed delivery is retried; an empty value (a variable set to nothing) had silently meant
            // "never", and refusing to start over it would stop a deployment whose template leaves it blank
            org.slf4j.LoggerFactory.getLogger(WebhookProperties.class).warn("app.webhooks.retry-schedule "
                    + "(APP_WEBHOOKS_RETRY_SCHEDULE) is empty: the default schedule {} is used", DEFAULT_SCHEDULE);
            retrySchedule = DEFAULT_SCHEDULE;
        }
        retrySchedule = List.copyOf(retrySchedule);
        allowedCidrs = allowedCidrs.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        AddressPolicy.allowList(allowedCidrs); // here, not when the client is made: before the database is migrated
        if (allowedCidrs.stream().anyMatch(c -> c.endsWith("/0"))) {
            org.slf4j.LoggerFactory.getLogger(WebhookProperties.class).warn("app.webhooks.allowed-cidrs "
                    + "(APP_WEBHOOKS_ALLOWED_CIDRS) holds {}, which lets webhooks reach every private and loopback "
                    + "address: a notification URL could then call into your own network. List the receivers' own "
                    + "addresses (a /32) instead", allowedCidrs.stream().filter(c -> c.endsWith("/0")).toList());
        }
        for (Duration delay : retrySchedule) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("app.webhooks.retry-schedule: delays must not be negative, was " + delay);
            }
        }
        Duration total = retrySchedule.stream().reduce(Duration.ZERO, Duration::plus);
        if (total.compareTo(Duration.ofSeconds(1)) < 0) {
            org.slf4j.LoggerFactory.getLogger(WebhookProperties.class).warn("app.webhooks.retry-schedule "
                    + "(APP_WEBHOOKS_RETRY_SCHEDULE) uses up every retry within {} ms: a number without a unit is "
                    + "milliseconds; write 5s, 5m, 2h", total.toMillis());
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("app.webhooks.jitter must be in [0, 1), was " + jitter);
        }
        // zero or negative, each of these had started the application: a response timeout of 0 s failed every
        // delivery, a negative disable-after disabled the endpoint at its first failure
        positive("disable-after", disableAfter);
        positive("connect-timeout", connectTimeout);
        positive("response-timeout", responseTimeout);
        if (recoveryAfterFailingFor.isNegative()) {
            throw new IllegalArgumentException("app.webhooks.recovery-after-failing-for must not be negative, was "
                    + recoveryAfterFailingFor);
        }
        if (previousSecretValidity.isNegative()) {
            throw new IllegalArgumentException("app.webhooks.previous-secret-validity (APP_WEBHOOKS_PREVIOUS_SECRET_VALIDITY)"
                    + " must not be negative, was " + previousSecretValidity);
        }
        if (responseTimeout.compareTo(STOP_WAITS) > 0) {
            // the response timeout is the whole attempt's deadline (WebhookClient), connecting included
            org.slf4j.LoggerFactory.getLogger(WebhookProperties.class).warn("app.webhooks.response-timeout ({}) is "
                    + "longer than a stop waits for deliveries in progress ({}): a delivery cut off by a stop is sent "
                    + "again after the restart", responseTimeout, STOP_WAITS);
        }
    }

    /** db-scheduler.shutdown-max-wait (application.properties): what a stop gives the deliveries in progress. */
    private static final Duration STOP_WAITS = Duration.ofSeconds(25);

    private static void positive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("app.webhooks." + name + " (APP_WEBHOOKS_"
                    + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + ") must be longer than zero, was " + value);
        }
    }
}
