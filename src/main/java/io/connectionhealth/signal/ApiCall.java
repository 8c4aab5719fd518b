package io.connectionhealth.signal;

import io.connectionhealth.health.ErrorOrigin;

import java.time.Instant;

/** A logged API call with its classification, as the API returns it. */
public record ApiCall(String id, String workspaceId, String connectionId, String integrationType, Instant createdAt,
                      ApiCallType type, String method, String path, Integer status, boolean timedOut, String error,
                      ErrorOrigin errorOrigin, Long durationMs, Long size, String externalXref,
                      CallClassification classification) {

    /** SPEC §5's meaning of "error": status 400 or above, or no response at all. */
    public boolean failed() {
        return timedOut || (status != null && status >= 400);
    }
}
