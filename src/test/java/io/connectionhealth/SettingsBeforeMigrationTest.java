package io.connectionhealth;

import org.springframework.boot.builder.SpringApplicationBuilder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A setting that cannot be read stops the start before Flyway has touched the database. */
class SettingsBeforeMigrationTest {

    private static final String URL = "jdbc:h2:mem:settings-before-migration;DB_CLOSE_DELAY=-1";

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '=', value = {
            "app.webhooks.retry-schedule=soon", "app.webhooks.allowed-cidrs=10.0.0.0/33",
            "app.security.session-max-age=forever", "app.retention.duty-cycle=2",
            "app.bootstrap.api-key=caf\u00e9-key-0123456789", "app.demo.traffic-interval=abc",
            "app.demo.traffic-interval=0s", "app.demo.traffic-interval=''"})
    void aSettingThatCannotBeReadStopsTheStartBeforeTheDatabaseChanges(String setting, String value) throws Exception {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run(
                "--spring.datasource.url=" + URL, "--server.port=0", "--app.demo.enabled=false",
                "--" + setting + "=" + value))
                .hasStackTraceContaining(setting);
        try (Connection db = DriverManager.getConnection(URL, "sa", "");
             ResultSet tables = db.createStatement().executeQuery(
                     "select count(*) from information_schema.tables where lower(table_name) = 'flyway_schema_history'")) {
            tables.next();
            assertThat(tables.getInt(1)).as("no migration ran").isZero();
        }
    }
}
