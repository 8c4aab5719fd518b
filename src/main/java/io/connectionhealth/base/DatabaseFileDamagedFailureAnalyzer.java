package io.connectionhealth.base;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.sql.SQLException;

/**
 * Says what to do when the embedded H2 file cannot be read (H2's error 90030, "File corrupted while reading record"):
 * the start had ended in an 88-line stack trace without a summary, H2's own advice buried in it (a backup audit, with
 * a damaged copy of ./data). Registered in spring.factories.
 */
public class DatabaseFileDamagedFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    /** H2's ErrorCode.FILE_CORRUPTED_1, also its SQLState. */
    static final String H2_FILE_CORRUPTED = "90030";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        if (!H2_FILE_CORRUPTED.equals(cause.getSQLState())) {
            return null;
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("");
        return new FailureAnalysis("The H2 database file is damaged and cannot be read: " + message,
                "Restore the last backup of the database directory (./data by default): with the application stopped, "
                        + "put the copy back and start again (docs/operations.md, Backup and restore). Keep the damaged "
                        + "file: H2 suggests its recovery tool (org.h2.tools.Recover) for what it still holds.", cause);
    }
}
