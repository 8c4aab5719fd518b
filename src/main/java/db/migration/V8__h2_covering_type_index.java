package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.Statement;

/**
 * H2 only: the (workspace_id, integration_type) index gains deleted_at, so that the Connections view's integration
 * filter choices (the distinct types of the connections not deleted) are read from the index alone. Without it H2
 * fetched every one of the workspace's rows to check deleted_at: 210-1,136 ms at 100,000 connections once the
 * database had outgrown H2's page cache, most of the Connections view's server time (docs/benchmarks.md, section 9).
 * PostgreSQL steps through the index one type at a time instead (ConnectionStore.integrationTypes).
 */
public class V8__h2_covering_type_index extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        if (db.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
            return;
        }
        try (Statement st = db.createStatement()) {
            st.execute("drop index connection_ws_type");
            st.execute("create index connection_ws_type on connection (workspace_id, integration_type, deleted_at)");
        }
    }
}
