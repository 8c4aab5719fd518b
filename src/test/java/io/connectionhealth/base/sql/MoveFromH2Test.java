package io.connectionhealth.base.sql;

import io.connectionhealth.Application;
import io.connectionhealth.base.Actor;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.NewConnection;
import io.connectionhealth.notification.EventType;
import io.connectionhealth.notification.NotificationSettingsService;
import io.connectionhealth.notification.TestReceiver;
import io.connectionhealth.signal.ApiCallInput;
import io.connectionhealth.signal.ApiCallType;
import io.connectionhealth.signal.ExportInput;
import io.connectionhealth.signal.JobRunInput;
import io.connectionhealth.signal.SignalIngestion;
import io.connectionhealth.support.PostgresVariant;
import io.connectionhealth.support.TestPostgres;
import io.connectionhealth.workspace.WorkspaceService;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An install that ran on the embedded H2 moves into PostgreSQL with {@code move-from-h2}: every row of every table
 * arrives as it was, and the application started on PostgreSQL carries on where the H2 one stopped — the same API
 * key opens it, the search finds the connections, a retry that was due is sent to the same receiver, and new events
 * number on after the moved ones. A second move into the same database is refused and changes nothing.
 */
@PostgresVariant
class MoveFromH2Test {

    static final String KEY = "a-trial-install-key-0123456789";
    static final String SCHEMA = TestPostgres.schema() + "_move";

    @TempDir
    Path dir;

    @Test
    void everyRowMovesAndThePostgresInstallCarriesOn() throws Exception {
        String h2 = "jdbc:h2:file:" + dir.resolve("connection-health").toAbsolutePath();
        String pg = TestPostgres.url(SCHEMA);
        try (var c = DriverManager.getConnection(TestPostgres.url(), TestPostgres.user(), TestPostgres.password())) {
            c.createStatement().execute("create schema " + SCHEMA);
        }
        try (TestReceiver receiver = new TestReceiver()) {
            // the trial: a receiver that fails at first, so that the events wait for their retry when it stops
            receiver.otherwise(TestReceiver.Answer.of(500));
            String brokenId;
            try (ConfigurableApplicationContext trial = start(h2 + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0", "sa", "")) {
                Actor actor = Actor.system(trial.getBean(WorkspaceService.class).defaultWorkspace().id());
                trial.getBean(NotificationSettingsService.class).update(actor, receiver.url("/hooks"),
                        List.of(EventType.values()));
                ConnectionService connections = trial.getBean(ConnectionService.class);
                SignalIngestion ingestion = trial.getBean(SignalIngestion.class);
                Instant now = Instant.now();
                Connection working = connections.create(actor, new NewConnection("hubspot", "HubSpot",
                        List.of("crm"), List.of("contacts_read"), "Σίσυφος GmbH", "production"));
                Connection broken = connections.create(actor, new NewConnection("salesforce", "Salesforce",
                        List.of("crm"), List.of(), "globex", null));
                brokenId = broken.id();
                ingestion.ingestApiCalls(actor, List.of(
                        call(working, now.minusSeconds(60), 200), call(broken, now.minusSeconds(50), 200),
                        call(broken, now.minusSeconds(40), 401)));
                ingestion.ingestJobRun(actor, new JobRunInput(working.id(), now.minusSeconds(30),
                        now.minusSeconds(20), false, null, null,
                        List.of(new ExportInput("contacts", "/contacts", 200, null))));
                JdbcClient jdbc = trial.getBean(JdbcClient.class);
                TestReceiver.await(Duration.ofSeconds(15), "a failed attempt at each event", () -> jdbc.sql(
                        "select count(distinct event_id) from delivery_attempt").query(Long.class).single()
                        == jdbc.sql("select count(*) from notification_event").query(Long.class).single());
            }
            Map<String, List<String>> before = contents(h2, "sa", "", true);
            assertThat(before.get("delivery_attempt")).isNotEmpty();
            assertThat(before.get("scheduled_tasks")).anyMatch(row -> row.contains("webhook-delivery"));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = MoveFromH2.run(List.of("--from=" + h2), env(pg), print(out), print(err));
            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("api_call").contains("Done.");
            Map<String, List<String>> after = contents(pg, TestPostgres.user(), TestPostgres.password(), false);
            assertThat(after).isEqualTo(before);

            // a second move is refused: the database holds a workspace now; nothing in it changed
            err.reset();
            assertThat(MoveFromH2.run(List.of("--from=" + h2), env(pg), print(out), print(err))).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("Nothing was moved")
                    .contains("already holds a workspace");
            assertThat(contents(pg, TestPostgres.user(), TestPostgres.password(), false)).isEqualTo(before);

            // the install on PostgreSQL carries on, without its bootstrap key set: the moved key opens it
            receiver.otherwise(TestReceiver.Answer.of(200));
            int attemptsBefore = before.get("delivery_attempt").size();
            try (ConfigurableApplicationContext moved = start(pg, TestPostgres.user(), TestPostgres.password(),
                    "--spring.flyway.schemas=" + SCHEMA, "--spring.flyway.default-schema=" + SCHEMA)) {
                String base = "http://localhost:" + moved.getEnvironment().getProperty("local.server.port");
                assertThat(get(base + "/api/v1/connections/counts")).contains("\"total\":2")
                        .contains("\"UNHEALTHY_NOW\":1");
                assertThat(get(base + "/api/v1/connections?q=" + java.net.URLEncoder.encode("σίσυφος",
                        StandardCharsets.UTF_8))).as("the search's side table, filled by its trigger")
                        .contains("Σίσυφος GmbH");
                JdbcClient jdbc = moved.getBean(JdbcClient.class);
                TestReceiver.await(Duration.ofSeconds(30), "the retries, answered now", () -> jdbc.sql(
                        "select count(*) from notification_event where delivery_state = 'DELIVERED'")
                        .query(Long.class).single() == before.get("notification_event").size());
                assertThat(jdbc.sql("select count(*) from delivery_attempt").query(Long.class).single())
                        .isGreaterThan(attemptsBefore);
                long lastSeq = jdbc.sql("select max(seq) from notification_event").query(Long.class).single();

                // a new event numbers on after the moved ones (the identity's sequence was carried on)
                HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(base + "/api/v1/apicalls")).header("Authorization", "Bearer " + KEY)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "[{\"connection_id\":\"" + brokenId + "\",\"status\":200,\"type\":\"inbound\"}]"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
                assertThat(jdbc.sql("select max(seq) from notification_event").query(Long.class).single())
                        .isGreaterThan(lastSeq);
            }
        }
    }

