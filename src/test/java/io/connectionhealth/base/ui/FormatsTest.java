package io.connectionhealth.base.ui;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void relativeTimesSayWhichWayTheyAre() {
        assertThat(Formats.relative(null, NOW)).isEqualTo("never");
        assertThat(Formats.relative(NOW, NOW)).isEqualTo("just now");
        assertThat(Formats.relative(NOW.minusSeconds(30), NOW)).isEqualTo("just now");
        assertThat(Formats.relative(NOW.minusSeconds(300), NOW)).isEqualTo("5 min ago");
        assertThat(Formats.relative(NOW.minusSeconds(3 * 3600), NOW)).isEqualTo("3 h ago");
        assertThat(Formats.relative(NOW.minusSeconds(3 * 86400), NOW)).isEqualTo("3 d ago");
        assertThat(Formats.relative(NOW.plusSeconds(20), NOW)).as("a caller's clock a little ahead").isEqualTo("just now");
        assertThat(Formats.relative(NOW.plusSeconds(240), NOW)).isEqualTo("in 4 min");
    }

    @Test
    void whatIsPlannedSaysHowSoon() {
        // a retry 20 s away is not "just now"
        assertThat(Formats.until(NOW.plusSeconds(20), NOW)).isEqualTo("in 20 s");
        assertThat(Formats.until(NOW.plusMillis(300), NOW)).isEqualTo("in 1 s");
        assertThat(Formats.until(NOW.plusSeconds(240), NOW)).isEqualTo("in 4 min");
        assertThat(Formats.until(NOW, NOW)).isEqualTo("now");
        assertThat(Formats.until(NOW.minusSeconds(5), NOW)).isEqualTo("now");
    }
}
