package io.connectionhealth.base;

/** The actor may see the workspace but not do this. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
