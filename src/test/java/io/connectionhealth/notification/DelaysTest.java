package io.connectionhealth.notification;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DelaysTest {

    @Test
    void aRetryScheduleReadsInItsLargestWholeUnits() {
        assertThat(Delays.of(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(10), Duration.ofDays(1), Duration.ofDays(5))))
                .isEqualTo("5 s, 5 min, 30 min, 2 h, 10 h, 24 h, 5 d");
        assertThat(Delays.of(List.of(Duration.ofMillis(300), Duration.ofSeconds(90), Duration.ZERO)))
                .isEqualTo("300 ms, 90 s, 0 ms");
        assertThat(Delays.of(List.of(Duration.ofMillis(1500), Duration.ofHours(25), Duration.ofHours(36))))
                .as("not a whole second: ms; hours that are no whole number of days stay hours")
                .isEqualTo("1500 ms, 25 h, 36 h");
    }
}
