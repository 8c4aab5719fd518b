package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.Statement;

/**
 * Indexes that let the dashboard's "newest first" pages and the status counts stop reading whole ranges
 * (docs/benchmarks.md, section 3, has the plans before and after).
 * <ul>
 *   <li>both databases: the connection list filtered by one status (a status tile) in creation order;</li>
 *   <li>H2: the log's two time indexes gain {@code id}, so that {@code order by created_at, id} is read from the
 *       index in order with nothing left to sort (H2 scans an index backwards for the newest first); the connection
 *       list by last unhealthy gets the index PostgreSQL got in V4; the counts read a covering index only; the text
 *       search reads a generated lower-case column from an index instead of every row (PostgreSQL has trigram
 *       indexes, V4);</li>
 *   <li>PostgreSQL: the counts read a partial covering index (an index-only scan where the visibility map is set,
 *       which autovacuum keeps up to date).</li>
 * </ul>
 * H2 picks an index by the WHERE clause alone, so the stores also name the index there ({@code USE INDEX}, H2 only).
 */
public class V5__sorted_indexes extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        boolean postgres = db.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        try (Statement st = db.createStatement()) {
            st.execute("create index connection_ws_status_created on connection (workspace_id, status, created_at)");
            if (postgres) {
                st.execute("create index connection_ws_counts on connection (workspace_id, status, health_owner)"
                        + " where deleted_at is null");
                return;
            }
            st.execute("drop index api_call_ws_time");
            st.execute("create index api_call_ws_time_id on api_call (workspace_id, created_at, id)");
            st.execute("drop index api_call_ws_conn_time");
            st.execute("create index api_call_ws_conn_time_id on api_call (workspace_id, connection_id, created_at, id)");
            // the text search (q) reads one lower-case column of this index, and fetches only the rows that match:
            // H2 has no trigram index, and evaluating four lower(column) LIKEs on every row read it all (char(1)
            // keeps a match from spanning two columns); the default list reads the same index in order
            st.execute("alter table connection add column search_text varchar(1000) generated always as"
                    + " (lower(concat_ws(char(1), id, external_xref, integration_type, integration_name)))");
            st.execute("drop index connection_ws_created");
            st.execute("create index connection_ws_created_search on connection"
                    + " (workspace_id, created_at, id, deleted_at, search_text)");
            // ascending: scanned backwards it is PostgreSQL's V4 index (last_unhealthy_at desc nulls last, id desc)
            st.execute("create index connection_ws_unhealthy_at on connection (workspace_id, last_unhealthy_at, id)");
            st.execute("create index connection_ws_counts on connection (workspace_id, deleted_at, status, health_owner)");
        }
    }
}
