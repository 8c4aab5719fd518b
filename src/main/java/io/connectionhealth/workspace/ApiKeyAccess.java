package io.connectionhealth.workspace;

import io.connectionhealth.base.Actor;

/**
 * What an API key may do. The key an integration layer ships to its workers needs only {@link #REPORT}: leaked, it
 * cannot point the webhook elsewhere, replay events or make keys.
 */
public enum ApiKeyAccess {
    /** Everything an admin may do. */
    FULL("Full access", Actor.Role.ADMIN),
    /** Report API calls and job runs, create, change and delete connections, and read everything. */
    REPORT("Report signals and manage connections", Actor.Role.REPORTER),
    /** Read everything, change nothing. */
    READ("Read only", Actor.Role.VIEWER);

    private final String label;
    private final Actor.Role role;

    ApiKeyAccess(String label, Actor.Role role) {
        this.label = label;
        this.role = role;
    }

    public String label() {
        return label;
    }

    /** The role the key's requests act with. */
    public Actor.Role role() {
        return role;
    }
}
