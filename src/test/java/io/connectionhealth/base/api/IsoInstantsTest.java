package io.connectionhealth.base.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-31T12:00:00Z", "2026-01-31T12:00:00.1Z", "2026-01-31T12:00:00.123456Z",
            "2026-01-31T12:00:00.123456789Z", "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.5Z", "2026-01-31T12:00:00+02:00", "2026-01-31T00:30:00.25-05:30",
            "2026-12-31T23:00:00-18:00", "2026-06-01T01:02:03+18:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
            "2026-01-31T12:00:00+05:59", "2026-01-31T12:00:00-18:00"})
    void reads_what_OffsetDateTime_reads_the_same(String text) {
        assertThat(IsoInstants.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T12:00:00Z", "2026-13-01T12:00:00Z", "2026-01-32T12:00:00Z",
            "2026-01-31T24:00:00Z", "2026-01-31T12:60:00Z", "2026-01-31T12:00:60Z", "2026-01-31T12:00:00",
            "2026-01-31T12:00:00.Z", "2026-01-31T12:00:00.1234567891Z", "2026-01-31t12:00:00Z",
            "2026-01-31T12:00:00+02", "2026-01-31T12:00:00+020", "2026-01-31T12:00:00+19:00", "2026-01-31T12:00:00+1900",
            "2026-01-31T12:00:00+02:60", "2026-01-31 12:00:00Z", "2026-1-31T12:00:00Z", "+2026-01-31T12:00:00Z",
            "2026-01-31T12:00:00ZZ", "2026-01-31T12:00:00z", "２０２６-01-31T12:00:00Z", "not a timestamp at all",
            "2026-01-31T12-00:00Z", "2026-01-31T12:00-00Z", "2026-01-31T12:00:00.123", "2026-01-31T12:00:00.123456789",
            "2026-01-31T12:00:00+18:01", "2026-01-31T12:00:00-18:30", "2026-01-31T12:00:00+02-00",
            "2026-01-31T12:00:00*02:00", "2026-01-31T12:00:00*0200", "2026x01-31T12:00:00Z", "2026-01x31T12:00:00Z",
            "2026-01-31Tx2:00:00Z", "2026-01-31T12:x0:00Z", "2026-01-31T12:00:x0Z", "2026-01-31T12:00:00+x2:00",
            "2026-01-31T12:00:00+02:x0"})
    void leaves_everything_else_to_the_full_parser(String text) {
        assertThat(IsoInstants.parse(text)).isNull();
    }

    /** ±HHMM, as Python's strftime("%z") writes it, which a generated Python client sends by default. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-01-31T12:00:00+0200", "2026-01-31T12:00:00.591853+0000", "2026-01-31T00:30:00-0530"})
    void reads_an_offset_without_its_colon(String text) {
        String colon = text.substring(0, text.length() - 2) + ":" + text.substring(text.length() - 2);
        assertThat(IsoInstants.parse(text)).isEqualTo(OffsetDateTime.parse(colon).toInstant());
    }

    @Test
    void theRangeIsTheYears0001To9999InUtc() {
        assertThat(IsoInstants.inRange(IsoInstants.EARLIEST)).isTrue();
        assertThat(IsoInstants.inRange(IsoInstants.LATEST)).isTrue();
        assertThat(IsoInstants.inRange(Instant.parse("2026-01-31T12:00:00Z"))).isTrue();
        assertThat(IsoInstants.inRange(IsoInstants.EARLIEST.minusNanos(1))).isFalse();
        assertThat(IsoInstants.inRange(IsoInstants.LATEST.plusNanos(1))).isFalse();
    }
}
