package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.Statement;

/**
 * The connection search's stored text is folded after the database's lower(): a final sigma becomes a sigma and
 * U+0307 (what H2 and ICU collations add after "i" when lowering "İ") is dropped, as the query is folded in Java
 * (io.connectionhealth.connection.SearchFold). Before, "ΣΊΣΥΦΟΣ" and "İ-probe" were not found on PostgreSQL with a libc
 * locale, and "ΣΊΣ" not on H2: each side lowered by its own context rules. Written out here rather than shared, so that
 * what this migration does never changes.
 */
public class V13__search_fold extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        boolean postgres = db.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        try (Statement st = db.createStatement()) {
            if (postgres && !utf8(st)) {
                return; // chr(775) and the sigmas do not exist in the database's encoding: nothing to fold there
            }
            if (postgres) {
                String text = "replace(translate(lower(%1$sid || chr(31) || coalesce(%1$sexternal_xref, '') || chr(31)"
                        + " || %1$sintegration_type || chr(31) || coalesce(%1$sintegration_name, '')),"
                        + " '\u03c2', '\u03c3'), chr(775), '')";
                st.execute("""
                        create or replace function connection_search_sync() returns trigger language plpgsql as $$
                        begin
                            insert into connection_search (id, workspace_id, text)
                            values (new.id, new.workspace_id, %s)
                            on conflict (id) do update set workspace_id = excluded.workspace_id, text = excluded.text;
                            return null;
                        end $$""".formatted(text.formatted("new.")));
                // only the rows whose text the fold changes: every other row keeps its tuple and index entries
                st.execute("update connection_search s set text = " + text.formatted("c.") + " from connection c"
                        + " where c.id = s.id and s.text <> " + text.formatted("c."));
            } else {
                st.execute("drop index connection_ws_created_search");
                st.execute("alter table connection drop column search_text");
                st.execute("alter table connection add column search_text varchar(1000) generated always as"
                        + " (replace(translate(lower(concat_ws(char(1), id, external_xref, integration_type,"
                        + " integration_name)), '\u03c2', '\u03c3'), char(775), ''))");
                st.execute("create index connection_ws_created_search on connection"
                        + " (workspace_id, created_at, id, deleted_at, search_text)");
            }
        }
    }

    private static boolean utf8(Statement st) throws java.sql.SQLException {
        try (java.sql.ResultSet rs = st.executeQuery("select pg_encoding_to_char(encoding) from pg_database"
                + " where datname = current_database()")) {
            return rs.next() && "UTF8".equals(rs.getString(1));
        }
    }
}
