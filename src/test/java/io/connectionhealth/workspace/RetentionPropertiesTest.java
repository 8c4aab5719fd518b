package io.connectionhealth.workspace;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionPropertiesTest {

    @Test
    void thePauseAfterABatchKeepsThePurgeToItsDutyCycle() {
        Duration batch = Duration.ofMillis(40);
        assertThat(new RetentionProperties(Duration.ofHours(1), 1.0).pauseAfter(batch)).isZero();
        assertThat(new RetentionProperties(Duration.ofHours(1), 0.5).pauseAfter(batch)).isEqualTo(Duration.ofMillis(40));
        assertThat(new RetentionProperties(Duration.ofHours(1), 0.25).pauseAfter(batch)).isEqualTo(Duration.ofMillis(120));
    }

    @Test
    void outOfRangeValuesAreRefusedAtStartup() {
        assertThatThrownBy(() -> new RetentionProperties(Duration.ZERO, 0.5))
                .hasMessageContaining("app.retention.purge-interval");
        assertThatThrownBy(() -> new RetentionProperties(Duration.ofHours(1), 0.0))
                .hasMessageContaining("app.retention.duty-cycle");
        assertThatThrownBy(() -> new RetentionProperties(Duration.ofHours(1), 1.5))
                .hasMessageContaining("app.retention.duty-cycle");
        assertThatThrownBy(() -> new RetentionProperties(Duration.ofHours(1), Double.NaN))
                .hasMessageContaining("app.retention.duty-cycle");
    }
}
