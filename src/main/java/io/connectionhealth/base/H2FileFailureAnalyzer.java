package io.connectionhealth.base;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Says what is wrong with the embedded H2 database's file, and what to do, when the start fails on it: damaged, in use
 * by another process, or not writable by the user the application runs as (a directory it cannot create or write, a
 * file where the directory should be, a file restored as another user). Each had ended the start in a stack trace of
 * 90 to 180 lines without a summary (a backup audit, then an audit of operators' mistakes). Registered in
 * spring.factories.
 */
public class H2FileFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    /** H2's error codes, also its SQLStates: ErrorCode.FILE_CORRUPTED_1. */
    static final String FILE_CORRUPTED = "90030";
    /** DATABASE_ALREADY_OPEN_1. */
    static final String ALREADY_OPEN = "90020";
    /** IO_EXCEPTION_1, IO_EXCEPTION_2, TRACE_FILE_ERROR_2, FILE_CREATION_FAILED_1, DATABASE_IS_READ_ONLY. */
    static final java.util.Set<String> NOT_WRITABLE = java.util.Set.of("90028", "90031", "90034", "90062", "90097");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String state = cause.getSQLState();
        String message = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("");
        if (FILE_CORRUPTED.equals(state)) {
            return new FailureAnalysis("The H2 database file is damaged and cannot be read: " + message,
                    "Restore the last backup of the database directory (./data by default): with the application "
                            + "stopped, put the copy back and start again (docs/operations.md, Backup and restore). Keep "
                            + "the damaged file: H2 suggests its recovery tool (org.h2.tools.Recover) for what it still "
                            + "holds.", cause);
        }
        if (ALREADY_OPEN.equals(state)) {
            return new FailureAnalysis("The H2 database file is in use by another process: " + message,
                    "The embedded database serves one instance: stop the other one (or the tool that has the file "
                            + "open). Several instances need PostgreSQL (docs/operations.md).", cause);
        }
        if (state != null && NOT_WRITABLE.contains(state)) {
            return new FailureAnalysis("The H2 database file cannot be created or written: " + message,
                    "The user this runs as (" + System.getProperty("user.name") + ") must be able to create and write "
                            + "the database directory (./data by default, here " + Path.of("data").toAbsolutePath()
                            + ") and every file in it: create the directory, give it to that user (chown -R), or set "
                            + "SPRING_DATASOURCE_URL to a place it can write (docs/operations.md, Databases).",
                    cause);
        }
        return null;
    }
}
