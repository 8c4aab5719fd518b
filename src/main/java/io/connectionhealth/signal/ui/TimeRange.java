package io.connectionhealth.signal.ui;

import java.time.Duration;
import java.util.Arrays;

/**
 * The logs view's time range: none, the last stretch of time up to now (kept relative in the URL as
 * {@code last=1h}, so a bookmark or a refresh shows the latest calls), or a custom From–To.
 */
enum TimeRange {
    ANY_TIME("Any time", null, null),
    LAST_15_MINUTES("Last 15 minutes", "15m", Duration.ofMinutes(15)),
    LAST_HOUR("Last hour", "1h", Duration.ofHours(1)),
    LAST_24_HOURS("Last 24 hours", "24h", Duration.ofHours(24)),
    LAST_7_DAYS("Last 7 days", "7d", Duration.ofDays(7)),
    CUSTOM("Custom range", null, null);

    final String label;
    /** The value of the URL's {@code last} parameter; null for the ranges that are not relative. */
    final String urlValue;
    final Duration length;

    TimeRange(String label, String urlValue, Duration length) {
        this.label = label;
        this.urlValue = urlValue;
        this.length = length;
    }

    boolean isRelative() {
        return length != null;
    }

    /** The relative range a URL names, or null for a missing or unknown value. */
    static TimeRange ofUrl(String value) {
        return value == null ? null
                : Arrays.stream(values()).filter(r -> value.equals(r.urlValue)).findFirst().orElse(null);
    }
}
