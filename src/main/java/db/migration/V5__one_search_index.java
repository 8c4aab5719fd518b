package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * PostgreSQL only: the connection search's four trigram indexes (V4) become one over the expression the search
 * now uses (ConnectionStore.SEARCH_TEXT). A health change that moves a row off its page writes an entry into every
 * index of the table; the four GIN indexes made those writes the most expensive part of ingestion.
 */
public class V5__one_search_index extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V5__one_search_index.class);

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
            boolean trigrams;
            try (ResultSet rs = st.executeQuery("select 1 from pg_extension where extname = 'pg_trgm'")) {
                trigrams = rs.next();
            }
            if (!trigrams) {
                log.warn("No trigram index for the connection search (pg_trgm is not installed); the search scans instead");
                return;
            }
            st.execute("create index connection_q on connection using gin (lower(id || chr(31)"
                    + " || coalesce(external_xref, '') || chr(31) || integration_type || chr(31)"
                    + " || coalesce(integration_name, '')) gin_trgm_ops)");
        }
    }
}
