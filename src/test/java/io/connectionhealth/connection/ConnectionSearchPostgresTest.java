package io.connectionhealth.connection;

import io.connectionhealth.base.Actor;
import io.connectionhealth.support.PostgresVariant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresVariant
class ConnectionSearchPostgresTest extends ConnectionSearchTest {

    @Autowired
    DataSource dataSource;

    /** pg_dump's data sections load with an empty search_path: the search's trigger had failed every connection row. */
    @Test
    void theSearchIsKeptWhateverTheSessionsSearchPath() throws Exception {
        Actor actor = newWorkspace();
        Connection before = connections.create(actor, new NewConnection("hubspot", null, List.of(), List.of(),
                "before-restore", null));
        try (var db = dataSource.getConnection(); var st = db.createStatement()) {
            String schema = db.getSchema();
            st.execute("set search_path = ''");
            try {
                st.executeUpdate("update \"" + schema + "\".connection set external_xref = 'restored-xref' where id = '"
                        + before.id() + "'");
            } finally {
                st.execute("reset search_path");
            }
        }
        assertThat(search(actor, "restored-xref")).containsExactly(before.id());
    }
}
