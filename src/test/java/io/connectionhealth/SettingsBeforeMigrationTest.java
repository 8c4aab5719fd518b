package io.connectionhealth;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A setting that cannot be read stops the start before Flyway has touched the database. */
class SettingsBeforeMigrationTest {

    private static final String URL = "jdbc:h2:mem:settings-before-migration;DB_CLOSE_DELAY=-1";

    @Test
    void aSettingThatCannotBeReadStopsTheStartBeforeTheDatabaseChanges() throws Exception {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run(
                "--spring.datasource.url=" + URL, "--server.port=0", "--app.demo.enabled=false",
                "--app.webhooks.retry-schedule=soon"))
                .hasStackTraceContaining("app.webhooks.retry-schedule");
        try (Connection db = DriverManager.getConnection(URL, "sa", "");
             ResultSet tables = db.createStatement().executeQuery(
                     "select count(*) from information_schema.tables where lower(table_name) = 'flyway_schema_history'")) {
            tables.next();
            assertThat(tables.getInt(1)).as("no migration ran").isZero();
        }
    }
}
