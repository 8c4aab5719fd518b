package io.connectionhealth.support;

import org.h2.api.Trigger;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Makes one table refuse writes as PostgreSQL does on a full disk (SQLState 53100, disk_full), on H2 and on
 * PostgreSQL, while the rest of the database works: what a disk that fills up between two statements looks like.
 */
public class DiskFullTrigger implements Trigger {

    private static final String MESSAGE = "could not extend file \"base/5/16498\": No space left on device";

    /** Called by H2 for each row written to the table. */
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(MESSAGE, "53100");
    }

    /** From now on, inserts into and updates of the table fail as on a full disk. */
    public static void install(DataSource dataSource, String table) throws SQLException {
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        if (postgres(dataSource)) {
            sql.execute("create function refuse_" + table + "() returns trigger language plpgsql as $$ begin "
                    + "raise exception '" + MESSAGE.replace("'", "''") + "' using errcode = 'disk_full'; end $$");
            sql.execute("create trigger refuse_" + table + " before insert or update on " + table
                    + " for each row execute function refuse_" + table + "()");
        } else {
            sql.execute("create trigger refuse_" + table + " before insert, update on " + table + " for each row call '"
                    + DiskFullTrigger.class.getName() + "'");
        }
    }

    /** The disk has room again. */
    public static void remove(DataSource dataSource, String table) throws SQLException {
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        if (postgres(dataSource)) {
            sql.execute("drop trigger refuse_" + table + " on " + table);
            sql.execute("drop function refuse_" + table + "()");
        } else {
            sql.execute("drop trigger refuse_" + table);
        }
    }

    private static boolean postgres(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        }
    }
}
