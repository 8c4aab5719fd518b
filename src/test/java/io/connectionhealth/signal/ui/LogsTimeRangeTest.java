package io.connectionhealth.signal.ui;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The logs' typed time range on the night a DST change repeats an hour (Europe/Berlin, 2026-10-25, 02:00–03:00). */
class LogsTimeRangeTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aRangeTypedInTheRepeatedHourCoversItFromFirstToSecondOccurrence() {
        LocalDateTime tenPast = LocalDateTime.parse("2026-10-25T02:10:00");
        LocalDateTime tenTo = LocalDateTime.parse("2026-10-25T02:50:00");
        assertThat(TypedTimes.instant(tenPast, BERLIN, false)).isEqualTo(Instant.parse("2026-10-25T00:10:00Z"));
        assertThat(TypedTimes.instant(tenTo, BERLIN, true)).isEqualTo(Instant.parse("2026-10-25T01:50:00Z"));
        // an unambiguous time is the same either way
        LocalDateTime noon = LocalDateTime.parse("2026-10-25T12:00:00");
        assertThat(TypedTimes.instant(noon, BERLIN, true)).isEqualTo(TypedTimes.instant(noon, BERLIN, false))
                .isEqualTo(Instant.parse("2026-10-25T11:00:00Z"));
        assertThat(TypedTimes.instant(null, BERLIN, true)).isNull();
    }

    @Test
    void toMayReadEarlierThanAFromInTheRepeatedHour() {
        // From 02:45 CEST; To 02:15 CET is half an hour later, so the picker must not call it "Before From"
        assertThat(TypedTimes.earliestTo(Instant.parse("2026-10-25T00:45:00Z"), BERLIN))
                .isEqualTo(LocalDateTime.parse("2026-10-25T02:00:00"));
        assertThat(TypedTimes.earliestTo(Instant.parse("2026-10-25T01:45:00Z"), BERLIN))
                .isEqualTo(LocalDateTime.parse("2026-10-25T02:00:00"));
        assertThat(TypedTimes.earliestTo(Instant.parse("2026-10-25T11:00:00Z"), BERLIN))
                .isEqualTo(LocalDateTime.parse("2026-10-25T12:00:00"));
        assertThat(TypedTimes.earliestTo(null, BERLIN)).isNull();
    }
}
