package io.connectionhealth.health;

/** Leen's seven health names, with the description Leen gives each. */
public enum HealthName {
    HEALTHY("Connection is healthy"),
    EXECUTION_TIMEOUT("Execution timeout"),
    RATE_LIMIT_EXCEEDED("Rate limit exceeded"),
    VENDOR_CLIENT_ERROR("Vendor returned a 4xx client error"),
    INTERNAL_ERROR("Internal error"),
    VENDOR_SERVER_ERROR("Vendor returned a 5xx server error"),
    UNAUTHORIZED("Connection is unauthorized");

    private final String description;

    HealthName(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
