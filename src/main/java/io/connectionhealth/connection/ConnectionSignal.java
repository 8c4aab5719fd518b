package io.connectionhealth.connection;

import io.connectionhealth.health.Classification;
import io.connectionhealth.notification.Trigger;

import java.time.Instant;

/**
 * A classified signal for one connection, with what it was (for the event's trigger). {@code otherwise}, when not
 * null, is its classification had the connection's categories said the opposite of {@code enrichment} (a 404): those
 * are read before the connection is locked, and may have changed by the time the signal is applied.
 */
public record ConnectionSignal(String connectionId, Instant occurredAt, Classification classification, Trigger trigger,
                               boolean enrichment, Classification otherwise) {

    public ConnectionSignal(String connectionId, Instant occurredAt, Classification classification, Trigger trigger) {
        this(connectionId, occurredAt, classification, trigger, false, null);
    }

    ConnectionSignal reclassified() {
        return new ConnectionSignal(connectionId, occurredAt, otherwise, trigger, !enrichment, classification);
    }
}
