package io.connectionhealth.base;

import io.connectionhealth.base.security.SessionProperties;
import io.connectionhealth.notification.WebhookProperties;
import io.connectionhealth.workspace.RetentionProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The duration settings as an operator writes them in the environment, bound as the application binds them. */
@ExtendWith(OutputCaptureExtension.class)
class DurationSettingsTest {

    private static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
    }

    @Test
    void aNumberWithoutAUnitIsMillisecondsAsSpringReadsItAndASpentScheduleIsWarnedAbout(CapturedOutput output) {
        // SPEC §6: ordinary Spring properties; "5,300,1800" meant as seconds is said in the log, not reinterpreted
        WebhookProperties webhooks = bind("app.webhooks", WebhookProperties.class,
                Map.of("app.webhooks.retry-schedule", "5,300,1800"));
        assertThat(webhooks.retrySchedule()).containsExactly(Duration.ofMillis(5), Duration.ofMillis(300),
                Duration.ofMillis(1800));
        assertThat(output.getOut()).doesNotContain("uses up every retry");
        bind("app.webhooks", WebhookProperties.class, Map.of("app.webhooks.retry-schedule", "5,300"));
        assertThat(output.getOut()).contains("APP_WEBHOOKS_RETRY_SCHEDULE) uses up every retry within 305 ms");
        assertThat(bind("app.retention", RetentionProperties.class, Map.of("app.retention.purge-interval", "60"))
                .purgeInterval()).isEqualTo(Duration.ofMillis(60));
        assertThat(output.getOut()).contains("APP_RETENTION_PURGE_INTERVAL) is 60 ms");
        assertThatThrownBy(() -> bind("app.security", SessionProperties.class,
                Map.of("app.security.session-max-age", "3600"))).rootCause()
                .hasMessageContaining("a number without a unit is milliseconds");
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
    void anEmptyRetryScheduleIsTheDefaultNotNoRetries(CapturedOutput output) {
        assertThat(bind("app.webhooks", WebhookProperties.class, Map.of("app.webhooks.retry-schedule", ""))
                .retrySchedule()).isEqualTo(bind("app.webhooks", WebhookProperties.class, Map.of()).retrySchedule())
                .hasSize(7);
        assertThat(output.getOut()).contains("APP_WEBHOOKS_RETRY_SCHEDULE) is empty: the default schedule");
    }

    /** As every other setting given as nothing: the numbers had failed the start with "null to a primitive type". */
    @Test
    void aNumberGivenAsNothingIsItsDefault() {
        assertThat(bind("app.webhooks", WebhookProperties.class, Map.of("app.webhooks.jitter", "")).jitter())
                .isEqualTo(0.2);
        assertThat(bind("app.retention", RetentionProperties.class, Map.of("app.retention.duty-cycle", ""))
                .dutyCycle()).isEqualTo(0.5);
    }
}
