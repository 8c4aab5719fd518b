package io.connectionhealth.health;

import java.time.Instant;

/** Unified.to's four statuses, derived from the two timestamps only. */
public enum ConnectionStatus {
    NEW, HEALTHY, UNHEALTHY, UNHEALTHY_NOW;

    public static ConnectionStatus of(Instant lastHealthyAt, Instant lastUnhealthyAt) {
        if (lastUnhealthyAt == null) {
            return lastHealthyAt == null ? NEW : HEALTHY;
        }
        if (lastHealthyAt == null) {
            return UNHEALTHY;
        }
        return lastUnhealthyAt.isBefore(lastHealthyAt) ? HEALTHY : UNHEALTHY_NOW;
    }

    public boolean isUnhealthy() {
        return this == UNHEALTHY || this == UNHEALTHY_NOW;
    }
}
