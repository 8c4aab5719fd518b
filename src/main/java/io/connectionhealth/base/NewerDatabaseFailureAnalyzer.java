package io.connectionhealth.base;

import org.flywaydb.core.api.exception.FlywayValidateException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says plainly why a start on a database that a newer version migrated is refused (application.properties makes
 * Flyway refuse it): run on a schema it does not know, an older build would, for one, treat every API key as having
 * full access (V11 added the access levels). Registered in spring.factories.
 */
public class NewerDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<FlywayValidateException> {

    private static final String NEWER = "not resolved locally";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FlywayValidateException cause) {
        String detail = cause.getMessage() == null ? "" : cause.getMessage();
        if (!detail.contains(NEWER)) {
            return null; // another validation failure: Flyway's own words, in the usual report
        }
        String migrations = detail.lines().filter(line -> line.contains(NEWER)).map(String::strip)
                .reduce((a, b) -> a + "; " + b).orElse(detail);
        return new FailureAnalysis("The database holds a migration this version of Connection Health does not have ("
                + migrations + "): most likely a newer version migrated it. This version does not know that schema and "
                + "would not run correctly on it.",
                "Start the version that migrated the database, or a newer one; to go back to this version, restore the "
                        + "backup taken before the upgrade (docs/operations.md, Upgrades).", cause);
    }
}
