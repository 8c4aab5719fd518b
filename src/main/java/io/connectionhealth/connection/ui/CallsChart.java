package io.connectionhealth.connection.ui;

import io.connectionhealth.signal.HourlyCalls;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 24-hour history of a connection's calls as an inline SVG, drawn on the server: one stacked bar per hour,
 * successful (or not counted) below, failed above. Colours come from Lumo, so the chart follows dark mode; every bar
 * has a title with its numbers, and the whole chart an aria-label, so it reads without colour too.
 */
final class CallsChart {

    static final int HOURS = 24;
    private static final int WIDTH = 720;
    private static final int HEIGHT = 160;
    private static final int PLOT = 120;
    private static final int SLOT = WIDTH / HOURS;
    // narrower, its 12-unit labels shrink below legibility (6 px on a phone): the chart scrolls sideways instead
    private static final int MIN_WIDTH = 600;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private CallsChart() {
    }

    static String svg(List<HourlyCalls> hours, Instant now, ZoneId zone) {
        List<HourlyCalls> day = day(hours, now);
        Instant first = day.getFirst().hour();
        long max = 0;
        long ok = 0;
        long failed = 0;
        for (HourlyCalls h : day) {
            max = Math.max(max, h.ok() + h.errors());
            ok += h.ok();
            failed += h.errors();
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"100%\" role=\"img\" style=\"direction:ltr;display:block;margin-left:0;margin-right:auto;max-width:").append(WIDTH).append("px;min-width:")
                .append(MIN_WIDTH).append("px\" aria-label=\"")
                .append("Last 24 hours, from ").append(HOUR.format(first.atZone(zone))).append(": ").append(ok).append(" successful, ").append(failed).append(" failed calls")
                .append("\">");
        svg.append("<line x1=\"0\" x2=\"").append(WIDTH).append("\" y1=\"").append(PLOT).append("\" y2=\"").append(PLOT)
                .append("\" style=\"stroke:var(--lumo-contrast-30pct)\"/>");
        for (int i = 0; i < HOURS; i++) {
            HourlyCalls h = day.get(i);
            Instant hour = h.hour();
            int okHeight = (int) Math.round((double) h.ok() * PLOT / Math.max(1, max));
            int errHeight = (int) Math.round((double) h.errors() * PLOT / Math.max(1, max));
            int x = i * SLOT + 2;
            String label = HOUR.format(hour.atZone(zone));
            svg.append("<g><title>").append(label).append(": ").append(h.ok()).append(" successful, ")
                    .append(h.errors()).append(" failed</title>");
            // an invisible full-height rectangle, so hovering anywhere in the slot shows the title
            svg.append(rect(x, 0, SLOT - 4, PLOT, "fill:transparent"));
            // the text colours: the plain ones measured 2.7 : 1 against the dark background (bars need 3 : 1), and a
            // line of the background parts the failed calls from the successful ones, whose colours differ by hue alone
            if (okHeight > 0) {
                svg.append(rect(x, PLOT - okHeight, SLOT - 4, okHeight, "fill:var(--lumo-success-text-color)"));
            }
            if (errHeight > 0) {
                svg.append(rect(x, PLOT - okHeight - errHeight, SLOT - 4, errHeight, "fill:var(--lumo-error-text-color);stroke:var(--lumo-base-color);stroke-width:1"));
            }
            svg.append("</g>");
            if (i % 6 == 0 || i == HOURS - 1) {
                boolean lastSlot = i == HOURS - 1;
                svg.append("<text x=\"").append(lastSlot ? WIDTH : x).append("\" y=\"").append(PLOT + 18)
                        .append("\" text-anchor=\"").append(lastSlot ? "end" : "start")
                        .append("\" style=\"fill:var(--lumo-secondary-text-color);font-size:12px\">").append(label)
                        .append("</text>");
            }
        }
        if (max > 0) {
            svg.append("<text x=\"").append(WIDTH).append("\" y=\"").append(PLOT + 36)
                .append("\" text-anchor=\"end\" style=\"fill:var(--lumo-secondary-text-color);font-size:12px\">")
                    .append("tallest bar: ").append(max).append(max == 1 ? " call" : " calls").append("</text>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** The chart's 24 hours, oldest first, each with its numbers (none for an hour without calls). */
    static List<HourlyCalls> day(List<HourlyCalls> hours, Instant now) {
        Instant first = now.truncatedTo(ChronoUnit.HOURS).minus(HOURS - 1, ChronoUnit.HOURS);
        Map<Instant, HourlyCalls> byHour = new HashMap<>();
        hours.forEach(h -> byHour.put(h.hour(), h));
        return java.util.stream.IntStream.range(0, HOURS).mapToObj(i -> first.plus(i, ChronoUnit.HOURS))
                .map(hour -> byHour.getOrDefault(hour, new HourlyCalls(hour, 0, 0))).toList();
    }

    /**
     * Where the bars' hours fall in the zone: "Hours in your time zone, Europe/Berlin." Each bar counts an hour of UTC,
     * so in a zone whose offset is not whole hours (India's +05:30) they begin at :30, which is said.
     */
    static String hoursNote(ZoneId zone, String zoneName, Instant now) {
        int minutes = Math.floorMod(zone.getRules().getOffset(now).getTotalSeconds() / 60, 60);
        return "Hours in your time zone, " + zoneName + (minutes == 0 ? "." : String.format(Locale.ROOT,
                ", each from :%02d to :%02d.", minutes, minutes));
    }

    static String hourLabel(Instant hour, ZoneId zone) {
        return HOUR.format(hour.atZone(zone));
    }

    private static String rect(int x, int y, int w, int h, String style) {
        return "<rect x=\"" + x + "\" y=\"" + y + "\" width=\"" + w + "\" height=\"" + h + "\" style=\"" + style + "\"/>";
    }
}
