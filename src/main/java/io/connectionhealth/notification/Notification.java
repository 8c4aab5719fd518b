package io.connectionhealth.notification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.List;

/** A recorded event as listed: {@code id} is the webhook-id its deliveries carry. */
public record Notification(String id, EventType event, String connectionId, Instant createdAt,
                           @JsonRawValue String payload, @JsonIgnore DeliveryState state, Instant nextAttemptAt,
                           List<DeliveryAttempt> attempts) {

    @JsonProperty("delivery_state")
    public String deliveryState() {
        return state.apiName();
    }
}
