package io.connectionhealth.api;

import io.connectionhealth.base.Actor;
import io.connectionhealth.support.ApiTest;
import io.connectionhealth.workspace.ApiKeyAccess;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** /actuator/prometheus: read with an API key, and counting what was stored, sent again and recorded. */
class MetricsTest extends ApiTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @org.springframework.beans.factory.annotation.Autowired
    io.connectionhealth.support.MutableClock clock;

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*})? ([0-9.eE+-]+|NaN)$").matcher(metrics);
        assertThat(m.find()).as("%s in the metrics", series).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static double tagged(String metrics, String series, String tag) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "\\{[^}]*" + Pattern.quote(tag) + "[^}]*} ([0-9.eE+-]+)$")
                .matcher(metrics);
        assertThat(m.find()).as("%s{%s} in the metrics", series, tag).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aReadOnlyKeyReadsTheInstancesCounts() {
        Response anonymous = get(null, "/actuator/prometheus");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).isEqualTo("application/problem+json");
        assertThat(get("not-a-key-at-all-1234", "/actuator/prometheus").status()).isEqualTo(401);

        String key = newWorkspaceKey();
        String workspace = apiKeys.authenticate(key).orElseThrow().workspaceId();
        String scraper = apiKeys.create(Actor.system(workspace), "prometheus", ApiKeyAccess.READ).secret();
        Response before = get(scraper, "/actuator/prometheus");
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.contentType()).startsWith("text/plain");

        String connection = createConnection(key, "{\"integration_type\":\"hubspot\"}");
        String batch = "[" + String.join(",", java.util.stream.IntStream.range(0, 3).mapToObj(i ->
                "{\"id\":\"m-" + i + "-" + UUID.randomUUID() + "\",\"connection_id\":\"" + connection
                        + "\",\"status\":" + (i == 2 ? 401 : 200) + "}").toList()) + "]";
        assertThat(post(key, "/api/v1/apicalls", batch).status()).isEqualTo(200);
        assertThat(post(key, "/api/v1/apicalls", batch).json().get("duplicates").intValue()).isEqualTo(3);
        Response after = get(scraper, "/actuator/prometheus");

        assertThat(value(after.body(), "connection_health_api_calls_stored_total")
                - value(before.body(), "connection_health_api_calls_stored_total")).isEqualTo(3);
        assertThat(value(after.body(), "connection_health_api_calls_duplicates_total")
                - value(before.body(), "connection_health_api_calls_duplicates_total")).isEqualTo(3);
        // created, then healthy and unhealthy by the batch, each once: the batch sent again moved nothing
        for (String event : java.util.List.of("CONNECTION_CREATED", "CONNECTION_HEALTHY", "CONNECTION_UNHEALTHY")) {
            assertThat(tagged(after.body(), "connection_health_events_recorded_total", "event=\"" + event + "\"")
                    - tagged(before.body(), "connection_health_events_recorded_total", "event=\"" + event + "\""))
                    .as(event).isEqualTo(1);
        }
        assertThat(value(after.body(), "connection_health_webhook_events_waiting")).isNotNegative();

        // an event parked while its endpoint is disabled waits for an admin: counted apart, not as waiting to be sent
        jdbc.sql("""
                insert into notification_event (id, workspace_id, connection_id, event_type, created_at, payload,
                                                delivery_state, next_attempt_at, attempt_count)
                values (?, ?, ?, 'CONNECTION_UPDATED', ?, '{}', 'PENDING', null, 0)""")
                .params(UUID.randomUUID().toString(), workspace, connection,
                        java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(86_400))).update();
        clock.advance(java.time.Duration.ofSeconds(2)); // past the reading the previous scrape's gauges shared
        Response parked = get(scraper, "/actuator/prometheus");
        assertThat(value(parked.body(), "connection_health_webhook_events_parked")
                - value(after.body(), "connection_health_webhook_events_parked")).isEqualTo(1);
        assertThat(value(parked.body(), "connection_health_webhook_events_waiting"))
                .isEqualTo(value(after.body(), "connection_health_webhook_events_waiting"));
        assertThat(value(parked.body(), "connection_health_webhook_oldest_waiting_seconds")).as("not a day old")
                .isLessThan(86_000);
        assertThat(after.body()).contains("connection_health_webhook_oldest_waiting_seconds")
                .contains("connection_health_webhook_attempts_total").contains("http_server_requests_seconds_count")
                .contains("hikaricp_connections_active");
    }
}
