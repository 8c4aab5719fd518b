package io.connectionhealth.workspace;

import java.time.Instant;

/**
 * An API key as listed: never its secret, which is stored only as a SHA-256 hash. {@code createdBy}: who made it (a
 * user's name, "API key …", or the bootstrap variable), null for keys made before that was kept.
 */
public record ApiKey(String id, String workspaceId, String name, String prefix, ApiKeyAccess access, Instant createdAt,
                     String createdBy, Instant lastUsedAt, Instant revokedAt) {

    public boolean isActive() {
        return revokedAt == null;
    }
}
