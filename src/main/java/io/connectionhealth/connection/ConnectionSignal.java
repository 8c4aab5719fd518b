package io.connectionhealth.connection;

import io.connectionhealth.health.Classification;
import io.connectionhealth.notification.Trigger;

import java.time.Instant;

/** A classified signal for one connection, with what it was (for the event's trigger). */
public record ConnectionSignal(String connectionId, Instant occurredAt, Classification classification, Trigger trigger) {
}
