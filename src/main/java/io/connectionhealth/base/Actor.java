package io.connectionhealth.base;

/**
 * Who is asking, as the services see it: the workspace everything is scoped to, the role, and which door
 * they came through ({@code api} with a key, or {@code ui} signed in). Services check {@link #requireAdmin()}, or
 * {@link #requireReporting()} for what an integration layer does (signals and connections).
 */
public record Actor(String workspaceId, Role role, String kind, String id) {

    /** {@code REPORTER} is an API key's only: it reports signals and keeps connections, and reads. */
    public enum Role { ADMIN, VIEWER, REPORTER }

    public static Actor api(String workspaceId, String apiKeyId, Role role) {
        return new Actor(workspaceId, role, "api", apiKeyId);
    }

    public static Actor ui(String workspaceId, Role role, String username) {
        return new Actor(workspaceId, role, "ui", username);
    }

    /**
     * The application acting as an integration layer would: the demo's simulated traffic. Its changes' trigger is
     * {@code api} / {@code system}: SPEC §4 names four trigger kinds, and a receiver may rely on there being no other.
     */
    public static Actor system(String workspaceId) {
        return new Actor(workspaceId, Role.ADMIN, "api", "system");
    }

    /** "admin" (a user) or "API key 3f2a…" (its id), for a log line or a reason shown to other admins. */
    public String who() {
        return "ui".equals(kind) ? id : "API key " + id;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw new ForbiddenException("api".equals(kind) ? "This API key " + (role == Role.REPORTER
                    ? "may only report signals, manage connections and read" : "may only read")
                    + "; this action needs a key with full access (an admin makes one in the dashboard: Settings → "
                    + "API keys)." : "This action needs the ADMIN role.");
        }
    }

    /** Reporting API calls and job runs, and creating, changing or deleting connections. */
    public void requireReporting() {
        if (role == Role.VIEWER) {
            throw new ForbiddenException("api".equals(kind) ? "This API key may only read; reporting signals and "
                    + "managing connections need a key with full access or one that may report (an admin makes one in "
                    + "the dashboard: Settings → API keys)."
                    : "This action needs the ADMIN role.");
        }
    }
}
