package io.connectionhealth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A setting the application cannot use is named in the start's failure summary, not only deep in a stack trace (which
 * also shows that InvalidSettingFailureAnalyzer is registered).
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidSettingTest {

    @Test
    void anUnknownDemoSettingIsTheReasonTheStartGives(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run(
                "--spring.datasource.url=jdbc:h2:mem:invalid-setting;DB_CLOSE_DELAY=-1", "--server.port=0",
                "--app.demo.enabled=maybe"));
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .containsPattern("Description:\\s+app\\.demo\\.enabled \\(APP_DEMO_ENABLED\\) must be true, false or auto, was 'maybe'");
    }

    @Test
    void aZeroResponseTimeoutStopsTheStartInsteadOfFailingEveryDelivery(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run(
                "--spring.datasource.url=jdbc:h2:mem:zero-timeout;DB_CLOSE_DELAY=-1", "--server.port=0",
                "--app.demo.enabled=false", "--app.webhooks.response-timeout=0s"));
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("app.webhooks.response-timeout (APP_WEBHOOKS_RESPONSE_TIMEOUT) must be longer than zero");
    }

    /** Migrates a new in-memory database, changes its migration history by {@code sql}, and expects the start to fail. */
    private static void startOnMigrated(String name, String sql) throws Exception {
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        org.flywaydb.core.Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load()
                .migrate();
        try (var connection = java.sql.DriverManager.getConnection(url, "sa", "");
             var statement = connection.createStatement()) {
            statement.execute(sql);
        }
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run("--spring.datasource.url=" + url,
                "--server.port=0", "--app.demo.enabled=false"));
    }

    @Test
    void aDatabaseMigratedByANewerVersionIsRefusedAndTheStartSaysWhy(CapturedOutput output) throws Exception {
        startOnMigrated("newer-schema", "insert into \"flyway_schema_history\" (\"installed_rank\", \"version\","
                + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                + " values (99, '99', 'from a newer version', 'SQL', 'V99__newer.sql', 1, 'sa', 1, true)");
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("The database holds a migration this version of Connection Health does not have")
                .contains("most likely a newer version migrated it")
                .contains("applied migration not resolved locally: 99")
                .contains("restore the backup taken before the upgrade");
    }

    @Test
    void aDatabaseWhoseMigrationsDifferFromThisVersionsIsRefusedWithoutAdvisingRepair(CapturedOutput output)
            throws Exception {
        // what a development build between two releases left: its own V5 under the number a release gave another
        startOnMigrated("other-schema", "update \"flyway_schema_history\" set \"description\" = 'one search index'"
                + " where \"version\" = '5'");
        String report = output.getOut() + output.getErr();
        assertThat(report).contains("APPLICATION FAILED TO START")
                .contains("The database was migrated by a build whose migrations differ from this version's")
                .contains("Migration description mismatch for migration version 5 -> Applied to database : one search "
                        + "index -> Resolved locally : sorted indexes")
                .contains("Do not run Flyway's repair");
        assertThat(report.substring(report.indexOf("APPLICATION FAILED TO START"))).doesNotContain("run repair");
    }

    @Test
    void aDatabaseUrlNoDriverTakesIsNamedWithTheOneThatWorks(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run(
                "--spring.datasource.url=jdbc:postgres://127.0.0.1:5432/ch?password=s3cret", "--server.port=0",
                "--app.demo.enabled=false"));
        String report = (output.getOut() + output.getErr());
        assertThat(report).contains("APPLICATION FAILED TO START")
                .contains("The database URL 'jdbc:postgres://127.0.0.1:5432/ch?…' is not one a database driver here accepts")
                .contains("begins jdbc:postgresql://");
        assertThat(report.substring(report.indexOf("APPLICATION FAILED TO START"))).doesNotContain("s3cret");
    }

    @Test
    void aDatabaseThatRefusesTheConnectionIsNamedWithItsReason(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/ch", "--spring.profiles.active=postgres",
                "--spring.datasource.hikari.initialization-fail-timeout=1", "--server.port=0",
                "--app.demo.enabled=false"));
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("The database refused the connection or cannot be reached: Connection to 127.0.0.1:1 refused")
                .contains("Check SPRING_DATASOURCE_URL");
    }

    @Test
    void aDamagedH2FileIsNamedWithWhatToDo(CapturedOutput output, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // what the audit did to a copy of ./data: its first 8 KB zeroed
        String url = "jdbc:h2:file:" + dir.resolve("damaged").toAbsolutePath();
        try (var db = java.sql.DriverManager.getConnection(url, "sa", ""); var st = db.createStatement()) {
            st.execute("create table filler (id int primary key, text varchar(1000))");
            st.execute("insert into filler select x, repeat('x', 900) from system_range(1, 2000)");
        }
        try (var file = new java.io.RandomAccessFile(dir.resolve("damaged.mv.db").toFile(), "rw")) {
            file.write(new byte[8192]);
        }
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run("--spring.datasource.url=" + url,
                "--spring.datasource.hikari.initialization-fail-timeout=1", "--server.port=0", "--app.demo.enabled=false"));
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("The H2 database file is damaged and cannot be read: File corrupted")
                .contains("Restore the last backup");
    }
}
