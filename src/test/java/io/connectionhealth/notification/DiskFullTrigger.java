package io.connectionhealth.notification;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/** An H2 trigger that refuses every row as PostgreSQL does on a full disk (SQLState 53100, disk_full). */
public class DiskFullTrigger implements Trigger {

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("could not extend file \"base/5/16498\": No space left on device", "53100");
    }
}
