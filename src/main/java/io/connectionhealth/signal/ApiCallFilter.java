package io.connectionhealth.signal;

import java.time.Instant;

/**
 * Filters of the API call log; null means "any". {@code error} true = status ≥ 400 or timed out; {@code countsUnhealthy}
 * true = the calls whose verdict counts against their connection (not a 429 or a vendor's 5xx). {@code receivedLte}
 * keeps out calls stored after that moment, whatever time they carry: a list paged by offset stays put while calls
 * arrive (the dashboard's; the API pages by time instead).
 */
public record ApiCallFilter(String connectionId, Boolean error, ApiCallType type, String integrationType,
                            Integer status, String method, String path, Instant createdGte, Instant createdLte,
                            Instant receivedLte, Boolean countsUnhealthy, Integer statusClass) {

    public static final ApiCallFilter ALL = new ApiCallFilter(null, null, null, null, null, null, null, null, null);

    public ApiCallFilter(String connectionId, Boolean error, ApiCallType type, String integrationType, Integer status,
                         String method, String path, Instant createdGte, Instant createdLte) {
        this(connectionId, error, type, integrationType, status, method, path, createdGte, createdLte, null, null);
    }

    /** Without a status class ({@code statusClass} 4 = any status 400–499, the dashboard's "4xx"). */
    public ApiCallFilter(String connectionId, Boolean error, ApiCallType type, String integrationType, Integer status,
                         String method, String path, Instant createdGte, Instant createdLte, Instant receivedLte,
                         Boolean countsUnhealthy) {
        this(connectionId, error, type, integrationType, status, method, path, createdGte, createdLte, receivedLte,
                countsUnhealthy, null);
    }

    public static ApiCallFilter forConnection(String connectionId) {
        return new ApiCallFilter(connectionId, null, null, null, null, null, null, null, null);
    }

    public ApiCallFilter withoutReceivedLte() {
        return new ApiCallFilter(connectionId, error, type, integrationType, status, method, path, createdGte, createdLte,
                null, countsUnhealthy, statusClass);
    }
}
