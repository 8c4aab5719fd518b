package io.connectionhealth.base;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.sql.SQLException;

/**
 * Puts the database's own reason for refusing the first connection ("database … does not exist", "password
 * authentication failed", "Connection refused") in the start's failure report, where it was 35 lines down a stack
 * trace. Only connection and authorization failures (SQLState classes 08 and 28, and 3D000, no such database): other
 * SQL errors at start (a migration's, say) keep the usual report. Registered in spring.factories.
 */
public class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String state = cause.getSQLState() == null ? "" : cause.getSQLState();
        if (!state.startsWith("08") && !state.startsWith("28") && !state.equals("3D000")) {
            return null;
        }
        return new FailureAnalysis("The database refused the connection or cannot be reached: " + cause.getMessage()
                + " (SQLState " + state + ").",
                "Check SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD (docs/operations.md, "
                        + "Databases) and that the database server is running; the application needs it at start.", cause);
    }
}
