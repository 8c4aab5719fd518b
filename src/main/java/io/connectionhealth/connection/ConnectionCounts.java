package io.connectionhealth.connection;

import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.ResolutionOwner;

import java.util.Map;

/** How many connections are in each status, and how many unhealthy ones each owner must act on. */
public record ConnectionCounts(Map<ConnectionStatus, Long> byStatus, Map<ResolutionOwner, Long> unhealthyByOwner) {

    public long status(ConnectionStatus status) {
        return byStatus.getOrDefault(status, 0L);
    }

    public long owner(ResolutionOwner owner) {
        return unhealthyByOwner.getOrDefault(owner, 0L);
    }

    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
