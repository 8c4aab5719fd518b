package io.connectionhealth.notification;

/** The request is fine but the endpoint or the event is not in a state that allows it now (answered 409). */
public class DeliveryConflictException extends RuntimeException {
    public DeliveryConflictException(String message) {
        super(message);
    }
}
