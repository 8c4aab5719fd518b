package io.connectionhealth.connection;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.Health;
import io.connectionhealth.health.HealthState;

import java.time.Instant;
import java.util.List;

/** The connection object of SPEC §5, as the API returns it and as event payloads carry it. */
public record Connection(String id, String workspaceId, String integrationType, @Nullable String integrationName,
                         List<String> categories, List<String> permissions, @Nullable String externalXref,
                         @Nullable String environment,
                         @JsonProperty("is_paused") boolean isPaused, Instant createdAt, Instant updatedAt,
                         @Nullable Instant credentialsUpdatedAt, @Nullable Instant lastHealthyAt,
                         @Nullable Instant lastUnhealthyAt,
                         @Nullable Integer lastUnhealthyCode, ConnectionStatus status, @Nullable Health health) {

    /** This connection with the health that {@code state} gives it. */
    Connection withHealth(HealthState state) {
        return new Connection(id, workspaceId, integrationType, integrationName, categories, permissions, externalXref,
                environment, isPaused, createdAt, updatedAt, credentialsUpdatedAt, state.lastHealthyAt(),
                state.lastUnhealthyAt(), state.lastUnhealthyCode(), state.status(), state.health());
    }
}
