package io.connectionhealth.base.sql;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells the pool to drop a connection whose embedded H2 database has closed itself, as it does when a write fails (a
 * full disk). The pool kept them: every request failed with "The database has been closed" for about 30 minutes, its
 * connection lifetime, long after space was freed (disk-full audit); a new connection opens the database again. Other
 * failures keep the pool's own rules.
 */
public class ClosedDatabaseEviction implements SQLExceptionOverride {

    /** H2's DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN. */
    private static final Set<Integer> CLOSED = Set.of(90098, 90121);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return e.getClass().getName().startsWith("org.h2.") && CLOSED.contains(e.getErrorCode())
                ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
