package io.connectionhealth.signal;

import org.jspecify.annotations.Nullable;

import io.connectionhealth.health.ErrorOrigin;

import java.time.Instant;

/** A logged API call with its classification, as the API returns it. */
public record ApiCall(String id, String workspaceId, @Nullable String connectionId, @Nullable String integrationType,
                      Instant createdAt, ApiCallType type, @Nullable String method, @Nullable String path,
                      @Nullable Integer status, boolean timedOut, @Nullable String error, ErrorOrigin errorOrigin,
                      @Nullable Long durationMs, @Nullable Long size, @Nullable String externalXref,
                      CallClassification classification) {

    /** SPEC §5's meaning of "error": status 400 or above, or no response at all. */
    public boolean failed() {
        return timedOut || (status != null && status >= 400);
    }
}
