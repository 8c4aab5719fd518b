package io.connectionhealth;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An install that has been in use keeps its data through every migration since the first schema: rows written in
 * V1's shape (a key, a broken connection, its calls, an event) read the same through the API of this version, and
 * the key still opens it. Runs on H2; {@link UpgradePostgresTest} on PostgreSQL.
 */
class UpgradeTest {

    static final String WS = "00000000-0000-0000-0000-000000000001";
    static final String KEY = "an-old-install-key-0123456789";

    String url() {
        return "jdbc:h2:mem:upgrade;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    }

    String user() {
        return "sa";
    }

    String password() {
        return "";
    }

    /** Flyway's settings for this database, beside its URL (PostgreSQL: a schema of the test's own). */
    List<String> flywaySchema() {
        return List.of();
    }

    Flyway flyway(String target) {
        var config = Flyway.configure().dataSource(url(), user(), password()).locations("classpath:db/migration")
                .target(target);
        if (!flywaySchema().isEmpty()) {
            config.schemas(flywaySchema().getFirst()).defaultSchema(flywaySchema().getFirst());
        }
        return config.load();
    }

    @Test
    void rowsWrittenInTheFirstSchemaReadTheSameAfterEveryMigrationSince() throws Exception {
        flyway("1").migrate();
        try (var c = DriverManager.getConnection(url(), user(), password()); var st = c.createStatement()) {
            st.execute("insert into workspace (id, name, is_default, retention_days, created_at)"
                    + " values ('" + WS + "', 'Default', true, 60, timestamp with time zone '2026-11-20 08:00:00+00')");
            st.execute("insert into api_key (id, workspace_id, name, prefix, key_hash, created_at) values ('k1', '" + WS
                    + "', 'integration layer', 'an-old-in', '" + sha256(KEY) + "',"
                    + " timestamp with time zone '2026-11-20 08:00:00+00')");
            st.execute("insert into connection (id, workspace_id, integration_type, integration_name, categories,"
                    + " permissions, external_xref, is_paused, created_at, updated_at, last_healthy_at,"
                    + " last_unhealthy_at, last_unhealthy_code, unhealthy_name, unhealthy_owner, unhealthy_details,"
                    + " status, health_name, health_owner) values ('conn-old', '" + WS + "', 'salesforce',"
                    + " 'Salesforce', ',crm,', ',contacts_read,', 'Σίσυφος GmbH', false,"
                    + " " + at("2026-11-20 08:00") + ", " + at("2026-11-20 08:00") + ", " + at("2026-11-21 09:00") + ", "
                    + at("2026-11-21 10:00") + ", 401, 'UNAUTHORIZED', 'CUSTOMER', '[]', 'UNHEALTHY_NOW', 'UNAUTHORIZED',"
                    + " 'CUSTOMER')");
            for (String[] call : List.of(new String[]{"call-1", "200", "09:00"},
                    new String[]{"call-2", "401", "10:00"})) {
                boolean failed = call[1].equals("401");
                st.execute("insert into api_call (workspace_id, id, connection_id, integration_type, created_at,"
                        + " received_at, type, method, path, status, timed_out, error_origin, duration_ms,"
                        + " health_name, resolution_owner, effect, rule) values ('" + WS + "', '" + call[0]
                        + "', 'conn-old', 'salesforce', timestamp with time zone '2026-11-21 " + call[2] + ":00+00',"
                        + " timestamp with time zone '2026-11-21 " + call[2] + ":01+00', 'INBOUND', 'GET', '/contacts',"
                        + " " + call[1] + ", false, 'VENDOR', 120, '" + (failed ? "UNAUTHORIZED" : "HEALTHY") + "', "
                        + (failed ? "'CUSTOMER'" : "null") + ", '" + (failed ? "UNHEALTHY" : "HEALTHY") + "', '"
                        + (failed ? "api-3" : "api-2") + "')");
            }
            st.execute("insert into notification_event (id, workspace_id, connection_id, event_type, created_at,"
                    + " payload, delivery_state) values ('msg-old', '" + WS + "', 'conn-old', 'CONNECTION_UNHEALTHY',"
                    + " timestamp with time zone '2026-11-21 10:00:00+00', '{\"id\":\"msg-old\"}', 'NOT_SENT')");
        }

        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url(),
                "--spring.datasource.username=" + user(), "--spring.datasource.password=" + password(),
                "--server.port=0", "--app.demo.enabled=false"));
        flywaySchema().forEach(schema -> args.addAll(List.of("--spring.flyway.schemas=" + schema,
                "--spring.flyway.default-schema=" + schema)));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Application.class)
                .run(args.toArray(String[]::new))) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            assertThat(flyway("latest").info().pending()).as("every migration applied").isEmpty();

            String connection = get(base + "/api/v1/connections/conn-old");
            assertThat(connection).contains("\"status\":\"UNHEALTHY_NOW\"").contains("\"name\":\"UNAUTHORIZED\"")
                    .contains("\"resolution_owner\":\"CUSTOMER\"").contains("\"last_unhealthy_code\":401")
                    .contains("\"last_unhealthy_at\":\"2026-11-21T10:00:00Z\"")
                    .contains("\"categories\":[\"crm\"]").contains("\"external_xref\":\"Σίσυφος GmbH\"");
            assertThat(get(base + "/api/v1/connections?q=" + java.net.URLEncoder.encode("ΣΊΣΥΦΟΣ",
                    StandardCharsets.UTF_8))).as("the search (V5, V7, V13 rebuilt its text)").contains("\"conn-old\"");
            assertThat(get(base + "/api/v1/connections/counts")).contains("\"UNHEALTHY_NOW\":1");
            String calls = get(base + "/api/v1/apicalls?connection_id=conn-old");
            assertThat(calls).contains("\"call-1\"").contains("\"call-2\"").contains("\"rule\":\"api-3\"");
            assertThat(get(base + "/api/v1/notifications?connection_id=conn-old")).contains("\"msg-old\"")
                    .contains("\"delivery_state\":\"not_sent\"");

            // and it goes on from where it was: a success heals the old connection
            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(base + "/api/v1/apicalls")).header("Authorization", "Bearer " + KEY)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "[{\"connection_id\":\"conn-old\",\"status\":200,\"type\":\"inbound\"}]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            assertThat(get(base + "/api/v1/connections/conn-old")).contains("\"status\":\"HEALTHY\"");
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String at(String utc) {
        return "timestamp with time zone '" + utc + ":00+00'";
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
