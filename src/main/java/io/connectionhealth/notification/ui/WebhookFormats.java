package io.connectionhealth.notification.ui;

import com.vaadin.flow.component.html.Span;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.notification.DeliveryAttempt;
import io.connectionhealth.notification.DeliveryState;
import io.connectionhealth.notification.Notification;

import java.time.Instant;

/** Small shared bits of the webhook panels: badges that say their meaning in words, times, attempt summaries. */
final class WebhookFormats {

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
                        : badge(verb + (n.nextAttemptAt().isAfter(now) ? " " + Formats.until(n.nextAttemptAt(), now) : ""), "");
                if (n.nextAttemptAt() != null) {
                    badge.getElement().setAttribute("title", "Next attempt at " + Formats.exact(n.nextAttemptAt()));
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

}
