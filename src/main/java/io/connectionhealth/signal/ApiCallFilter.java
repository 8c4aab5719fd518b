package io.connectionhealth.signal;

import java.time.Instant;

/** Filters of the API call log; null means "any". {@code error} true = status ≥ 400 or timed out. */
public record ApiCallFilter(String connectionId, Boolean error, ApiCallType type, String integrationType,
                            Integer status, String method, String path, Instant createdGte, Instant createdLte) {

    public static final ApiCallFilter ALL = new ApiCallFilter(null, null, null, null, null, null, null, null, null);

    public static ApiCallFilter forConnection(String connectionId) {
        return new ApiCallFilter(connectionId, null, null, null, null, null, null, null, null);
    }
}
