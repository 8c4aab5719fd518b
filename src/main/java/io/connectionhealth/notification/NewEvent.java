package io.connectionhealth.notification;

import io.connectionhealth.health.ConnectionStatus;

/**
 * An event to record. {@code connection} is the connection's API object at the moment of the change; it is
 * serialized as it is, so the notification package need not know its type.
 */
public record NewEvent(String workspaceId, String connectionId, EventType type, Object connection,
                       ConnectionStatus previousStatus, Trigger trigger) {
}
