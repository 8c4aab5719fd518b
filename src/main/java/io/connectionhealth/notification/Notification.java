package io.connectionhealth.notification;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A recorded event as listed: {@code id} is the webhook-id its deliveries carry. */
public record Notification(String id, EventType event, @Nullable String connectionId, Instant createdAt,
                           @Schema(ref = "#/components/schemas/ConnectionEvent", description = "The event body as "
                                   + "delivered (the Standard Webhooks envelope: type, timestamp, data)") @JsonRawValue String payload, @JsonIgnore DeliveryState state, @Nullable Instant nextAttemptAt,
                           List<DeliveryAttempt> attempts) {

    @JsonProperty("delivery_state")
    public String deliveryState() {
        return state.apiName();
    }
}
