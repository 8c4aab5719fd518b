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
    void aPortOutOfRangeStopsTheStartBeforeTheMigration(CapturedOutput output) throws Exception {
        String url = "jdbc:h2:mem:port-range;DB_CLOSE_DELAY=-1";
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run("--spring.datasource.url=" + url,
                "--server.port=70000", "--app.demo.enabled=false"));
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("server.port (PORT or SERVER_PORT) must be a port from 1 to 65535 (or 0 for any free one), was 70000");
        assertNothingMigrated(url);
    }

    /** Spring's own report named the placeholder of application.properties, "${PORT:8080}", as the value given. */
    @Test
    void aPortThatIsNoNumberIsNamedWithTheValueGiven(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run(
                "--spring.datasource.url=jdbc:h2:mem:port-text;DB_CLOSE_DELAY=-1", "--PORT=abc",
                "--app.demo.enabled=false"));
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("server.port (PORT or SERVER_PORT) must be a port from 1 to 65535, was 'abc'")
                .doesNotContain("${PORT:8080}");
    }

    @Test
    void aDatabaseUrlWithoutJdbcIsNamed(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run(
                "--spring.datasource.url=postgresql://127.0.0.1:5432/ch", "--server.port=0", "--app.demo.enabled=false"));
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("The database URL (SPRING_DATASOURCE_URL) does not begin with jdbc:")
                .contains("begins jdbc:postgresql://");
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

    /** A server that takes the connection and never answers: the start had waited for ever in the driver's login. */
    @Test
    void aDatabaseThatNeverAnswersStopsTheStartWithinItsLoginTimeout(CapturedOutput output) throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0)) {
            Thread accepting = Thread.ofVirtual().start(() -> {
                java.util.List<java.net.Socket> held = new java.util.ArrayList<>();
                try {
                    while (true) {
                        held.add(silent.accept()); // and never a byte back
                    }
                } catch (java.io.IOException closed) {
                    held.forEach(socket -> {
                        try {
                            socket.close();
                        } catch (java.io.IOException ignored) {
                            // closing
                        }
                    });
                }
            });
            long started = System.nanoTime();
            assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run(
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/ch",
                    "--spring.profiles.active=postgres", "--spring.datasource.hikari.initialization-fail-timeout=1",
                    "--server.port=0", "--app.demo.enabled=false"));
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(50));
            assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                    .contains("The database refused the connection or cannot be reached: Connection attempt timed out");
            silent.close();
            accepting.join(5_000);
        }
    }

    /** A file restored as another user opens read-only; nothing at start writes, so it had looked healthy. */
    @Test
    void aReadOnlyH2DatabaseStopsTheStartNamingTheDirectory(CapturedOutput output,
                                                           @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("restored").toAbsolutePath();
        try (var db = java.sql.DriverManager.getConnection(url, "sa", "")) {
            db.createStatement().execute("create table before_the_restore (id int)");
        }
        // what H2 does with a file it may not write (the test may run as root, who may write any file)
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run(
                "--spring.datasource.url=" + url + ";ACCESS_MODE_DATA=r", "--server.port=0", "--app.demo.enabled=false"));
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("The H2 database file cannot be created or written: The database " + url)
                .contains("must be able to create and write the database directory");
        try (var db = java.sql.DriverManager.getConnection(url, "sa", "");
             var tables = db.createStatement().executeQuery("select count(*) from information_schema.tables "
                     + "where table_schema = 'PUBLIC'")) {
            tables.next();
            assertThat(tables.getInt(1)).as("nothing migrated").isEqualTo(1);
        }
    }

    @Test
    void aFileWhereTheDatabaseDirectoryShouldBeIsNamed(CapturedOutput output,
                                                      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path notADirectory = java.nio.file.Files.writeString(dir.resolve("data"), "a file");
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run(
                "--spring.datasource.url=jdbc:h2:file:" + notADirectory.resolve("connection-health"),
                "--spring.datasource.hikari.initialization-fail-timeout=1", "--server.port=0",
                "--app.demo.enabled=false"));
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("The H2 database file cannot be created or written");
    }

    @Test
    void aResetFlagThatIsNotABooleanStopsTheStartBeforeTheMigration(CapturedOutput output) throws Exception {
        String url = "jdbc:h2:mem:reset-flag;DB_CLOSE_DELAY=-1";
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run("--spring.datasource.url=" + url,
                "--server.port=0", "--app.demo.enabled=false", "--app.bootstrap.reset-admin-password=ture"));
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("app.bootstrap.reset-admin-password (APP_BOOTSTRAP_RESET_ADMIN_PASSWORD) must be true or "
                        + "false, was 'ture'");
        assertNothingMigrated(url);
    }

    /** PostgreSQL 15 lets no one but the owner create in a schema: the start had ended in 190 lines of stack trace. */
    @Test
    void aPostgresUserThatMayNotCreateTablesIsToldWhatToGrant(CapturedOutput output) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.connectionhealth.support.TestPostgres.configured(),
                "TEST_POSTGRES_URL is not set: the PostgreSQL variant of this test is skipped");
        String name = "ch_noprivs_" + ProcessHandle.current().pid();
        String url = io.connectionhealth.support.TestPostgres.url(name);
        try (var admin = java.sql.DriverManager.getConnection(System.getenv("TEST_POSTGRES_URL"),
                io.connectionhealth.support.TestPostgres.user(), io.connectionhealth.support.TestPostgres.password());
             var st = admin.createStatement()) {
            try {
                st.execute("create role " + name + " login password 'x'");
            } catch (java.sql.SQLException notAllowed) {
                org.junit.jupiter.api.Assumptions.abort("this PostgreSQL user may not create roles: " + notAllowed.getMessage());
            }
            try {
                st.execute("create schema " + name);
                st.execute("grant usage on schema " + name + " to " + name);
                assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run(
                        "--spring.datasource.url=" + url, "--spring.datasource.username=" + name,
                        "--spring.datasource.password=x", "--spring.profiles.active=postgres", "--server.port=0",
                        "--app.demo.enabled=false"));
                assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                        .contains("The database user may not do what the start needs: ERROR: permission denied for "
                                + "schema " + name)
                        .contains("GRANT CREATE, USAGE ON SCHEMA public TO <that user>");
                try (var tables = st.executeQuery("select count(*) from information_schema.tables where table_schema = '"
                        + name + "'")) {
                    tables.next();
                    assertThat(tables.getInt(1)).as("nothing migrated").isZero();
                }
            } finally {
                st.execute("drop schema if exists " + name + " cascade");
                st.execute("drop role " + name);
            }
        }
    }

    private static void assertNothingMigrated(String h2Url) throws java.sql.SQLException {
        try (var db = java.sql.DriverManager.getConnection(h2Url, "sa", "");
             var tables = db.createStatement().executeQuery("select count(*) from information_schema.tables "
                     + "where table_schema = 'PUBLIC'")) {
            tables.next();
            assertThat(tables.getInt(1)).as("nothing migrated").isZero();
        }
    }
}
