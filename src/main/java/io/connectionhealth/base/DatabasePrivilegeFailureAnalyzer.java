package io.connectionhealth.base;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.sql.SQLException;

/**
 * A PostgreSQL user without the right to create the tables (SQLState 42501: PostgreSQL 15 and later no longer let every
 * user create in schema public) had failed the start in 190 lines whose one plain statement was Flyway's "permission
 * denied for schema public" (an audit of operators' mistakes). Nothing is migrated then. Registered in
 * spring.factories.
 */
public class DatabasePrivilegeFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        if (!INSUFFICIENT_PRIVILEGE.equals(cause.getSQLState())) {
            return null;
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("");
        return new FailureAnalysis("The database user may not do what the start needs: " + message,
                "The user of SPRING_DATASOURCE_USERNAME creates and changes the application's tables: make it the owner "
                        + "of the database or of its schema, or, as a database owner or superuser, run GRANT CREATE, "
                        + "USAGE ON SCHEMA public TO <that user> (docs/operations.md, Databases).", cause);
    }
}
