package io.connectionhealth.base;

/**
 * Who is asking, as the services see it: the workspace everything is scoped to, the role, and which door
 * they came through ({@code api} with a key, or {@code ui} signed in). Services check {@link #requireAdmin()}.
 */
public record Actor(String workspaceId, Role role, String kind, String id) {

    public enum Role { ADMIN, VIEWER }

    public static Actor api(String workspaceId, String apiKeyId) {
        return new Actor(workspaceId, Role.ADMIN, "api", apiKeyId);
    }

    public static Actor ui(String workspaceId, Role role, String username) {
        return new Actor(workspaceId, role, "ui", username);
    }

    public static Actor system(String workspaceId) {
        return new Actor(workspaceId, Role.ADMIN, "system", "system");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw new ForbiddenException("This action needs the ADMIN role.");
        }
    }
}
