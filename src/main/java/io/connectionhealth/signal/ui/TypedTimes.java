package io.connectionhealth.signal.ui;

import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.api.QueryParams;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;

/** The logs' custom From–To: times typed in the page's zone, and times read back from the URL. */
final class TypedTimes {

    private static final Instant EARLIEST = Instant.parse("0001-01-02T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-30T00:00:00Z");

    private TypedTimes() {
    }

    /** A time from the URL; one that cannot be read, or that no picker could show in any time zone, is ignored. */
    static Instant fromUrl(String iso) {
        try {
            // as the API reads created_gte and created_lte (an offset too, "+0100" as well), which a link may carry
            Instant instant = QueryParams.instant("from", iso);
            return instant == null || instant.isBefore(EARLIEST) || instant.isAfter(LATEST) ? null : instant;
        } catch (ValidationException e) {
            return null;
        }
    }

    /**
     * A typed time in the page's zone. In the hour a DST change repeats, From takes the first occurrence and To the
     * second, so that a range typed there covers what it names: both taking the first had made "02:10 to 02:50" on the
     * night clocks go back an empty range ending before it began, whatever the URL had held.
     */
    static Instant instant(LocalDateTime local, ZoneId zone, boolean latest) {
        if (local == null) {
            return null;
        }
        ZonedDateTime at = local.atZone(zone);
        return (latest ? at.withLaterOffsetAtOverlap() : at.withEarlierOffsetAtOverlap()).toInstant();
    }

    /**
     * To's minimum for a From at this instant: its time of day, or the start of the repeated hour when it falls in one
     * — a To typed there may be the second occurrence, later than From though it reads earlier (02:15 after 02:45 CEST).
     */
    static LocalDateTime earliestTo(Instant from, ZoneId zone) {
        if (from == null) {
            return null;
        }
        LocalDateTime local = LocalDateTime.ofInstant(from, zone);
        ZoneOffsetTransition change = zone.getRules().getTransition(local);
        return change != null && change.isOverlap() ? change.getDateTimeAfter() : local;
    }
}
