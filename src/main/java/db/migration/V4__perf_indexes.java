package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * Indexes for the dashboard's queries at size (docs/benchmarks.md has the plans and timings before and after).
 * Java rather than SQL because they exist on PostgreSQL only: H2 has neither partial indexes nor trigrams, and its
 * planner picks indexes by the WHERE clause alone, so an index in ORDER BY order does not help it (measured).
 * <ul>
 *   <li>the connection list sorted by last unhealthy (status filter + sort) walks this index in order instead of
 *       sorting every unhealthy connection;</li>
 *   <li>"errors only" for one connection reads a partial index of the error rows instead of the
 *       connection's whole history;</li>
 *   <li>the text search ({@code q}, lower(column) LIKE '%…%') uses trigram indexes (pg_trgm), when the
 *       extension can be created; without it the search still works, by scanning;</li>
 *   <li>the connection table keeps 30 % of each page free (fillfactor 70) for HOT updates.</li>
 * </ul>
 */
public class V4__perf_indexes extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V4__perf_indexes.class);

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        boolean postgres = db.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        try (Statement st = db.createStatement()) {
            if (!postgres) {
                return;
            }
            st.execute("create index connection_ws_unhealthy_at on connection (workspace_id, last_unhealthy_at desc nulls last, id desc)");
            st.execute("create index api_call_ws_conn_errors on api_call (workspace_id, connection_id, created_at)"
                    + " where status >= 400 or timed_out");
            // every accepted signal rewrites its connection's row: room on the page lets most of those updates be
            // HOT (no new entry in any index), which keeps the trigram indexes below from slowing ingestion down
            st.execute("alter table connection set (fillfactor = 70)");
            Savepoint beforeTrigrams = db.setSavepoint();
            try {
                st.execute("create extension if not exists pg_trgm");
                for (String column : new String[]{"id", "external_xref", "integration_type", "integration_name"}) {
                    st.execute("create index connection_q_" + column + " on connection using gin (lower(" + column
                            + ") gin_trgm_ops)");
                }
                db.releaseSavepoint(beforeTrigrams);
            } catch (SQLException e) {
                db.rollback(beforeTrigrams);
                log.warn("No trigram indexes for the connection search (pg_trgm: {}); the search scans instead",
                        e.getMessage());
            }
        }
    }
}
