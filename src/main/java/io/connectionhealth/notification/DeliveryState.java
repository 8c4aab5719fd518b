package io.connectionhealth.notification;

import io.connectionhealth.base.ApiNamed;

/** SPEC §5: what happened to an event's delivery. Lower-case in the API. */
public enum DeliveryState implements ApiNamed {
    NOT_SENT, PENDING, RETRYING, DELIVERED, FAILED;

    @Override
    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
