package io.connectionhealth.base.sql;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.util.function.Predicate;

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
        // Linux's and macOS's ENOSPC, Windows' ERROR_DISK_FULL; PostgreSQL's "could not extend file" says the same,
        // and names it by its SQLState (53100, disk_full)
        return anyIn(t, c -> c instanceof SQLException sql && "53100".equals(sql.getSQLState())
                || c.getMessage() != null && (c.getMessage().contains("No space left on device")
                || c.getMessage().contains("There is not enough space on the disk")));
    }

    /**
     * Whether the failure or anything it carries matches: its causes, what was suppressed on the way (the scheduler's
     * failed rollback on a dropped connection carries why it was dropped so), and a failed batch's statement exception,
     * which JDBC keeps beside the chain (H2 puts the cause of a failed batch there).
     */
    static boolean anyIn(Throwable t, Predicate<Throwable> matches) {
        return anyIn(t, matches, 0);
    }

    private static boolean anyIn(Throwable t, Predicate<Throwable> matches, int depth) {
        for (Throwable c = t; c != null && depth < 20; c = c.getCause() == c ? null : c.getCause(), depth++) {
            if (matches.test(c)) {
                return true;
            }
            for (Throwable suppressed : c.getSuppressed()) {
                if (anyIn(suppressed, matches, depth + 1)) {
                    return true;
                }
            }
            if (c instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != c
                    && anyIn(sql.getNextException(), matches, depth + 1)) {
                return true;
            }
        }
        return false;
    }
}
