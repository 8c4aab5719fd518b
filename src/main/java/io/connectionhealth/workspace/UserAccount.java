package io.connectionhealth.workspace;

import io.connectionhealth.base.Actor;

import java.time.Instant;

public record UserAccount(String id, String workspaceId, String username, Actor.Role role, Instant createdAt) {

    public Actor actor() {
        return Actor.ui(workspaceId, role, username);
    }
}
