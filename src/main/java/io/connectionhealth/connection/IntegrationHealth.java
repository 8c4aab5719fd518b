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

    /** The orders the integrations can be listed in; ties go by integration type. */
    public enum Order {
        INTEGRATION_TYPE("integration_type"),
        CONNECTIONS("sum(n)"),
        NOT_WORKING(Sql.NOT_WORKING),
        NOT_WORKING_SHARE(Sql.NOT_WORKING + " * 1.0 / sum(n)");

        final String expression;

        Order(String expression) {
            this.expression = expression;
        }
    }

    static final class Sql {
        /** Over the per-status counts {@code n} the query sums (ConnectionStore.integrationHealth). */
        static final String NOT_WORKING = "sum(case when status in ('UNHEALTHY', 'UNHEALTHY_NOW') then n else 0 end)";

        private Sql() {
        }
    }
}
