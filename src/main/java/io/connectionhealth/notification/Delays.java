package io.connectionhealth.notification;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Delays as an operator sets them, for people to read: the dashboard and the API description say the same. */
public final class Delays {

    private Delays() {
    }

    /** "5 s, 5 min, 30 min, 2 h": each in its largest whole unit. */
    public static String of(List<Duration> delays) {
        return delays.stream().map(Delays::of).collect(Collectors.joining(", "));
    }

    public static String of(Duration d) {
        long s = d.toSeconds();
        if (d.toMillis() % 1000 != 0 || s == 0) {
            return d.toMillis() + " ms";
        }
        // "24 h", not "1 d": a day reads as a date's span, 24 hours as a delay
        return s % 86400 == 0 && s > 86400 ? s / 86400 + " d" : s % 3600 == 0 ? s / 3600 + " h"
                : s % 60 == 0 ? s / 60 + " min" : s + " s";
    }
}
