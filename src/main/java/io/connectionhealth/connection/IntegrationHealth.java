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

    /** The orders the integrations can be listed in, by the names the page's address uses; ties by integration type. */
    public enum Order {
        INTEGRATION_TYPE("integration_type", "integration_type"),
        CONNECTIONS("connections", "sum(n)"),
        NOT_WORKING("not_working", Sql.NOT_WORKING),
        NOT_WORKING_SHARE("share", Sql.NOT_WORKING + " * 1.0 / sum(n)"),
        UNHEALTHY_NOW("unhealthy_now", "sum(case when status = 'UNHEALTHY_NOW' then n else 0 end)"),
        PLATFORM_ACTS("platform", Sql.acts("PLATFORM")),
        CUSTOMER_ACTS("customer", Sql.acts("CUSTOMER")),
        VENDOR_ACTS("vendor", Sql.acts("VENDOR")),
        HEALTHY("healthy", "sum(case when status = 'HEALTHY' then n else 0 end)"),
        NEW("new", "sum(case when status = 'NEW' then n else 0 end)");

        public final String urlName;
        final String expression;

        Order(String urlName, String expression) {
            this.urlName = urlName;
            this.expression = expression;
        }
    }

    /** Over the per-status counts {@code n} the query sums (ConnectionStore.integrationHealth). */
    static final class Sql {
        static final String NOT_WORKING = "sum(case when status in ('UNHEALTHY', 'UNHEALTHY_NOW') then n else 0 end)";

        static String acts(String owner) {
            return "sum(case when status in ('UNHEALTHY', 'UNHEALTHY_NOW') and health_owner = '" + owner
                    + "' then n else 0 end)";
        }

        private Sql() {
        }
    }
}
