package io.connectionhealth.base.api;

import org.springframework.http.HttpStatus;

/**
 * An Idempotency-Key that cannot be answered as a retry: sent before with another body (422, as the draft says), or
 * what its first request created has been deleted since (409).
 */
public class IdempotencyKeyException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    IdempotencyKeyException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }
}
