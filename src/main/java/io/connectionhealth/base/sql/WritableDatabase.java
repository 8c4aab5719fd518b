package io.connectionhealth.base.sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Refuses to start on an embedded H2 database that opened read-only (its file not writable by this user: a backup
 * restored as root, say). Nothing at start writes to a migrated database, so the start had looked healthy while every
 * sign-in and API request failed with "The database is read only", and the scheduler logged a stack trace a second.
 */
public final class WritableDatabase {

    /** H2's ErrorCode.DATABASE_IS_READ_ONLY, which H2FileFailureAnalyzer explains. */
    static final String READ_ONLY = "90097";

    private WritableDatabase() {
    }

    public static void require(DataSource dataSource) {
        try (Connection con = dataSource.getConnection()) {
            if (!"H2".equalsIgnoreCase(con.getMetaData().getDatabaseProductName())) {
                return;
            }
            try (Statement st = con.createStatement(); ResultSet rs = st.executeQuery("select readonly()")) {
                if (rs.next() && rs.getBoolean(1)) {
                    throw new SQLException("The database " + con.getMetaData().getURL() + " opened read-only",
                            READ_ONLY, 90097);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
