package io.connectionhealth.notification;

import java.time.Instant;

/** One try at delivering an event: the receiver's HTTP status, or the network error. */
public record DeliveryAttempt(Instant attemptedAt, long durationMs, Integer status, String error, String responseBody) {
}
