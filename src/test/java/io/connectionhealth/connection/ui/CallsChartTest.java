package io.connectionhealth.connection.ui;

import io.connectionhealth.signal.HourlyCalls;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CallsChartTest {

    private static final Instant NOW = Instant.parse("2026-05-04T12:34:56Z");

    @Test
    void drawsOneSlotPerHourWithTitlesAndAnAccessibleSummary() {
        String svg = CallsChart.svg(List.of(
                new HourlyCalls(Instant.parse("2026-05-04T12:00:00Z"), 8, 2),
                new HourlyCalls(Instant.parse("2026-05-04T02:00:00Z"), 4, 0),
                new HourlyCalls(Instant.parse("2026-05-03T11:00:00Z"), 100, 100)), NOW, ZoneOffset.UTC);
        assertThat(svg).startsWith("<svg").endsWith("</svg>");
        assertThat(svg).contains("aria-label=\"Last 24 hours, from 13:00: 12 successful, 2 failed calls\"");
        assertThat(svg.split("<title>", -1)).hasSize(25);
        assertThat(svg).contains("<title>12:00: 8 successful, 2 failed</title>")
                .contains("<title>02:00: 4 successful, 0 failed</title>")
                .contains("<title>13:00: 0 successful, 0 failed</title>");
        // the tallest hour fills the plot: 8 of 10 green, 2 red
        assertThat(svg).contains("height=\"96\" style=\"fill:var(--lumo-success-text-color)\"")
                .contains("height=\"24\" style=\"fill:var(--lumo-error-text-color);stroke:var(--lumo-base-color);"
                        + "stroke-width:1\"")
                .contains("tallest bar: 10 calls");
    }

    @Test
    void theNoteSaysWhenTheHoursDoNotBeginOnTheZonesHour() {
        assertThat(CallsChart.hoursNote(java.time.ZoneId.of("Europe/Berlin"), "Europe/Berlin", NOW))
                .isEqualTo("Hours in your time zone, Europe/Berlin.");
        // the bars count UTC's hours: in India they run from :30 (an audit read "04:30" as a label gone wrong)
        assertThat(CallsChart.hoursNote(java.time.ZoneId.of("Asia/Kolkata"), "Asia/Kolkata", NOW))
                .isEqualTo("Hours in your time zone, Asia/Kolkata, each from :30 to :30.");
        assertThat(CallsChart.hoursNote(java.time.ZoneId.of("America/St_Johns"), "America/St_Johns", NOW))
                .isEqualTo("Hours in your time zone, America/St_Johns, each from :30 to :30.");
        assertThat(CallsChart.hoursNote(java.time.ZoneId.of("Asia/Kathmandu"), "Asia/Kathmandu", NOW))
                .endsWith("each from :45 to :45.");
    }

    @Test
    void anEmptyDayIsAnEmptyChart() {
        String svg = CallsChart.svg(List.of(), NOW, ZoneOffset.UTC);
        assertThat(svg).contains("0 successful, 0 failed calls").doesNotContain("lumo-success-text-color")
                .doesNotContain("tallest bar");
    }

    @Test
    void eachHourIsAStackedBarInItsSlotWithAnAxisLabelEverySixHours() {
        String svg = CallsChart.svg(List.of(new HourlyCalls(Instant.parse("2026-05-04T12:00:00Z"), 8, 2),
                new HourlyCalls(Instant.parse("2026-05-04T11:00:00Z"), 5, 0)), NOW, ZoneOffset.UTC);
        // the newest hour is the last of 24 slots of 30 units; successful below (from the axis at 120), failed on top
        assertThat(svg).contains("<rect x=\"692\" y=\"24\" width=\"26\" height=\"96\" style=\"fill:var(--lumo-success")
                .contains("<rect x=\"692\" y=\"0\" width=\"26\" height=\"24\" style=\"fill:var(--lumo-error")
                .contains("<rect x=\"662\" y=\"60\" width=\"26\" height=\"60\" style=\"fill:var(--lumo-success");
        assertThat(svg).as("an hour without failures has no red bar").doesNotContain("height=\"0\"");
        assertThat(svg.split("<text ", -1)).as("four labels, the last hour's and the tallest bar's").hasSize(7);
        assertThat(svg).contains("<text x=\"2\" y=\"138\" text-anchor=\"start\"")
                .contains("<text x=\"182\" y=\"138\" text-anchor=\"start\"")
                .contains("<text x=\"362\" y=\"138\" text-anchor=\"start\"")
                .contains("<text x=\"542\" y=\"138\" text-anchor=\"start\"")
                .contains("<text x=\"720\" y=\"138\" text-anchor=\"end\" style=\"fill:var(--lumo-secondary-text-color);"
                        + "font-size:12px\">12:00</text>");
        assertThat(CallsChart.svg(List.of(new HourlyCalls(Instant.parse("2026-05-04T12:00:00Z"), 1, 0)), NOW,
                ZoneOffset.UTC)).contains("tallest bar: 1 call</text>");
        assertThat(CallsChart.hourLabel(Instant.parse("2026-05-04T12:00:00Z"), java.time.ZoneId.of("Asia/Kolkata")))
                .isEqualTo("17:30");
    }
}
