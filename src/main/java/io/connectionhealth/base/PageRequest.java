package io.connectionhealth.base;

/** Limit/offset paging, validated where it is built: values are never silently clamped. */
public record PageRequest(int limit, long offset) {

    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ValidationException.of("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0) {
            throw ValidationException.of("offset", "must be 0 or more, was " + offset);
        }
    }

    public static PageRequest of(int limit, long offset) {
        return new PageRequest(limit, offset);
    }
}
