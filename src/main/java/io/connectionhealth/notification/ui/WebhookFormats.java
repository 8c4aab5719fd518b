package io.connectionhealth.notification.ui;

import com.vaadin.flow.component.html.Span;
import io.connectionhealth.notification.DeliveryAttempt;
import io.connectionhealth.notification.DeliveryState;
import io.connectionhealth.notification.Notification;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small shared bits of the webhook panels: badges that say their meaning in words, times, attempt summaries. */
final class WebhookFormats {

    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private WebhookFormats() {
    }

    static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add("badge");
        for (String t : theme.split(" ")) {
            if (!t.isBlank()) {
                badge.getElement().getThemeList().add(t);
            }
        }
        return badge;
    }

    /** "Delivered", "Retrying in 4 min", "Waiting for the endpoint", "Failed", … */
    static Span deliveryBadge(Notification n, Instant now) {
        return switch (n.state()) {
            case DELIVERED -> badge("Delivered", "success");
            case FAILED -> badge("Failed", "error");
            case NOT_SENT -> badge("Not sent", "contrast");
            case PENDING, RETRYING -> {
                String verb = n.state() == DeliveryState.PENDING ? "Pending" : "Retrying";
                Span badge = n.nextAttemptAt() == null
                        ? badge(verb + " · waiting for the endpoint to be re-enabled", "")
                        : badge(verb + (n.nextAttemptAt().isAfter(now) ? " " + relative(n.nextAttemptAt(), now) : ""), "");
                if (n.nextAttemptAt() != null) {
                    badge.getElement().setAttribute("title", "Next attempt at " + exact(n.nextAttemptAt()));
                }
                yield badge;
            }
        };
    }

    /** "HTTP 500", "HTTP 200", or the network error. */
    static String outcome(DeliveryAttempt a) {
        if (a.status() != null) {
            return "HTTP " + a.status() + (a.error() == null ? "" : " · " + a.error());
        }
        return a.error() == null ? "No answer" : a.error();
    }

    static String exact(Instant at) {
        return at == null ? "" : EXACT.format(at);
    }

    static String relative(Instant at, Instant now) {
        if (at == null) {
            return "never";
        }
        Duration d = Duration.between(at, now);
        boolean future = d.isNegative();
        long s = Math.abs(d.getSeconds());
        String amount;
        if (s < 45) {
            amount = s + " s";
        } else if (s < 90 * 60) {
            amount = Math.max(1, Math.round(s / 60.0)) + " min";
        } else if (s < 36 * 3600) {
            amount = Math.round(s / 3600.0) + " h";
        } else {
            amount = Math.round(s / 86400.0) + " d";
        }
        return future ? "in " + amount : amount + " ago";
    }

    static Span time(Instant at, Instant now) {
        Span span = new Span(relative(at, now));
        if (at != null) {
            span.getElement().setAttribute("title", exact(at));
        }
        return span;
    }
}
