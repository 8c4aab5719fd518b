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
 * PostgreSQL only: the connection search's four trigram indexes (V4) become one over the expression the search
 * then used (V7 moved it into a side table). A health change that moves a row off its page writes an entry into every
 * index of the table; the four GIN indexes made those writes the most expensive part of ingestion.
 */
public class V6__one_search_index extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V6__one_search_index.class);

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        if (!db.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
            return;
        }
        try (Statement st = db.createStatement()) {
            for (String column : new String[]{"id", "external_xref", "integration_type", "integration_name"}) {
                st.execute("drop index if exists connection_q_" + column);
            }
            // as in V4: where pg_trgm is missing or not visible from this schema, the search scans instead
            Savepoint beforeIndex = db.setSavepoint();
            try {
                st.execute("create index connection_q on connection using gin (lower(id || chr(31)"
                        + " || coalesce(external_xref, '') || chr(31) || integration_type || chr(31)"
                        + " || coalesce(integration_name, '')) gin_trgm_ops)");
                db.releaseSavepoint(beforeIndex);
            } catch (SQLException e) {
                db.rollback(beforeIndex);
                log.warn("No trigram index for the connection search ({}); the search scans instead", e.getMessage());
            }
        }
    }
}
