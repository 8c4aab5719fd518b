package io.connectionhealth.base;

/** Nothing of that id in the actor's workspace (also what another workspace's id answers). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
