package io.connectionhealth.health;

/** What a signal does to its connection's timestamps. */
public enum Effect {
    HEALTHY, UNHEALTHY, NONE
}
