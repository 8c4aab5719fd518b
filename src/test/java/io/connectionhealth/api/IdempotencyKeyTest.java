package io.connectionhealth.api;

import io.connectionhealth.base.api.IdempotentCreates;
import io.connectionhealth.support.ApiTest;
import io.connectionhealth.support.MutableClock;
import io.connectionhealth.workspace.RetentionService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /connections and /jobruns sent again with an Idempotency-Key create once and answer with what was created. */
class IdempotencyKeyTest extends ApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    MutableClock clock;
    @Autowired
    RetentionService retention;
    @Autowired
    IdempotentCreates idempotent;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    record Answer(int status, String body, String replayed, String location) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private Answer postWithKey(String key, String path, String idempotencyKey, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Idempotent-Replayed").orElse(null),
                    r.headers().firstValue("Location").orElse(null));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private int connectionsWithXref(String key, String xref) {
        return get(key, "/api/v1/connections?external_xref=" + xref).json().size();
    }

    private int createdEvents(String key, String connectionId) {
        return get(key, "/api/v1/notifications?event=CONNECTION_CREATED&connection_id=" + connectionId).json().size();
    }

    @Test
    void aConnectionSentAgainWithItsKeyIsCreatedOnce() {
        String key = newWorkspaceKey();
        String idem = UUID.randomUUID().toString();
        String body = "{\"integration_type\":\"hubspot\",\"external_xref\":\"acme\"}";
        Answer first = postWithKey(key, "/api/v1/connections", idem, body);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.replayed()).isNull();
        String id = first.json().get("id").stringValue();
        // the same request spaced otherwise, after the connection changed: the connection as it is now
        assertThat(patch(key, "/api/v1/connections/" + id, "{\"integration_name\":\"Acme's HubSpot\"}").status())
                .isEqualTo(200);
        Answer again = postWithKey(key, "/api/v1/connections", idem,
                "{ \"integration_type\": \"hubspot\",\n  \"external_xref\": \"acme\" }");
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.replayed()).isEqualTo("true");
        assertThat(again.location()).isEqualTo("/api/v1/connections/" + id);
        assertThat(again.json().get("id").stringValue()).isEqualTo(id);
        assertThat(again.json().get("integration_name").stringValue()).isEqualTo("Acme's HubSpot");
        assertThat(connectionsWithXref(key, "acme")).isEqualTo(1);
        assertThat(createdEvents(key, id)).isEqualTo(1);

        // without a key, as before: another connection
        assertThat(postWithKey(key, "/api/v1/connections", null, body).status()).isEqualTo(201);
        assertThat(connectionsWithXref(key, "acme")).isEqualTo(2);
    }

    @Test
    void fieldOrderAndNullFieldsDoNotMakeAnotherBody() {
        String key = newWorkspaceKey();
        Answer first = postWithKey(key, "/api/v1/connections", "ordered",
                "{\"integration_type\":\"hubspot\",\"external_xref\":\"ordered\",\"categories\":[\"crm\",\"sales\"]}");
        Answer again = postWithKey(key, "/api/v1/connections", "ordered", "{\"categories\":[\"crm\",\"sales\"],"
                + "\"integration_name\":null,\"external_xref\":\"ordered\",\"integration_type\":\"hubspot\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.replayed()).isEqualTo("true");
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        // a list's order is part of what was sent
        assertThat(postWithKey(key, "/api/v1/connections", "ordered", "{\"integration_type\":\"hubspot\","
                + "\"external_xref\":\"ordered\",\"categories\":[\"sales\",\"crm\"]}").status()).isEqualTo(422);
    }

    /** A UTF-8 key: Spring Security's firewall refuses the value as it is read, which had been a 500. */
    @Test
    void aKeyOutsideAsciiIsA400() throws Exception {
        String key = newWorkspaceKey();
        byte[] body = "{\"integration_type\":\"hubspot\",\"external_xref\":\"utf8-key\"}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("localhost", Integer.parseInt(uri("/").getPort() + ""))) {
            socket.setSoTimeout(30_000);
            java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
            request.write(("POST /api/v1/connections HTTP/1.0\r\nHost: localhost\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nIdempotency-Key: ")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            request.write("ключ".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            request.write("\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            request.write(body);
            socket.getOutputStream().write(request.toByteArray());
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("Idempotency-Key")
                    .contains("printable ASCII characters");
        }
        assertThat(connectionsWithXref(key, "utf8-key")).isZero();
    }

    @Test
    void aKeySentInTwoHeadersIsRefused() throws Exception {
        String key = newWorkspaceKey();
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/connections")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key).header("Idempotency-Key", "twice-x")
                .header("Idempotency-Key", "twice-y")
                .POST(HttpRequest.BodyPublishers.ofString("{\"integration_type\":\"hubspot\",\"external_xref\":\"twice\"}"))
                .build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("was sent 2 times");
        assertThat(connectionsWithXref(key, "twice")).isZero();
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422AndCreatesNothing() {
        String key = newWorkspaceKey();
        String idem = "order-42";
        assertThat(postWithKey(key, "/api/v1/connections", idem, "{\"integration_type\":\"hubspot\",\"external_xref\":\"a\"}")
                .status()).isEqualTo(201);
        Answer other = postWithKey(key, "/api/v1/connections", idem,
                "{\"integration_type\":\"hubspot\",\"external_xref\":\"b\"}");
        assertThat(other.status()).as(other.body()).isEqualTo(422);
        assertThat(other.json().get("detail").stringValue()).contains("sent before with another body");
        assertThat(connectionsWithXref(key, "b")).isZero();
    }

    @Test
    void aRefusedBodyLeavesItsKeyFreeForTheCorrectedRequest() {
        String key = newWorkspaceKey();
        String idem = UUID.randomUUID().toString();
        Answer refused = postWithKey(key, "/api/v1/connections", idem, "{\"integration_type\":\"\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        Answer fixed = postWithKey(key, "/api/v1/connections", idem, "{\"integration_type\":\"hubspot\",\"external_xref\":\"c\"}");
        assertThat(fixed.status()).as(fixed.body()).isEqualTo(201);
        assertThat(fixed.replayed()).isNull();
    }

    @Test
    void badKeysAreRefusedNamingTheHeader() {
        String key = newWorkspaceKey();
        String body = "{\"integration_type\":\"hubspot\",\"external_xref\":\"bad-keys\"}";
        for (String bad : List.of("", "a".repeat(256), "\"\"", "tab\there")) {
            HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/connections"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                    .header("Idempotency-Key", bad).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            Answer a;
            try {
                HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                a = new Answer(r.statusCode(), r.body(), null, null);
            } catch (IllegalArgumentException notSendable) {
                continue; // the client itself refuses some of them
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
            assertThat(a.status()).as("'" + bad + "': " + a.body()).isEqualTo(400);
            assertThat(a.json().get("errors").get(0).get("field").stringValue()).isEqualTo("Idempotency-Key");
        }
        assertThat(connectionsWithXref(key, "bad-keys")).isZero();
        // the draft's structured-field string: the quotes are not part of the key
        assertThat(postWithKey(key, "/api/v1/connections", "\"k-1\"", body).status()).isEqualTo(201);
        assertThat(postWithKey(key, "/api/v1/connections", "k-1", body).replayed()).isEqualTo("true");
        assertThat(connectionsWithXref(key, "bad-keys")).isEqualTo(1);
    }

    @Test
    void aJobRunSentAgainIsStoredOnceAndKeysArePerOperationAndWorkspace() {
        String key = newWorkspaceKey();
        String id = createConnection(key, "{\"integration_type\":\"zendesk\"}");
        String run = "{\"connection_id\":\"" + id + "\",\"finished_at\":\"" + Instant.now() + "\",\"exports\":"
                + "[{\"data_export_type\":\"ticket\",\"endpoint\":\"/tickets\",\"status\":403}]}";
        Answer first = postWithKey(key, "/api/v1/jobruns", "same", run);
        Answer again = postWithKey(key, "/api/v1/jobruns", "same", run);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.replayed()).isEqualTo("true");
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(again.json().get("classification")).isEqualTo(first.json().get("classification"));
        assertThat(get(key, "/api/v1/connections/" + id + "/jobruns").json().size()).isEqualTo(1);
        assertThat(get(key, "/api/v1/notifications?event=CONNECTION_UNHEALTHY&connection_id=" + id).json().size())
                .isEqualTo(1);

        // one key for a connection too; and another workspace's "same" is its own
        assertThat(postWithKey(key, "/api/v1/connections", "same", "{\"integration_type\":\"x\"}").status()).isEqualTo(201);
        String theirs = newWorkspaceKey();
        String theirConnection = createConnection(theirs, "{\"integration_type\":\"zendesk\"}");
        Answer their = postWithKey(theirs, "/api/v1/jobruns", "same", run.replace(id, theirConnection));
        assertThat(their.status()).as(their.body()).isEqualTo(201);
        assertThat(their.replayed()).isNull();
    }

    @Test
    void aKeySentManyTimesAtOnceCreatesOneConnection() throws Exception {
        String key = newWorkspaceKey();
        String idem = UUID.randomUUID().toString();
        String body = "{\"integration_type\":\"hubspot\",\"external_xref\":\"at-once\"}";
        int clients = 8;
        CountDownLatch start = new CountDownLatch(1);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        List<Future<Answer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return postWithKey(key, "/api/v1/connections", idem, body);
                }));
            }
            start.countDown();
            for (Future<Answer> f : answers) {
                Answer a = f.get();
                assertThat(a.status()).as(a.body()).isEqualTo(201);
                ids.add(a.json().get("id").stringValue());
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(connectionsWithXref(key, "at-once")).isEqualTo(1);
        assertThat(createdEvents(key, ids.iterator().next())).isEqualTo(1);
    }

    @Test
    void thePurgeDeletesOldKeysInBatchesAndKeepsTheDaysOnes() {
        String workspace = workspaces.defaultWorkspace().id();
        java.time.OffsetDateTime old = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusHours(30);
        java.time.OffsetDateTime recent = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusHours(20);
        List<Object[]> rows = new ArrayList<>();
        int stale = IdempotentCreates.PURGE_BATCH * 2 + 7;
        for (int i = 0; i < stale + 3; i++) {
            rows.add(new Object[]{workspace, "jobruns", "purge-" + i, "h", "r", i < stale ? old : recent});
        }
        jdbcTemplate.batchUpdate("insert into idempotency_key (workspace_id, operation, idem_key, request_hash, "
                + "resource_id, created_at) values (?, ?, ?, ?, ?, ?)", rows);
        assertThat(idempotent.purge()).isGreaterThanOrEqualTo(stale);
        assertThat(jdbcTemplate.queryForObject("select count(*) from idempotency_key where idem_key like 'purge-%'",
                Long.class)).isEqualTo(3);
    }

    @Test
    void aKeyWhoseConnectionWasDeletedIsA409AndAKeyIsKeptADay() {
        String key = newWorkspaceKey();
        String body = "{\"integration_type\":\"hubspot\",\"external_xref\":\"gone\"}";
        String id = postWithKey(key, "/api/v1/connections", "k-gone", body).json().get("id").stringValue();
        assertThat(delete(key, "/api/v1/connections/" + id).status()).isEqualTo(204);
        Answer gone = postWithKey(key, "/api/v1/connections", "k-gone", body);
        assertThat(gone.status()).as(gone.body()).isEqualTo(409);
        assertThat(gone.json().get("detail").stringValue()).contains(id).contains("deleted since");

        String kept = postWithKey(key, "/api/v1/connections", "k-day", body).json().get("id").stringValue();
        clock.set(Instant.now().plus(Duration.ofHours(23)));
        retention.purgeExpired();
        assertThat(postWithKey(key, "/api/v1/connections", "k-day", body).json().get("id").stringValue()).isEqualTo(kept);
        clock.set(Instant.now().plus(Duration.ofHours(25)));
        retention.purgeExpired();
        Answer anew = postWithKey(key, "/api/v1/connections", "k-day", body);
        assertThat(anew.status()).isEqualTo(201);
        assertThat(anew.replayed()).as("purged after a day: a new request").isNull();
        assertThat(anew.json().get("id").stringValue()).isNotEqualTo(kept);
    }
}
