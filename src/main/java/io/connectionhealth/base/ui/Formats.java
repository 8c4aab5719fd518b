package io.connectionhealth.base.ui;

import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.page.ExtendedClientDetails;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as the dashboard shows them: relative ("5 min ago") with the exact time in the browser's zone on hover. */
public final class Formats {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ENGLISH);
    /** Another year's time: the year said, the seconds left to the tooltip (the column keeps its width). */
    private static final DateTimeFormatter SHORT_OTHER_YEAR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm",
            Locale.ENGLISH);
    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("z", Locale.ENGLISH);

    private Formats() {
    }

    /** The text with its first letter a capital: a service's field message ("is required") shown on its own. */
    public static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * At most {@code max} characters, the last an ellipsis when cut: a grid column sizes itself to its longest cell, and
     * one 200-character name would push every other column off the screen. The full text goes in a tooltip.
     */
    public static String clipped(String text, int max) {
        if (text == null || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    /**
     * Text of a user's set apart from the words around it (Unicode's first-strong isolate, closed by the pop): a
     * Hebrew or Arabic customer moved the id beside it, and a right-to-left override in a name reversed the rest of
     * the sentence it stood in ("…deteled eb lliw"; an audit). Null stays null.
     */
    public static String isolated(String text) {
        return text == null ? null : "\u2068" + text + "\u2069";
    }

    /** Lets a long word (a customer reference, a path) wrap anywhere rather than widen the page. */
    public static <T extends HasStyle> T wrapAnywhere(T component) {
        component.getStyle().set("overflow-wrap", "anywhere").set("min-width", "0");
        return component;
    }

    /**
     * A date-time picker writes as the rest of the page writes times (24-hour clock, the date year first), not in the
     * browser's "12/4/2026 3:12 PM" beside "Dec 4 15:12:35": the same on every page, so text typed in one is read in all.
     */
    public static void writtenAsThePage(DateTimePicker picker) {
        picker.setLocale(Locale.UK);
        // weeks from Monday, as ISO 8601 dates go (the i18n replaced had started them on Sunday, UK locale or not)
        picker.setDatePickerI18n(new DatePicker.DatePickerI18n().setDateFormat("yyyy-MM-dd").setFirstDayOfWeek(1));
        // an empty field says how to type into it; "12/6/2026" is not read
        picker.setDatePlaceholder("yyyy-mm-dd");
        picker.setTimePlaceholder("hh:mm");
        // both halves were named by the label alone, so a screen reader could not tell the date from the time; the
        // browser reads the label before these ("From date", "From time")
        picker.setDateAriaLabel("date");
        picker.setTimeAriaLabel("time");
        // the calendar and the time list open from their toggle button or ArrowDown, not on focus (nor on a click in
        // the text): a date typed and then Tab went into the open calendar, and the time typed next went nowhere
        picker.setAutoOpen(false);
    }

    /**
     * Dates and times read only as the page writes them: dates {@code yyyy-mm-dd} with a four-digit year, times 24-hour
     * {@code HH:mm} or {@code HH:mm:ss}. The date picker's own reading took {@code 07-12-26} (7 December 2026 to a
     * German) for 2007-12-26 and {@code 12-07-26} for 2012-07-26 — on Settings' replay, that re-sent every failed event
     * of the retention (a locale audit) — and the time picker's took {@code 25:99} for 02:39 and {@code 9pm} for 09:00.
     * Anything else is bad input, which the picker's error message then names. Set in the browser (a parser is a
     * function, which i18n from the server cannot carry), on the picker's own element, and again on every focus, key
     * and input inside it, just before a field reads what was typed: a field's locale code sets its own parser after
     * the page is attached, and a picker hidden when attached (the logs' custom range) has no fields yet.
     */
    public static void strictDatesAndTimes(DateTimePicker picker) {
        picker.addAttachListener(e -> picker.getElement().executeJs("""
                const host = this;
                if (host.__strictTimes) return;
                host.__strictTimes = true;
                const strictTime = text => {
                    const m = /^\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*$/.exec(text || '');
                    if (!m) return undefined;
                    const [hours, minutes, seconds] = [+m[1], +m[2], m[3] === undefined ? 0 : +m[3]];
                    return hours < 24 && minutes < 60 && seconds < 60
                        ? {hours, minutes, seconds} : undefined;
                };
                const strictDate = text => {
                    const m = /^\\s*(\\d{4})-(\\d{1,2})-(\\d{1,2})\\s*$/.exec(text || '');
                    if (!m) return undefined;
                    const [year, month, day] = [+m[1], +m[2] - 1, +m[3]]; // the picker's month counts from 0
                    const date = new Date(0);
                    date.setFullYear(year, month, day);
                    return date.getFullYear() === year && date.getMonth() === month && date.getDate() === day
                        ? {year, month, day} : undefined;
                };
                const apply = () => {
                    const time = host.querySelector('vaadin-time-picker');
                    if (time && time.i18n && time.i18n.parseTime !== strictTime) {
                        time.i18n = {...time.i18n, parseTime: strictTime};
                    }
                    const date = host.querySelector('vaadin-date-picker');
                    if (date && date.i18n && date.i18n.parseDate !== strictDate) {
                        date.i18n = {...date.i18n, parseDate: strictDate};
                    }
                };
                // listening first: on a picker shown when attached, the fields may not take i18n yet, and an
                // error here had left them with their own parsers for good
                for (const type of ['focusin', 'keydown', 'input']) host.addEventListener(type, apply, true);
                try { apply(); } catch (notReadyYet) { }"""));
    }

    /** The browser's time zone when the client told us, else UTC. */
    public static ZoneId zone() {
        try {
            UI ui = UI.getCurrent();
            ExtendedClientDetails details = ui == null ? null : ui.getPage().getExtendedClientDetails();
            String id = details == null ? null : details.getTimeZoneId();
            return id == null || id.isBlank() ? ZoneOffset.UTC : ZoneId.of(id);
        } catch (RuntimeException unknownOrMissing) {
            return ZoneOffset.UTC;
        }
    }

    /** The zone's name as the pickers' helper texts give it ("Europe/Berlin"; "UTC" where the browser told none). */
    public static String zoneName() {
        ZoneId zone = zone();
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    public static String exact(Instant at) {
        return exact(at, zone());
    }

    /**
     * "2026-12-06 13:45:00 IST (UTC+05:30)": a short zone name alone is ambiguous (IST is India, Israel and Ireland) and
     * is only a GMT offset for many zones, so the offset follows it; UTC is named once.
     */
    static String exact(Instant at, ZoneId zone) {
        if (at == null) {
            return "";
        }
        ZonedDateTime local = at.atZone(zone);
        if (local.getOffset().equals(ZoneOffset.UTC) && zone.normalized().equals(ZoneOffset.UTC)) {
            return EXACT.format(local) + " UTC";
        }
        String name = ZONE_NAME.format(local);
        String offset = "UTC" + local.getOffset().getId().replace("Z", "+00:00");
        return EXACT.format(local) + (name.startsWith("GMT") || name.startsWith("UTC") ? " " + offset
                : " " + name + " (" + offset + ")");
    }

    public static String relative(Instant at, Instant now) {
        if (at == null) {
            return "never";
        }
        Duration d = Duration.between(at, now);
        boolean future = d.isNegative();
        long s = Math.abs(d.getSeconds());
        String amount;
        if (s < 45) {
            // also a few seconds ahead: a caller's clock may run ahead of ours
            return "just now";
        } else if (s < 90 * 60) {
            amount = Math.max(1, Math.round(s / 60.0)) + " min";
        } else if (s < 36 * 3600) {
            amount = Math.round(s / 3600.0) + " h";
        } else if (s < 730L * 86400) {
            amount = Math.round(s / 86400.0) + " d";
        } else {
            // a backfill from long ago (year 1 is a valid time) had read "739957 d ago"
            amount = Math.round(s / (365.25 * 86400)) + " years";
        }
        return future ? "in " + amount : amount + " ago";
    }

    /**
     * A time to come ("in 20 s", "in 4 min"), for what is planned, such as a webhook's next attempt: a retry 20 s away
     * is not "just now", which read as if it were running already. "now" once it is due.
     */
    public static String until(Instant at, Instant now) {
        long ms = Duration.between(now, at).toMillis();
        if (ms <= 0) {
            return "now";
        }
        long seconds = (ms + 999) / 1000;
        return seconds < 45 ? "in " + seconds + " s" : relative(at, now);
    }

    /**
     * "Dec 7 14:03:05" within the year it is now, "2025-12-31 23:59" from another: a log kept longer than a year, or
     * read in January, had shown last December's calls as if they were this year's. In the hour a clock turns back,
     * which happens twice, with its offset ("Oct 25 02:30:00 +01"): the two hours' calls had read as one.
     */
    static String shortTime(Instant at, Instant now, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        String text = local.getYear() == now.atZone(zone).getYear() ? SHORT.format(local)
                : SHORT_OTHER_YEAR.format(local);
        if (zone.getRules().getValidOffsets(local.toLocalDateTime()).size() < 2) {
            return text;
        }
        int seconds = local.getOffset().getTotalSeconds(); // "+01", "+00", "+10:30": short, for the column's width
        return text + " " + (seconds < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(seconds) / 3600)
                + (seconds % 3600 == 0 ? "" : String.format(Locale.ROOT, ":%02d", Math.abs(seconds) % 3600 / 60));
    }

    /** A span with the relative time as text and the exact time as its title (tooltip). */
    public static Span time(Instant at, Instant now) {
        Span span = new Span(relative(at, now));
        if (at != null) {
            span.getElement().setAttribute("title", exact(at));
        }
        return span;
    }

    /** The exact time, short ("Nov 23 13:31:05", in the browser's zone), with the relative time as the title. */
    public static Span timestamp(Instant at, Instant now) {
        Span span = new Span(at == null ? "" : shortTime(at, now, zone()));
        if (at != null) {
            span.getElement().setAttribute("title", relative(at, now) + " · " + exact(at));
        }
        return span;
    }

    public static String duration(Long millis) {
        if (millis == null) {
            return "";
        }
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