    @Test
    void aFileAnotherVersionMigratedIsRefusedWithTheMigrationsThatDiffer() throws Exception {
        String h2 = "jdbc:h2:file:" + dir.resolve("older").toAbsolutePath();
        // an older version's file: every migration but the last
        Flyway.configure().dataSource(h2, "sa", "").locations("classpath:db/migration").target("16").load().migrate();
        String schema = SCHEMA + "_older";
        try (var c = DriverManager.getConnection(TestPostgres.url(), TestPostgres.user(), TestPostgres.password())) {
            c.createStatement().execute("create schema " + schema);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MoveFromH2.run(List.of("--from=" + h2), env(TestPostgres.url(schema)),
                print(new ByteArrayOutputStream()), print(err));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Nothing was moved")
                .contains("migrated by another version").contains("[V17]");
    }

    @Test
    void aMissingH2DatabaseIsNamedAndNothingIsCreated() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String h2 = "jdbc:h2:file:" + dir.resolve("none").toAbsolutePath();
        int exit = MoveFromH2.run(List.of("--from=" + h2), env(TestPostgres.url(SCHEMA + "_none")),
                print(new ByteArrayOutputStream()), print(err));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("there is no H2 database at " + h2);
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void helpPrintsTheUsageAndMovesNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(MoveFromH2.run(List.of("--help"), name -> null, print(out), print(err))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: ");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static ConfigurableApplicationContext start(String url, String user, String password, String... more) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                "--server.port=0", "--app.demo.enabled=false", "--app.webhooks.allowed-cidrs=127.0.0.0/8",
                "--app.webhooks.retry-schedule=2s,2s,2s,2s,2s", "--db-scheduler.polling-interval=200ms"));
        if (url.startsWith("jdbc:h2:")) {
            args.add("--app.bootstrap.api-key=" + KEY);
        }
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(Application.class).run(args.toArray(String[]::new));
    }

    /** Every copied table's rows, each as text (times as instants, bytes in hex), sorted. */
    private static Map<String, List<String>> contents(String url, String user, String password, boolean h2)
            throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (var c = DriverManager.getConnection(url + (h2 ? ";IFEXISTS=TRUE" : ""), user, password)) {
            for (String table : MoveFromH2.TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery("select * from " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Map<String, String> row = new java.util.TreeMap<>();
                        for (int i = 1; i <= columns; i++) {
                            String name = rs.getMetaData().getColumnLabel(i).toLowerCase();
                            if (!name.equals("search_text")) { // H2's generated column; PostgreSQL's is a side table
                                row.put(name, text(rs.getObject(i)));
                            }
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(table, rows);
            }
        }
        return tables;
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> "null";
            case OffsetDateTime t -> t.toInstant().toString();
            case java.sql.Timestamp t -> t.toInstant().toString();
            case byte[] b -> HexFormat.of().formatHex(b);
            case Number n -> Long.toString(n.longValue());
            default -> value.toString();
        };
    }

    private static ApiCallInput call(Connection c, Instant at, int status) {
        return new ApiCallInput(null, c.id(), at, ApiCallType.INBOUND, "GET", "/contacts", status, false,
                status >= 400 ? "Session expired" : null, null, 120L, 512L, null);
    }

    private static java.util.function.Function<String, String> env(String url) {
        Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", url,
                "SPRING_DATASOURCE_USERNAME", TestPostgres.user(), "SPRING_DATASOURCE_PASSWORD", TestPostgres.password());
        return env::get;
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
