package io.connectionhealth.notification;

import java.time.Instant;
import java.util.List;

/**
 * A workspace's webhook endpoint. {@code url} null means no notifications are sent; {@code events} lists the
 * types to send (empty sends none). {@code state} is enabled, failing (no success since {@code failingSince}) or
 * disabled (why: {@code disabledReason}, since {@code disabledAt}). After a secret rotation the previous secret
 * still signs until {@code previousSecretExpiresAt}.
 */
public record NotificationSettings(String url, List<EventType> events, String signingSecret, String state,
                                   Instant failingSince, String disabledReason, Instant disabledAt,
                                   Instant lastSuccessAt, Instant previousSecretExpiresAt) {

    public static final String ENABLED = "enabled";
    public static final String FAILING = "failing";
    public static final String DISABLED = "disabled";

    public boolean sends(EventType type) {
        return url != null && events.contains(type);
    }

    public boolean disabled() {
        return DISABLED.equals(state);
    }
}
