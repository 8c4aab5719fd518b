package io.connectionhealth.workspace;

import java.time.Instant;

/** An API key as listed: never its secret, which is stored only as a SHA-256 hash. */
public record ApiKey(String id, String workspaceId, String name, String prefix, ApiKeyAccess access, Instant createdAt,
                     Instant lastUsedAt, Instant revokedAt) {

    public boolean isActive() {
        return revokedAt == null;
    }
}
