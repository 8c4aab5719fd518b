package io.connectionhealth.connection;

import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.ResolutionOwner;

import java.util.Set;

/** Filters of the connection list; null (or an empty set) means "any". {@code q} matches id, xref or integration. */
public record ConnectionFilter(Set<ConnectionStatus> statuses, HealthName health, ResolutionOwner resolutionOwner,
                               String integrationType, String category, String environment, String externalXref,
                               Boolean isPaused, String q) {

    public static final ConnectionFilter ALL = new ConnectionFilter(Set.of(), null, null, null, null, null, null, null, null);

    public ConnectionFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    public ConnectionFilter withStatuses(Set<ConnectionStatus> value) {
        return new ConnectionFilter(value, health, resolutionOwner, integrationType, category, environment, externalXref, isPaused, q);
    }

    public ConnectionFilter withQuery(String value) {
        return new ConnectionFilter(statuses, health, resolutionOwner, integrationType, category, environment, externalXref, isPaused, value);
    }
}
