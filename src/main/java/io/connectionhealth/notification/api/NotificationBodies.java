package io.connectionhealth.notification.api;

import io.connectionhealth.notification.EventType;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * The request bodies of the notification endpoints as the API description shows them; the controller accepts exactly
 * these fields ({@code JsonInput.fieldsOf}).
 */
final class NotificationBodies {

    private NotificationBodies() {
    }

    @Schema(name = "NotificationSettingsIn", description = "Where events go and which ones.")
    record SettingsIn(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true, description = "An http(s) URL "
                    + "that accepts POST; null or \"\" removes the webhook (the field itself is required, so that a "
                    + "body with the events only does not remove it by accident). Private and loopback "
                    + "addresses are refused unless APP_WEBHOOKS_ALLOWED_CIDRS allows them. A new URL ends a failing "
                    + "spell: waiting retries go to it at once.", example = "https://example.com/webhooks/connection-health")
            @Nullable String url,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The event types to send; an empty "
                    + "list sends none") List<EventType> events) {
    }

    @Schema(name = "ReplayIn")
    record ReplayIn(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Events created at or after this time")
            Instant since,
            @Schema(description = "Also send the events that were not sent (no URL then, or their type not selected) "
                    + "whose type is selected now; default false") Boolean includeNotSent) {
    }
}
