package io.connectionhealth.notification;

/** SPEC §4: the five connection events of the seeds, plus paused and unpaused. */
public enum EventType {
    CONNECTION_CREATED("A connection was created."),
    CONNECTION_UPDATED("A connection's fields or credentials were updated."),
    CONNECTION_DELETED("A connection was deleted."),
    CONNECTION_HEALTHY("A connection became healthy again (or for the first time)."),
    CONNECTION_UNHEALTHY("A connection became unhealthy, or the reason it is unhealthy changed."),
    CONNECTION_PAUSED("A connection was paused: its signals are logged but move nothing."),
    CONNECTION_UNPAUSED("A paused connection was resumed.");

    private final String description;

    EventType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
