package io.connectionhealth.notification;

import java.time.Instant;

/**
 * What one POST to a receiver gave: its HTTP status, or the network error (status null), the first 4 KiB of
 * its answer, and its {@code Retry-After} header as sent.
 */
record SendResult(Instant attemptedAt, long durationMs, Integer status, String error, String responseBody,
                  String retryAfter) {

    boolean success() {
        return status != null && status >= 200 && status < 300;
    }

    boolean gone() {
        return status != null && status == 410;
    }
}
