package io.connectionhealth.workspace;

import java.time.Instant;

public record Workspace(String id, String name, boolean isDefault, int retentionDays, Instant createdAt) {
}
