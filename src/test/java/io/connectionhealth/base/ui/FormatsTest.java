package io.connectionhealth.base.ui;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

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
        assertThat(Formats.relative(NOW.minusSeconds(729L * 86400), NOW)).isEqualTo("729 d ago");
        assertThat(Formats.relative(NOW.minusSeconds(731L * 86400), NOW)).isEqualTo("2 years ago");
        assertThat(Formats.relative(java.time.Instant.parse("0001-01-01T00:00:00Z"), NOW)).isEqualTo("2026 years ago");
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

    @Test
    void exactTimesGiveTheOffsetBesideAnAmbiguousZoneName() {
        assertThat(Formats.exact(NOW, ZoneId.of("Asia/Kolkata"))).isEqualTo("2026-12-03 17:30:00 IST (UTC+05:30)");
        assertThat(Formats.exact(NOW, ZoneId.of("Asia/Jerusalem"))).isEqualTo("2026-12-03 14:00:00 IST (UTC+02:00)");
        assertThat(Formats.exact(NOW, ZoneOffset.UTC)).isEqualTo("2026-12-03 12:00:00 UTC");
        assertThat(Formats.exact(NOW, ZoneId.of("Etc/UTC"))).isEqualTo("2026-12-03 12:00:00 UTC");
        assertThat(Formats.exact(NOW, ZoneId.of("Europe/London"))).as("GMT: the offset alone")
                .isEqualTo("2026-12-03 12:00:00 UTC+00:00");
        assertThat(Formats.exact(NOW, ZoneId.of("America/New_York"))).isEqualTo("2026-12-03 07:00:00 EST (UTC-05:00)");
        assertThat(Formats.exact(null, ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void shortTimesSayTheYearOnlyWhenItIsAnotherOne() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(Formats.shortTime(NOW.minusSeconds(86400), NOW, berlin)).isEqualTo("Dec 2 13:00:00");
        assertThat(Formats.shortTime(Instant.parse("2025-12-03T12:00:00Z"), NOW, berlin)).isEqualTo("2025-12-03 13:00");
        // the year in the reader's zone: 23:30 UTC on New Year's Eve is already next year in Berlin
        Instant newYear = Instant.parse("2027-01-01T00:10:00Z");
        assertThat(Formats.shortTime(Instant.parse("2026-12-31T23:30:00Z"), newYear, berlin)).isEqualTo("Jan 1 00:30:00");
        assertThat(Formats.shortTime(Instant.parse("2026-12-31T22:30:00Z"), newYear, berlin))
                .isEqualTo("2026-12-31 23:30");
    }

    @Test
    void theHourAClockTurnsBackSaysWhichOfItsTwoItIs() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant now = Instant.parse("2026-10-25T12:00:00Z");
        assertThat(Formats.shortTime(Instant.parse("2026-10-25T00:30:00Z"), now, berlin))
                .isEqualTo("Oct 25 02:30:00 +02");
        assertThat(Formats.shortTime(Instant.parse("2026-10-25T01:30:00Z"), now, berlin))
                .isEqualTo("Oct 25 02:30:00 +01");
        ZoneId london = ZoneId.of("Europe/London");
        assertThat(Formats.shortTime(Instant.parse("2026-10-25T01:30:00Z"), now, london))
                .as("not 'UTCZ'").isEqualTo("Oct 25 01:30:00 +00");
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe"); // turns back half an hour
        assertThat(Formats.shortTime(Instant.parse("2026-04-04T14:45:00Z"), now, lordHowe))
                .isEqualTo("Apr 5 01:45:00 +11");
        assertThat(Formats.shortTime(Instant.parse("2026-04-04T15:15:00Z"), now, lordHowe))
                .isEqualTo("Apr 5 01:45:00 +10:30");
        assertThat(Formats.shortTime(Instant.parse("2026-10-25T02:30:00Z"), now, berlin)).isEqualTo("Oct 25 03:30:00");
        assertThat(Formats.shortTime(Instant.parse("2026-10-25T00:30:00Z"), now, ZoneOffset.UTC))
                .isEqualTo("Oct 25 00:30:00");
    }

    @Test
    void userTextIsSetApartFromTheWordsAroundIt() {
        // a right-to-left override inside is closed by the pop: "will be deleted" after it reads as written
        assertThat(Formats.isolated("Repro \u202eabc def")).isEqualTo("\u2068Repro \u202eabc def\u2069");
        assertThat(Formats.isolated(null)).isNull();
    }

    @Test
    void aLongTextIsClippedToItsCharactersWithTheEllipsisCountedIn() {
        assertThat(Formats.clipped("abcdef", 6)).isEqualTo("abcdef");
        assertThat(Formats.clipped("abcdefg", 6)).isEqualTo("abcde…").hasSize(6);
        assertThat(Formats.clipped("😀😀😀", 3)).as("characters, not UTF-16 units").isEqualTo("😀😀😀");
        assertThat(Formats.clipped("😀😀😀😀", 3)).isEqualTo("😀😀…");
        assertThat(Formats.clipped(null, 3)).isNull();
    }

    @Test
    void aFieldMessageShownAloneStartsWithACapital() {
        assertThat(Formats.capitalized("is required")).isEqualTo("Is required");
        assertThat(Formats.capitalized("")).isEmpty();
    }

    @Test
    void durationsUnderASecondAreMillisecondsAndLongerOnesSeconds() {
        assertThat(Formats.duration(null)).isEmpty();
        assertThat(Formats.duration(999L)).isEqualTo("999 ms");
        assertThat(Formats.duration(1000L)).isEqualTo("1.0 s");
        assertThat(Formats.duration(12_345L)).isEqualTo("12.3 s");
    }
}
