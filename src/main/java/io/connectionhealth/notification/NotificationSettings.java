package io.connectionhealth.notification;

import java.time.Instant;
import java.util.List;

/**
 * A workspace's webhook endpoint. {@code url} null means no notifications are sent; {@code events} lists the
 * types to send (empty sends none). {@code state} is enabled, failing or disabled.
 */
public record NotificationSettings(String url, List<EventType> events, String signingSecret, String state,
                                   Instant failingSince, String disabledReason) {

    public boolean sends(EventType type) {
        return url != null && events.contains(type);
    }
}
