package io.connectionhealth.notification;

import java.time.Instant;

/** Filters of the event log; null means "any". */
public record NotificationFilter(String connectionId, EventType event, DeliveryState state, Instant createdGte) {

    public static final NotificationFilter ALL = new NotificationFilter(null, null, null, null);
}
