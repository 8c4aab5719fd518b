package io.connectionhealth.base;

import io.connectionhealth.base.security.SessionProperties;
import io.connectionhealth.notification.WebhookProperties;
import io.connectionhealth.workspace.RetentionProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The duration settings as an operator writes them in the environment, bound as the application binds them. */
class DurationSettingsTest {

    private static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
    }

    @Test
    void aNumberWithoutAUnitIsSeconds() {
        WebhookProperties webhooks = bind("app.webhooks", WebhookProperties.class,
                Map.of("app.webhooks.retry-schedule", "5,300,1800", "app.webhooks.response-timeout", "20"));
        assertThat(webhooks.retrySchedule()).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(30));
        assertThat(webhooks.responseTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(bind("app.retention", RetentionProperties.class, Map.of("app.retention.purge-interval", "60"))
                .purgeInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(bind("app.security", SessionProperties.class, Map.of("app.security.session-max-age", "3600"))
                .sessionMaxAge()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void unitsAndDefaultsAreAsWritten() {
        WebhookProperties webhooks = bind("app.webhooks", WebhookProperties.class,
                Map.of("app.webhooks.retry-schedule", "500ms,2m"));
        assertThat(webhooks.retrySchedule()).containsExactly(Duration.ofMillis(500), Duration.ofMinutes(2));
        assertThat(bind("app.webhooks", WebhookProperties.class, Map.of()).retrySchedule()).isEqualTo(List.of(
                Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
                Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)));
        assertThat(bind("app.security", SessionProperties.class, Map.of()).sessionMaxAge())
                .isEqualTo(Duration.ofHours(12));
    }

    @Test
    void anEmptyRetryScheduleIsRefusedNotTakenAsNoRetries() {
        assertThatThrownBy(() -> bind("app.webhooks", WebhookProperties.class,
                Map.of("app.webhooks.retry-schedule", "")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("app.webhooks.retry-schedule must name at least one delay");
    }
}
