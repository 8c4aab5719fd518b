package io.connectionhealth.base;

import org.flywaydb.core.api.exception.FlywayValidateException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says plainly why a start on a database that a newer version migrated is refused (application.properties makes
 * Flyway refuse it): run on a schema it does not know, an older build would, for one, treat every API key as having
 * full access (V11 added the access levels). Also why one whose migrations differ from this version's is: Flyway's
 * own text advises its repair, which rewrites only the record (an upgrade audit saw the schema then miss an index on
 * PostgreSQL, and H2's next migration fail for good). Registered in spring.factories.
 */
public class UnknownSchemaFailureAnalyzer extends AbstractFailureAnalyzer<FlywayValidateException> {

    private static final String NEWER = "not resolved locally";
    private static final String DIFFERENT = "mismatch for migration version";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FlywayValidateException cause) {
        String detail = cause.getMessage() == null ? "" : cause.getMessage();
        if (detail.contains(DIFFERENT)) {
            return different(detail, cause);
        }
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

    private static FailureAnalysis different(String detail, FlywayValidateException cause) {
        String migrations = detail.lines().map(String::strip)
                .filter(line -> line.contains(DIFFERENT) || line.startsWith("->"))
                .map(line -> line.replaceAll("\\s+", " "))
                .reduce((a, b) -> a + (b.startsWith("->") ? " " : "; ") + b).orElse(detail);
        return new FailureAnalysis("The database was migrated by a build whose migrations differ from this version's ("
                + migrations + "): a development build, or a migration edited since. This version does not know that "
                + "schema and would not run correctly on it.",
                "Start the build that migrated the database, or restore the backup taken before that build first "
                        + "ran and upgrade from there (docs/operations.md, Upgrades). Do not run Flyway's repair: it "
                        + "rewrites only the record of the migrations, not the schema.", cause);
    }
}
