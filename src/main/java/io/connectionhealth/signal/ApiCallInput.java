package io.connectionhealth.signal;

import io.connectionhealth.health.ErrorOrigin;

import java.time.Instant;

/**
 * One API call as the integration layer reports it. Optional: {@code id} (the client's idempotency key),
 * {@code connectionId}, {@code createdAt} (now), {@code type} (inbound), {@code errorOrigin} (VENDOR);
 * {@code status} may be null only when the call timed out.
 */
public record ApiCallInput(String id, String connectionId, Instant createdAt, ApiCallType type, String method,
                           String path, Integer status, boolean timedOut, String error, ErrorOrigin errorOrigin,
                           Long durationMs, Long size, String externalXref) {
}
