package io.connectionhealth.notification;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One try at delivering an event: the receiver's HTTP status, or the network error, and the URL it went to (null for
 * attempts recorded before that was kept).
 */
public record DeliveryAttempt(Instant attemptedAt, long durationMs, @Nullable Integer status, @Nullable String error,
                              @Nullable String responseBody, @Nullable String url) {
}
