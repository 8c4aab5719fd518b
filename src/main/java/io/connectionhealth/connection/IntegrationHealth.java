package io.connectionhealth.connection;

/**
 * One integration's connections by status, and whom its unhealthy ones wait on: an integration broken for every
 * customer at once (an expired client secret of the team's app, a vendor's change) shows as one row, where the
 * connection list shows it as hundreds.
 */
public record IntegrationHealth(String integrationType, long connections, long healthy, long unhealthy,
                                long unhealthyNow, long newOnes, long customerActs, long platformActs,
                                long vendorActs) {

    /** Unhealthy and Unhealthy now together: the connections that do not work. */
    public long notWorking() {
        return unhealthy + unhealthyNow;
    }

    /**
     * The orders the integrations can be listed in, by the names the page's address uses; ties by integration type.
     * {@code column} is the query's output column (ConnectionStore.integrationHealth).
     */
    public enum Order {
        INTEGRATION_TYPE("integration_type", "integration_type"),
        CONNECTIONS("connections", "connections"),
        NOT_WORKING("not_working", "not_working"),
        NOT_WORKING_SHARE("share", "share"),
        UNHEALTHY_NOW("unhealthy_now", "unhealthy_now"),
        PLATFORM_ACTS("platform", "platform_acts"),
        CUSTOMER_ACTS("customer", "customer_acts"),
        VENDOR_ACTS("vendor", "vendor_acts"),
        HEALTHY("healthy", "healthy"),
        NEW("new", "new_ones");

        public final String urlName;
        final String column;

        Order(String urlName, String column) {
            this.urlName = urlName;
            this.column = column;
        }
    }
}
