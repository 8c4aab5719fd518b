package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.Statement;

/**
 * PostgreSQL only: the trigger that keeps the connection search's side table (V7) names that table without a schema,
 * so it failed wherever the session's search_path did not hold it. pg_dump's data sections load with an empty
 * search_path: restoring data into a schema that already had its tables (a `pg_restore --data-only`, or a dump
 * restored into a database the application had started on) failed every connection row ("relation
 * connection_search does not exist"; a backup audit). The function now keeps the search_path it is migrated with,
 * the application's own.
 */
public class V16__search_trigger_path extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        if (!db.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
            return;
        }
        try (Statement st = db.createStatement()) {
            st.execute("alter function connection_search_sync() set search_path from current");
        }
    }
}
