package io.connectionhealth.base.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The common shape of an ISO-8601 timestamp, {@code 2026-01-31T12:00:00.123456Z} or with a {@code ±HH:MM} (or
 * {@code ±HHMM}) offset,
 * read without a DateTimeFormatter: parsing was a tenth of the application's CPU time when ingesting batches.
 * Anything else answers null, and the caller falls back to {@code OffsetDateTime.parse}, which also writes the
 * error for what is not a timestamp at all.
 */
final class IsoInstants {

    private IsoInstants() {
    }

    /** The years of ISO-8601's four-digit form; PostgreSQL's driver cannot send a year before 1 (H2 could). */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    static final String RANGE = "must be in the years 0001 to 9999 (UTC)";

    static boolean inRange(Instant at) {
        return !at.isBefore(EARLIEST) && !at.isAfter(LATEST);
    }

    static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count == 0 || (i < n && isDigit(s.charAt(i)))) {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if ((i == n - 6 && s.charAt(i + 3) == ':' || i == n - 5) && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            // ±HH:MM, or ±HHMM as Python's strftime("%z") writes it (a generated Python client's default)
            int oh = digits(s, i + 1, 2);
            int om = digits(s, n - 2, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59 || (oh == 18 && om > 0)) {
                return null;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
