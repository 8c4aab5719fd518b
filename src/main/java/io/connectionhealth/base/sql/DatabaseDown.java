package io.connectionhealth.base.sql;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;

/** Whether a failure is the database's, not the request's: it cannot be reached, or its disk is full. */
public final class DatabaseDown {

    private DatabaseDown() {
    }

    public static boolean is(Throwable t) {
        return t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                || diskFull(t);
    }

    /**
     * The database's disk is full: the embedded H2 then closes itself, and what a client is told and what the log says
     * should name the cause (the disk-full audit found it only deep in a trace's "Caused by", under a "General error").
     */
    public static boolean diskFull(Throwable t) {
        return diskFull(t, 0);
    }

    private static boolean diskFull(Throwable t, int depth) {
        for (Throwable c = t; c != null && depth < 20; c = c.getCause() == c ? null : c.getCause(), depth++) {
            String message = c.getMessage();
            // Linux's and macOS's ENOSPC, Windows' ERROR_DISK_FULL; PostgreSQL's "could not extend file" says the same
            if (message != null && (message.contains("No space left on device")
                    || message.contains("There is not enough space on the disk"))) {
                return true;
            }
            // a failed batch keeps its statement's exception, and that its cause, beside the chain (H2 does so)
            if (c instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != c
                    && diskFull(sql.getNextException(), depth + 1)) {
                return true;
            }
        }
        return false;
    }
}
