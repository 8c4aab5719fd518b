package io.connectionhealth.notification;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * The receiver's answer to a test event: {@code delivered} is a 2xx; otherwise {@code status} (or {@code error} for a
 * network failure, a refused address or a timeout) says why. {@code responseBody} is the first 4 KiB of the answer.
 */
public record TestDelivery(String webhookId, String url, boolean delivered, @Nullable Integer status, long durationMs,
                           @Nullable String error, @Nullable String responseBody, Instant attemptedAt) {
}
