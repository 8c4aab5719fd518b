package io.connectionhealth.health;

/**
 * What the API-call rules look at. {@code status} is null only when the call timed out;
 * {@code enrichment} says whether the connection has the category {@code enrichment}.
 */
public record ApiCallFacts(boolean timedOut, Integer status, ErrorOrigin errorOrigin, boolean enrichment) {

    public ApiCallFacts {
        errorOrigin = errorOrigin == null ? ErrorOrigin.VENDOR : errorOrigin;
    }
}
