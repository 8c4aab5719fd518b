package io.connectionhealth.api;

import io.connectionhealth.base.ValidationException;
import io.connectionhealth.support.ApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** The REST API of SPEC §5 over real HTTP: the quickstart, isolation, and every kind of bad input. */
class RestApiTest extends ApiTest {

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;
    @org.springframework.beans.factory.annotation.Autowired
    io.connectionhealth.support.MutableClock clock;

    /** PostgreSQL reads on with its disk full: readiness had said UP while every batch was refused. */
    @Test
    void aFullDiskIsA503NamingItReadsGoOnAndReadinessIsDown() throws Exception {
        String key = newWorkspaceKey();
        String id = createConnection(key, "{\"integration_type\":\"zendesk\"}");
        clock.set(Instant.now().minus(java.time.Duration.ofMinutes(10))); // so that the alarm is over once it is reset
        io.connectionhealth.support.DiskFullTrigger.install(dataSource, "api_call");
        try {
            Response refused = post(key, "/api/v1/apicalls", "{\"connection_id\":\"" + id + "\",\"status\":401}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.json().get("detail").stringValue()).startsWith("The database's disk is full");
            assertThat(get(key, "/api/v1/connections/" + id).status()).as("reads go on").isEqualTo(200);
            assertThat(get(null, "/actuator/health/readiness").status()).isEqualTo(503);
        } finally {
            io.connectionhealth.support.DiskFullTrigger.remove(dataSource, "api_call");
            clock.reset();
        }
        assertThat(get(null, "/actuator/health/readiness").status()).as("a minute after the last refusal").isEqualTo(200);
        assertThat(post(key, "/api/v1/apicalls", "{\"connection_id\":\"" + id + "\",\"status\":401}").status())
                .isEqualTo(200);
    }

    /** A generated Python client writes offsets as +0000 (strftime's %z): taken, as +00:00 is. */
    @Test
    void aQueryTimeWithAnOffsetWithoutItsColonIsRead() {
        String key = newWorkspaceKey();
        String id = createConnection(key, "{\"integration_type\":\"zendesk\"}");
        Instant at = Instant.now().minus(java.time.Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .plusMillis(500);
        java.time.format.DateTimeFormatter basic = java.time.format.DateTimeFormatter.ofPattern(
                "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx");
        assertThat(post(key, "/api/v1/apicalls", "{\"connection_id\":\"" + id + "\",\"status\":200,\"created_at\":\""
                + basic.format(at.atOffset(java.time.ZoneOffset.ofHours(1))) + "\"}").status()).isEqualTo(200);
        String after = basic.format(at.plusMillis(91).atOffset(java.time.ZoneOffset.UTC)).replace("+", "%2B");
        Response r = get(key, "/api/v1/apicalls?connection_id=" + id + "&created_gte=" + after);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().size()).as("the call is 91 ms before").isZero();
        String before = basic.format(at.minusMillis(500).atOffset(java.time.ZoneOffset.UTC)).replace("+", "%2B");
        r = get(key, "/api/v1/apicalls?connection_id=" + id + "&created_gte=" + before);
        assertThat(r.json().size()).isEqualTo(1);
        assertThat(Instant.parse(r.json().get(0).get("created_at").stringValue())).isEqualTo(at);
    }

    @Test
    void quickstartFromTheReadme() {
        String key = newWorkspaceKey();
        String id = createConnection(key, """
                {"integration_type":"hubspot","categories":["crm"],"external_xref":"acme"}""");
        assertThat(post(key, "/api/v1/apicalls", "{\"connection_id\":\"" + id + "\",\"status\":200}").status()).isEqualTo(200);
        Response r = post(key, "/api/v1/apicalls", "{\"connection_id\":\"" + id + "\",\"status\":401}");
        assertThat(r.json().get("accepted").intValue()).isEqualTo(1);
        JsonNode c = get(key, "/api/v1/connections/" + id).json();
        assertThat(c.get("status").stringValue()).isEqualTo("UNHEALTHY_NOW");
        assertThat(c.get("health").get("name").stringValue()).isEqualTo("UNAUTHORIZED");
        assertThat(c.get("health").get("resolution_owner").stringValue()).isEqualTo("CUSTOMER");
        assertThat(c.get("health").get("details").isArray()).isTrue();
        assertThat(c.get("last_unhealthy_code").intValue()).isEqualTo(401);
        assertThat(c.get("is_paused").booleanValue()).isFalse();
    }

    @Test
    void noKeyOrAWrongKeyIs401AndAnotherWorkspacesIdIs404() {
        String mine = newWorkspaceKey();
        String theirs = newWorkspaceKey();
        String id = createConnection(theirs, "{\"integration_type\":\"zendesk\"}");
        Response none = get(null, "/api/v1/connections");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).isEqualTo("application/problem+json");
        assertThat(none.json().get("instance").stringValue()).as("shaped as every other problem")
                .isEqualTo("/api/v1/connections");
        assertThat(none.json().has("type")).isFalse();
        assertThat(get(mine, "/api/v1/connections/" + id).json().get("instance").stringValue())
                .isEqualTo("/api/v1/connections/" + id);
        assertThat(get("chk_wrong", "/api/v1/connections").status()).isEqualTo(401);
        assertThat(get(mine, "/api/v1/connections/" + id).status()).isEqualTo(404);
        assertThat(patch(mine, "/api/v1/connections/" + id, "{\"is_paused\":true}").status()).isEqualTo(404);
        assertThat(delete(mine, "/api/v1/connections/" + id).status()).isEqualTo(404);
        assertThat(get(mine, "/api/v1/connections/" + id + "/jobruns").status()).isEqualTo(404);
        String theirRun = post(theirs, "/api/v1/jobruns", "{\"connection_id\":\"" + id + "\",\"finished_at\":\""
                + Instant.now().minusSeconds(1) + "\"}").location();
        assertThat(get(theirs, theirRun).status()).isEqualTo(200);
        Response foreignRun = get(mine, theirRun);
        assertThat(foreignRun.status()).isEqualTo(404);
        assertThat(foreignRun.contentType()).isEqualTo("application/problem+json");
        assertThat(get(mine, "/api/v1/jobruns/no-such-run").status()).isEqualTo(404);
        assertThat(get(mine, "/api/v1/connections").json().size()).isZero();
        post(theirs, "/api/v1/apicalls", "{\"id\":\"secret-call\",\"connection_id\":\"" + id + "\",\"status\":200}");
        assertThat(get(mine, "/api/v1/apicalls/secret-call").status()).isEqualTo(404);
        assertThat(get(mine, "/api/v1/apicalls").json().size()).isZero();
        assertThat(get(mine, "/api/v1/notifications").json().size()).isZero();
    }

    @Test
    void everyValidationFailureIs400WithTheFieldAndIndexAndStoresNothing() {
        String key = newWorkspaceKey();
        String id = createConnection(key, "{\"integration_type\":\"hubspot\"}");
        String future = Instant.now().plus(10, ChronoUnit.MINUTES).toString();
        assertBadRequest(post(key, "/api/v1/apicalls", "{not json"), "body", null);
        assertBadRequest(post(key, "/api/v1/apicalls", "{\"status\":\"200\"}"), "status", null);
        assertBadRequest(post(key, "/api/v1/apicalls", "[{\"status\":200},{\"status\":200,\"type\":\"outbound\"}]"), "type", 1);
        assertBadRequest(post(key, "/api/v1/apicalls", "[{\"status\":200},{\"status\":99}]"), "status", 1);
        assertBadRequest(post(key, "/api/v1/apicalls", "[{\"status\":600}]"), "status", 0);
        assertBadRequest(post(key, "/api/v1/apicalls", "{\"status\":200,\"created_at\":\"" + future + "\"}"), "created_at", null);
        assertBadRequest(post(key, "/api/v1/apicalls", "{\"status\":200,\"created_at\":\"yesterday\"}"), "created_at", null);
        assertBadRequest(post(key, "/api/v1/apicalls", "[{\"status\":200},{\"status\":200,\"connection_id\":\"nope\"}]"), "connection_id", 1);
        assertBadRequest(post(key, "/api/v1/apicalls", "{\"status\":200,\"id\":\"" + "x".repeat(65) + "\"}"), "id", null);
        assertBadRequest(post(key, "/api/v1/apicalls", "{\"status\":200,\"error_origin\":\"MARS\"}"), "error_origin", null);
        assertBadRequest(post(key, "/api/v1/apicalls", "{\"status\":200,\"connectionId\":\"" + id + "\"}"), "connectionId", null);
        assertBadRequest(post(key, "/api/v1/apicalls", "{\"timed_out\":false}"), "status", null);
        // PostgreSQL cannot store U+0000: refused with its field on every database instead of failing the batch later
        assertBadRequest(post(key, "/api/v1/apicalls", "[{\"status\":200},{\"status\":500,\"error\":\"a\\u0000b\"}]"), "error", 1);
        Response none = post(key, "/api/v1/apicalls", "[]");
        assertThat(none.status()).as("up to 10,000: an empty buffer flushed").isEqualTo(200);
        assertThat(none.json().get("accepted").intValue()).isZero();
        assertThat(none.json().get("duplicates").intValue()).isZero();
        // a malformed item and one the rules refuse are reported in one answer
        Response both = post(key, "/api/v1/apicalls", "[{\"status\":200},{\"status\":\"x\"},{\"status\":200,\"connection_id\":\"nope\"}]");
        assertBadRequest(both, "status", 1);
        assertBadRequest(both, "connection_id", 2);
        assertThat(both.json().get("errors")).as("the malformed status is not also reported missing").hasSize(2);
        Response all = post(key, "/api/v1/apicalls", "{\"status\":600,\"type\":\"foo\",\"connection_id\":\"nope\",\"id\":\"\"}");
        for (String field : List.of("type", "status", "connection_id", "id")) {
            assertBadRequest(all, field, null); // a malformed field does not hide the others' errors
        }
        assertThat(all.json().get("errors")).hasSize(4);
        assertBadRequest(post(key, "/api/v1/connections", "{\"integration_name\":\"x\"}"), "integration_type", null);
        Response tooLong = post(key, "/api/v1/connections", "{\"integration_type\":\"" + "t".repeat(120) + "\"}");
        assertBadRequest(tooLong, "integration_type", null);
        assertThat(tooLong.json().get("errors")).as("one message, not two that disagree on the limit").hasSize(1);
        assertThat(tooLong.json().get("errors").get(0).get("message").stringValue()).contains("64");
        Response allWrong = post(key, "/api/v1/connections", "{\"integration_type\":\"a b\",\"categories\":\"x\","
                + "\"external_xref\":\"" + "x".repeat(300) + "\"}");
        for (String field : List.of("categories", "integration_type", "external_xref")) {
            assertBadRequest(allWrong, field, null); // a malformed field does not hide the rules' errors
        }
        assertThat(allWrong.json().get("errors")).hasSize(3);
        Response settingsWrong = put(key, "/api/v1/workspace/notification-settings",
                "{\"url\":\"ftp://x.com/\",\"events\":[\"BAD\"]}");
        assertBadRequest(settingsWrong, "url", null);
        assertBadRequest(settingsWrong, "events", null);
        Response wrongType = post(key, "/api/v1/connections", "{\"integration_type\":\"x\",\"categories\":\"crm\"}");
        assertBadRequest(wrongType, "categories", null);
        assertThat(wrongType.json().get("detail").stringValue()).as("the detail names the fault").contains("categories");
        assertBadRequest(patch(key, "/api/v1/connections/" + id, "{\"is_paused\":\"yes\"}"), "is_paused", null);
        Response patchAllWrong = patch(key, "/api/v1/connections/" + id, "{\"is_paused\":\"yes\",\"external_xref\":\""
                + "x".repeat(300) + "\",\"categories\":[\"a b\"]}");
        for (String field : List.of("is_paused", "external_xref", "categories")) {
            assertBadRequest(patchAllWrong, field, null); // as for a new connection: every error in one answer
        }
        assertThat(patchAllWrong.json().get("errors")).hasSize(3);
        assertBadRequest(get(key, "/api/v1/connections?limit=0"), "limit", null);
        assertBadRequest(get(key, "/api/v1/connections?limit=1001"), "limit", null);
        assertBadRequest(get(key, "/api/v1/connections?limit=ten"), "limit", null);
        Response plus = get(key, "/api/v1/apicalls?created_gte=2026-12-05T23:06:30+01:00");
        assertBadRequest(plus, "created_gte", null);
        assertThat(plus.json().get("detail").stringValue()).contains("sent as %2B");
        assertThat(get(key, "/api/v1/apicalls?created_gte=2026-12-05T23:06:30%2B01:00").status()).isEqualTo(200);
        // Long.parseLong reads Arabic-Indic and fullwidth digits: limit=١ was a limit of 1
        assertBadRequest(get(key, "/api/v1/connections?limit=%D9%A1"), "limit", null);
        assertBadRequest(get(key, "/api/v1/connections?limit=%EF%BC%91"), "limit", null);
        Response huge = get(key, "/api/v1/connections?offset=9223372036854775808");
        assertBadRequest(huge, "offset", null);
        assertThat(huge.json().get("detail").stringValue()).as("a number, too large").contains("out of range");
        // fields fixed at creation are named as such, not as unknown ones
        Response fixed = patch(key, "/api/v1/connections/" + id, "{\"environment\":\"prod\",\"integration_type\":\"x\"}");
        assertBadRequest(fixed, "environment", null);
        assertBadRequest(fixed, "integration_type", null);
        assertThat(fixed.json().get("errors").get(0).get("message").stringValue()).startsWith("cannot be changed");
        assertBadRequest(get(key, "/api/v1/connections?offset=-1"), "offset", null);
        assertBadRequest(get(key, "/api/v1/connections?sort=name"), "sort", null);
        assertBadRequest(get(key, "/api/v1/connections?order=up"), "order", null);
        assertBadRequest(get(key, "/api/v1/connections?status=BROKEN"), "status", null);
        for (String empty : List.of("/api/v1/connections?limit=&offset=&sort=&order=&status=",
                "/api/v1/apicalls?limit=&offset=&order=&error=", "/api/v1/notifications?limit=&offset=")) {
            assertThat(get(key, empty).status()).as("an empty value is one left out: " + empty).isEqualTo(200);
        }
        assertBadRequest(get(key, "/api/v1/apicalls?limit=5000"), "limit", null);
        assertBadRequest(get(key, "/api/v1/apicalls?created_gte=monday"), "created_gte", null);
        assertBadRequest(post(key, "/api/v1/jobruns", "{\"connection_id\":\"" + id + "\"}"), "finished_at", null);
        assertBadRequest(post(key, "/api/v1/jobruns", "{\"connection_id\":\"" + id + "\",\"finished_at\":\""
                + Instant.now() + "\",\"error\":\"  \",\"error_origin\":\"PLATFORM\"}"), "error", null);
        assertBadRequest(post(key, "/api/v1/jobruns", "{\"connection_id\":\"" + id + "\",\"finished_at\":\""
                + Instant.now() + "\",\"exports\":[{\"data_export_type\":\"users\",\"status\":200},"
                + "{\"data_export_type\":\"Users \",\"status\":403}]}"), "exports[1].data_export_type", null);
        assertBadRequest(post(key, "/api/v1/jobruns", "{\"connection_id\":\"" + id + "\",\"finished_at\":\""
                + Instant.now() + "\",\"exports\":[{\"data_export_type\":\"users\",\"endpoint\":\"/users\"}]}"),
                "exports[0].status", null);
        // PostgreSQL can neither compare with U+0000 nor take a year before 1: 400s on every database, not a 500 there
        assertBadRequest(get(key, "/api/v1/connections?q=a%00b"), "q", null);
        assertBadRequest(get(key, "/api/v1/apicalls?connection_id=%00"), "connection_id", null);
        assertBadRequest(get(key, "/api/v1/notifications?connection_id=x%00"), "connection_id", null);
        assertBadRequest(post(key, "/api/v1/apicalls", "{\"status\":200,\"created_at\":\"-0001-01-01T00:00:00Z\"}"), "created_at", null);
        assertBadRequest(post(key, "/api/v1/jobruns", "{\"connection_id\":\"" + id + "\",\"finished_at\":\"-0001-12-31T00:00:00Z\"}"), "finished_at", null);
        assertBadRequest(get(key, "/api/v1/apicalls?created_gte=-0001-01-01T00:00:00Z"), "created_gte", null);
        assertBadRequest(get(key, "/api/v1/apicalls?created_lte=%2B10000-01-01T00:00:00Z"), "created_lte", null);
        assertBadRequest(put(key, "/api/v1/workspace/notification-settings", "{\"url\":\"ftp://x\",\"events\":[]}"), "url", null);
        assertBadRequest(put(key, "/api/v1/workspace/notification-settings",
                "{\"url\":\"https://hooks.example.com/h#part\",\"events\":[]}"), "url", null);
        Response idn = put(key, "/api/v1/workspace/notification-settings", "{\"url\":\"https://例子.测试/h\",\"events\":[]}");
        assertBadRequest(idn, "url", null);
        assertThat(idn.json().get("errors").get(0).get("message").stringValue()).contains("xn--fsqu00a.xn--0zwm56d");
        Response shorthand = put(key, "/api/v1/workspace/notification-settings", "{\"url\":\"http://127.1/h\",\"events\":[]}");
        assertThat(shorthand.json().get("errors").get(0).get("message").stringValue()).contains("'127.1' is neither");
        assertBadRequest(put(key, "/api/v1/workspace/notification-settings", "{\"url\":null,\"events\":[\"NOPE\"]}"), "events", null);
        assertThat(get(key, "/api/v1/apicalls").json().size()).isZero();
        assertThat(get(key, "/api/v1/connections/" + id).json().get("status").stringValue()).isEqualTo("NEW");
    }

    @Test
    void theEarliestAndLatestTimestampsAreStoredAndFoundOnEveryDatabase() {
        String key = newWorkspaceKey();
        assertThat(post(key, "/api/v1/apicalls", "{\"status\":200,\"id\":\"year-one\",\"created_at\":\"0001-01-01T00:00:00Z\"}")
                .json().get("accepted").asInt()).isEqualTo(1);
        assertThat(get(key, "/api/v1/apicalls?created_gte=0001-01-01T00:00:00Z&created_lte=9999-12-31T23:59:59Z").json())
                .extracting(call -> call.get("id").stringValue()).containsExactly("year-one");
    }

    @Test
    void tooManyItemsIs400AndAnOversizedBodyIs413() {
        String key = newWorkspaceKey();
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"status\":200}");
        }
        assertBadRequest(post(key, "/api/v1/apicalls", many.append("]").toString()), "body", null);
        String huge = "[{\"status\":200,\"error\":\"" + "x".repeat(17 * 1024 * 1024) + "\"}]";
        Response tooLarge = post(key, "/api/v1/apicalls", huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).isEqualTo("application/problem+json");
        assertThat(tooLarge.json().get("detail").stringValue()).contains("at most 10,000");
        assertThat(get(key, "/api/v1/apicalls").json().size()).isZero();
        Response tooLargeRun = post(key, "/api/v1/jobruns", "{\"error\":\"" + "x".repeat(17 * 1024 * 1024) + "\"}");
        assertThat(tooLargeRun.status()).isEqualTo(413);
        assertThat(tooLargeRun.json().get("detail").stringValue()).contains("16 MiB").doesNotContain("API calls");
    }

    @Test
    void aGzipBodyIsDecodedUnderTheSameLimitAndAnyOtherEncodingIs400() throws Exception {
        String key = newWorkspaceKey();
        String id = createConnection(key, "{\"integration_type\":\"hubspot\"}");
        String batch = "[{\"id\":\"z1\",\"connection_id\":\"" + id + "\",\"status\":200},"
                + "{\"id\":\"z2\",\"connection_id\":\"" + id + "\",\"status\":401}]";
        Response zipped = postEncoded(key, "/api/v1/apicalls", "gzip", gzip(batch));
        assertThat(zipped.status()).as(zipped.body()).isEqualTo(200);
        assertThat(zipped.json().get("accepted").intValue()).isEqualTo(2);
        assertThat(get(key, "/api/v1/connections/" + id).json().get("status").stringValue()).isEqualTo("UNHEALTHY_NOW");

        Response listed = postEncoded(key, "/api/v1/apicalls", "gzip, identity", gzip(batch.replace("z", "l")));
        assertThat(listed.status()).as("identity in the list changes nothing: " + listed.body()).isEqualTo(200);
        Response brotli = postEncoded(key, "/api/v1/apicalls", "br", batch.replace("z", "b").getBytes(UTF_8));
        assertBadRequest(brotli, "Content-Encoding", null);
        assertThat(brotli.json().get("detail").stringValue()).contains("'br'").contains("gzip");
        Response notGzip = postEncoded(key, "/api/v1/apicalls", "gzip", batch.replace("z", "n").getBytes(UTF_8));
        assertBadRequest(notGzip, "body", null);
        assertThat(notGzip.json().get("detail").stringValue()).contains("not valid gzip");
        byte[] cut = gzip(batch.replace("z", "c"));
        assertBadRequest(postEncoded(key, "/api/v1/apicalls", "gzip", java.util.Arrays.copyOf(cut, cut.length - 12)),
                "body", null);
        assertBadRequest(postEncoded(key, "/api/v1/apicalls", "gzip", new byte[0]), "body", null);
        // a few KiB that unpack to 17 MiB: refused while decoding, as an uncompressed 17 MiB would be
        byte[] bomb = gzip("[{\"connection_id\":\"" + id + "\",\"status\":500,\"error\":\""
                + "x".repeat(17 * 1024 * 1024) + "\"}]");
        assertThat(bomb.length).isLessThan(100 * 1024);
        Response tooLarge = postEncoded(key, "/api/v1/apicalls", "gzip", bomb);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("detail").stringValue()).contains("16 MiB once decompressed");
        assertThat(get(key, "/api/v1/apicalls").json().size()).as("only the gzip batches were stored").isEqualTo(4);
        assertThat(send(key, HttpRequest.newBuilder(uri("/api/v1/apicalls")).header("Content-Encoding", "br").GET())
                .status()).as("a request without a body is not refused for naming an encoding").isEqualTo(200);
    }

    private Response postEncoded(String key, String path, String encoding, byte[] body) {
        return send(key, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Content-Encoding", encoding).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static byte[] gzip(String text) throws java.io.IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void aFullBatchOf10000IsAcceptedAtomically() {
        String key = newWorkspaceKey();
        String id = createConnection(key, "{\"integration_type\":\"hubspot\"}");
        StringBuilder batch = new StringBuilder("[");
        Instant base = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 10_000; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"id\":\"c").append(i).append("\",\"connection_id\":\"").append(id)
                    .append("\",\"status\":").append(i % 10 == 0 ? 500 : 200).append(",\"created_at\":\"")
                    .append(base.plusMillis(i)).append("\"}");
        }
        Response r = post(key, "/api/v1/apicalls", batch.append("]").toString());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("accepted").intValue()).isEqualTo(10_000);
        assertThat(post(key, "/api/v1/apicalls", "{\"id\":\"c5\",\"connection_id\":\"" + id + "\",\"status\":200}")
                .json().get("duplicates").intValue()).isEqualTo(1);
        assertThat(get(key, "/api/v1/connections/" + id).json().get("last_healthy_at").stringValue())
                .isEqualTo(base.plusMillis(9_999).toString());
    }

    @Test
    void sqlAndHtmlAreStoredAndReturnedVerbatim() {
        String key = newWorkspaceKey();
        String nasty = "'; drop table api_call; -- <script>alert(1)</script>";
        String id = createConnection(key, "{\"integration_type\":\"hubspot\",\"external_xref\":" + JSON.writeValueAsString(nasty) + "}");
        post(key, "/api/v1/apicalls", "{\"id\":\"n1\",\"connection_id\":\"" + id + "\",\"status\":500,\"path\":"
                + JSON.writeValueAsString(nasty) + ",\"error\":" + JSON.writeValueAsString(nasty) + "}");
        JsonNode call = get(key, "/api/v1/apicalls/n1").json();
        assertThat(call.get("path").stringValue()).isEqualTo(nasty);
        assertThat(call.get("error").stringValue()).isEqualTo(nasty);
        assertThat(get(key, "/api/v1/connections?q=" + java.net.URLEncoder.encode("drop table", java.nio.charset.StandardCharsets.UTF_8))
                .json().get(0).get("external_xref").stringValue()).isEqualTo(nasty);
        assertThat(get(key, "/api/v1/apicalls?path=%25").json().size()).isZero();
    }

    @Test
    void listsFilterAndSort() {
        String key = newWorkspaceKey();
        String healthy = createConnection(key, "{\"integration_type\":\"hubspot\",\"categories\":[\"crm\"],\"external_xref\":\"alpha\"}");
        String unauthorized = createConnection(key, "{\"integration_type\":\"zendesk\",\"categories\":[\"ticketing\"],\"external_xref\":\"beta\"}");
        String vendor = createConnection(key, "{\"integration_type\":\"bamboohr\",\"categories\":[\"hris\"],\"environment\":\"Sandbox\"}");
        createConnection(key, "{\"integration_type\":\"clearbit\",\"categories\":[\"enrichment\"]}");
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        post(key, "/api/v1/apicalls", "[" + call(healthy, 200, t) + "," + call(unauthorized, 403, t.plusSeconds(1)) + ","
                + call(vendor, 200, t) + "]");
        post(key, "/api/v1/jobruns", "{\"connection_id\":\"" + vendor + "\",\"finished_at\":\"" + t.plusSeconds(5)
                + "\",\"exports\":[{\"data_export_type\":\"employees\",\"endpoint\":\"/v1/employees\",\"status\":502}]}");
        assertThat(ids(get(key, "/api/v1/connections?status=UNHEALTHY,UNHEALTHY_NOW&sort=last_unhealthy_at&order=asc")))
                .containsExactly(unauthorized, vendor);
        for (String wrongCase : List.of("status=unhealthy", "sort=LAST_UNHEALTHY_AT", "order=ASC", "health=unauthorized")) {
            Response refused = get(key, "/api/v1/connections?" + wrongCase);
            assertThat(refused.status()).as("SPEC: enum values are exact (%s)", wrongCase).isEqualTo(400);
            assertThat(refused.body()).as(wrongCase).contains("case-sensitive");
        }
        Response wrongType = post(key, "/api/v1/apicalls",
                "{\"connection_id\":\"" + healthy + "\",\"status\":200,\"type\":\"INBOUND\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).contains("'INBOUND' is not one of inbound, webhook, login (values are case-sensitive: 'inbound')");
        assertThat(get(key, "/api/v1/apicalls?order=DESC").status()).isEqualTo(400);
        assertThat(get(key, "/api/v1/notifications?delivery_state=NOT_SENT").status()).isEqualTo(400);
        assertThat(ids(get(key, "/api/v1/connections?status=NEW")).size()).isEqualTo(1);
        assertThat(ids(get(key, "/api/v1/connections?health=UNAUTHORIZED"))).containsExactly(unauthorized);
        assertThat(ids(get(key, "/api/v1/connections?resolution_owner=VENDOR"))).containsExactly(vendor);
        assertThat(ids(get(key, "/api/v1/connections?category=crm"))).containsExactly(healthy);
        assertThat(ids(get(key, "/api/v1/connections?environment=Sandbox"))).containsExactly(vendor);
        assertThat(ids(get(key, "/api/v1/connections?external_xref=beta"))).containsExactly(unauthorized);
        assertThat(ids(get(key, "/api/v1/connections?q=ZEND"))).containsExactly(unauthorized);
        // SPEC §5: one field contains q whole; words from two fields are not a match
        assertThat(ids(get(key, "/api/v1/connections?q=beta%20zend"))).isEmpty();
        assertThat(ids(get(key, "/api/v1/connections?integration_type=hubspot"))).containsExactly(healthy);
        assertThat(ids(get(key, "/api/v1/connections?sort=integration_type&order=asc&limit=2&offset=1")))
                .hasSize(2).first().isEqualTo(vendor.equals("") ? "" : ids(get(key, "/api/v1/connections?integration_type=clearbit")).getFirst());
        assertThat(get(key, "/api/v1/apicalls?error=true").json().size()).isEqualTo(1);
        assertThat(get(key, "/api/v1/apicalls?connection_id=" + healthy).json().size()).isEqualTo(1);
        assertThat(get(key, "/api/v1/apicalls?status=403&integration_type=zendesk").json().size()).isEqualTo(1);
        post(key, "/api/v1/apicalls", "{\"connection_id\":\"" + healthy + "\",\"status\":200,\"method\":\"patch\","
                + "\"created_at\":\"" + t + "\"}");
        assertThat(get(key, "/api/v1/apicalls?method=PATCH").json().get(0).get("method").stringValue()).isEqualTo("patch");
        assertThat(get(key, "/api/v1/apicalls?method=patch").json().size()).isEqualTo(1);
        assertThat(get(key, "/api/v1/apicalls?created_gte=" + t.plusMillis(500)).json().size()).isEqualTo(1);
        assertThat(get(key, "/api/v1/apicalls?order=asc&limit=1").json().get(0).get("created_at").stringValue())
                .isEqualTo(t.toString());
        JsonNode run = get(key, "/api/v1/connections/" + vendor + "/jobruns").json().get(0);
        assertThat(run.get("classification").get("health_name").stringValue()).isEqualTo("VENDOR_SERVER_ERROR");
    }

    @Test
    void countsByStatusAndByOwnerOfTheUnhealthy() {
        String key = newWorkspaceKey();
        createConnection(key, "{\"integration_type\":\"hubspot\"}");
        String healthy = createConnection(key, "{\"integration_type\":\"hubspot\"}");
        String unauthorized = createConnection(key, "{\"integration_type\":\"zendesk\"}");
        String timedOut = createConnection(key, "{\"integration_type\":\"zendesk\"}");
        String deleted = createConnection(key, "{\"integration_type\":\"zendesk\"}");
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        post(key, "/api/v1/apicalls", "[" + call(healthy, 200, t) + "," + call(unauthorized, 200, t) + ","
                + call(unauthorized, 401, t.plusSeconds(1)) + ",{\"connection_id\":\"" + timedOut + "\",\"timed_out\":true},"
                + call(deleted, 401, t) + "]");
        delete(key, "/api/v1/connections/" + deleted);
        Response r = get(key, "/api/v1/connections/counts");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode counts = r.json();
        assertThat(counts.get("total").longValue()).isEqualTo(4);
        JsonNode byStatus = counts.get("by_status");
        assertThat(byStatus.get("NEW").longValue()).isEqualTo(1);
        assertThat(byStatus.get("HEALTHY").longValue()).isEqualTo(1);
        assertThat(byStatus.get("UNHEALTHY").longValue()).isEqualTo(1);
        assertThat(byStatus.get("UNHEALTHY_NOW").longValue()).isEqualTo(1);
        JsonNode byOwner = counts.get("unhealthy_by_resolution_owner");
        assertThat(byOwner.get("CUSTOMER").longValue()).isEqualTo(1);
        assertThat(byOwner.get("PLATFORM").longValue()).isEqualTo(1);
        assertThat(byOwner.get("VENDOR").longValue()).isZero();
        assertThat(get(newWorkspaceKey(), "/api/v1/connections/counts").json().get("total").longValue()).isZero();
        Response none = get(null, "/api/v1/connections/counts");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void patchDeleteAndTheirEvents() {
        String key = newWorkspaceKey();
        String id = createConnection(key, "{\"integration_type\":\"hubspot\",\"external_xref\":\"acme\"}");
        JsonNode updated = patch(key, "/api/v1/connections/" + id,
                "{\"is_paused\":true,\"credentials_updated\":true,\"external_xref\":\"acme-2\"}").json();
        assertThat(updated.get("is_paused").booleanValue()).isTrue();
        assertThat(updated.get("credentials_updated_at").isNull()).isFalse();
        assertThat(updated.get("external_xref").stringValue()).isEqualTo("acme-2");
        JsonNode same = patch(key, "/api/v1/connections/" + id, "{\"external_xref\":\"acme-2\",\"is_paused\":true}").json();
        assertThat(same.get("updated_at").stringValue()).as("a PATCH that changes nothing is no update")
                .isEqualTo(updated.get("updated_at").stringValue());
        assertBadRequest(patch(key, "/api/v1/connections/" + id, "{\"is_paused\":null}"), "is_paused", null);
        assertBadRequest(patch(key, "/api/v1/connections/" + id, "{\"credentials_updated\":null}"),
                "credentials_updated", null);
        assertThat(patch(key, "/api/v1/connections/" + id, "{\"categories\":[\"crm\"],\"permissions\":[\"read\"]}")
                .json().get("categories").get(0).stringValue()).isEqualTo("crm");
        JsonNode cleared = patch(key, "/api/v1/connections/" + id, "{\"categories\":null,\"permissions\":null}").json();
        assertThat(cleared.get("categories").size()).isZero();
        assertThat(cleared.get("permissions").size()).isZero();
        post(key, "/api/v1/apicalls", "{\"id\":\"kept\",\"connection_id\":\"" + id + "\",\"status\":401}");
        Response posted = post(key, "/api/v1/jobruns", "{\"connection_id\":\"" + id + "\",\"finished_at\":\""
                + Instant.now().minusSeconds(1) + "\"}");
        String run = posted.json().get("id").stringValue();
        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.location()).isEqualTo("/api/v1/jobruns/" + run);
        assertThat(get(key, "/api/v1/connections/" + id).json().get("status").stringValue()).isEqualTo("NEW");
        patch(key, "/api/v1/connections/" + id, "{\"is_paused\":false}");
        assertThat(delete(key, "/api/v1/connections/" + id).status()).isEqualTo(204);
        assertThat(get(key, "/api/v1/connections/" + id).status()).isEqualTo(404);
        assertThat(delete(key, "/api/v1/connections/" + id).status()).isEqualTo(404);
        assertThat(get(key, "/api/v1/apicalls/kept").status()).isEqualTo(200);
        assertThat(get(key, "/api/v1/apicalls?connection_id=" + id).json().size()).isEqualTo(1);
        assertThat(get(key, "/api/v1/connections/" + id + "/jobruns").json().get(0).get("id").stringValue())
                .isEqualTo(run);
        JsonNode runAfterDelete = get(key, posted.location()).json();
        assertThat(runAfterDelete.get("id").stringValue()).as("read back by its Location, after the delete too").isEqualTo(run);
        assertThat(runAfterDelete.get("connection_id").stringValue()).isEqualTo(id);
        assertThat(runAfterDelete.get("classification").get("health_name").stringValue()).isEqualTo("HEALTHY");
        List<String> events = new ArrayList<>();
        get(key, "/api/v1/notifications?connection_id=" + id).json().forEach(n -> events.add(n.get("event").stringValue()));
        assertThat(events).containsExactly("CONNECTION_DELETED", "CONNECTION_UNPAUSED", "CONNECTION_UPDATED",
                "CONNECTION_UPDATED", "CONNECTION_UPDATED", "CONNECTION_PAUSED", "CONNECTION_UPDATED", "CONNECTION_CREATED");
        JsonNode deleted = get(key, "/api/v1/notifications?event=CONNECTION_DELETED").json().get(0);
        assertThat(deleted.get("delivery_state").stringValue()).isEqualTo("not_sent");
        assertThat(deleted.get("payload").get("data").get("trigger").get("kind").stringValue()).isEqualTo("api");
    }

    @Test
    void notificationSettingsRoundTrip() {
        String key = newWorkspaceKey();
        JsonNode initial = get(key, "/api/v1/workspace/notification-settings").json();
        assertThat(initial.get("signing_secret").stringValue()).startsWith("whsec_");
        assertThat(initial.get("events").size()).isEqualTo(7);
        JsonNode saved = put(key, "/api/v1/workspace/notification-settings",
                "{\"url\":\"https://hooks.example.com/ch\",\"events\":[\"CONNECTION_UNHEALTHY\"]}").json();
        assertThat(saved.get("url").stringValue()).isEqualTo("https://hooks.example.com/ch");
        assertThat(saved.get("events").get(0).stringValue()).isEqualTo("CONNECTION_UNHEALTHY");
        assertThat(get(key, "/api/v1/workspace/notification-settings").json().get("events").size()).isEqualTo(1);
        assertBadRequest(put(key, "/api/v1/workspace/notification-settings", "{\"events\":[]}"), "url", null);
        Response neither = put(key, "/api/v1/workspace/notification-settings", "{}");
        assertBadRequest(neither, "url", null);
        assertBadRequest(neither, "events", null);
        assertThat(get(key, "/api/v1/workspace/notification-settings").json().get("url").stringValue())
                .as("a PUT without the url leaves the webhook as it was").isEqualTo("https://hooks.example.com/ch");
        assertBadRequest(put(key, "/api/v1/workspace/notification-settings",
                "{\"url\":\"https://hooks.example.com/ch\",\"events\":[\"connection_unhealthy\"]}"), "events", null);
        assertThat(get(key, "/api/v1/workspace/notification-settings").json().get("events").get(0).stringValue())
                .as("a refused PUT changes nothing").isEqualTo("CONNECTION_UNHEALTHY");
        String id = createConnection(key, "{\"integration_type\":\"hubspot\"}");
        post(key, "/api/v1/apicalls", "{\"connection_id\":\"" + id + "\",\"status\":401}");
        JsonNode unhealthy = get(key, "/api/v1/notifications?event=CONNECTION_UNHEALTHY").json().get(0);
        assertThat(unhealthy.get("delivery_state").stringValue()).isIn("pending", "retrying", "failed", "delivered");
        assertThat(get(key, "/api/v1/notifications?event=CONNECTION_CREATED").json().get(0).get("delivery_state")
                .stringValue()).isEqualTo("not_sent");
    }

    /** The retention Settings edits, for a team that keeps its setup in code; shortening it purges at once. */
    @Test
    void theWorkspaceAndItsRetention() throws Exception {
        String key = newWorkspaceKey();
        JsonNode workspace = get(key, "/api/v1/workspace").json();
        assertThat(workspace.get("retention_days").intValue()).isEqualTo(60);
        assertThat(workspace.get("name").stringValue()).startsWith("API test ");
        assertThat(workspace.get("created_at").stringValue()).endsWith("Z");
        String id = createConnection(key, "{\"integration_type\":\"hubspot\"}");
        assertThat(get(key, "/api/v1/connections/" + id).json().get("workspace_id").stringValue())
                .as("the workspace's id is the one its connections carry").isEqualTo(workspace.get("id").stringValue());

        Instant now = Instant.now();
        post(key, "/api/v1/apicalls", "[{\"connection_id\":\"" + id + "\",\"status\":200,\"created_at\":\""
                + now.minus(java.time.Duration.ofDays(10)) + "\"},{\"connection_id\":\"" + id
                + "\",\"status\":200,\"created_at\":\"" + now.minus(java.time.Duration.ofDays(1)) + "\"}]");
        Response raised = patch(key, "/api/v1/workspace", "{\"retention_days\":90}");
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
        assertThat(raised.json().get("retention_days").intValue()).isEqualTo(90);
        assertThat(get(key, "/api/v1/workspace").json().get("retention_days").intValue()).isEqualTo(90);

        for (String body : List.of("{\"retention_days\":0}", "{\"retention_days\":3651}", "{\"retention_days\":\"30\"}",
                "{\"retention_days\":1.5}", "{\"retention_days\":null}", "{}", "{\"retention_days\":30,\"name\":\"x\"}",
                "{\"retention_days\":30,\"retention\":30}", "[30]")) {
            Response refused = patch(key, "/api/v1/workspace", body);
            assertThat(refused.status()).as(body + " → " + refused.body()).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
        }
        assertBadRequest(patch(key, "/api/v1/workspace", "{\"retention_days\":0}"), "retention_days", null);
        assertBadRequest(patch(key, "/api/v1/workspace", "{}"), "retention_days", null);
        assertBadRequest(patch(key, "/api/v1/workspace", "{\"retention_days\":30,\"name\":\"x\"}"), "name", null);
        Response huge = patch(key, "/api/v1/workspace", "{\"retention_days\":99999999999999999999}");
        assertBadRequest(huge, "retention_days", null);
        assertThat(huge.json().get("errors").get(0).get("message").stringValue())
                .isEqualTo("must be between 1 and 3650, was 99999999999999999999");
        assertThat(get(key, "/api/v1/workspace").json().get("retention_days").intValue())
                .as("a refused PATCH changes nothing").isEqualTo(90);
        assertThat(get(key, "/api/v1/apicalls?connection_id=" + id).json().size()).isEqualTo(2);

        assertThat(patch(key, "/api/v1/workspace", "{\"retention_days\":5}").json().get("retention_days").intValue())
                .isEqualTo(5);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (get(key, "/api/v1/apicalls?connection_id=" + id).json().size() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(get(key, "/api/v1/apicalls?connection_id=" + id).json().size())
                .as("the 10-day-old call purged at once, the 1-day-old one kept").isEqualTo(1);

        // each answer holds what its own request saved (read back, another's had been answered: a review)
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String body = "{\"retention_days\":" + (300 + i) + "}";
                sent.add(pool.submit(() -> patch(key, "/api/v1/workspace", body)));
            }
            for (int i = 0; i < sent.size(); i++) {
                assertThat(sent.get(i).get().json().get("retention_days").intValue()).isEqualTo(300 + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentFirstRequestsOfANewWorkspaceAllSucceed() throws Exception {
        String key = newWorkspaceKey();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Response>> created = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                created.add(pool.submit(() -> post(key, "/api/v1/connections", "{\"integration_type\":\"hubspot\"}")));
            }
            for (var f : created) {
                assertThat(f.get().status()).as(f.get().body()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(get(key, "/api/v1/notifications?event=CONNECTION_CREATED").json().size()).isEqualTo(8);
    }

    @Test
    void unknownPathsWrongMethodsAndAMissingBodyAnswerProblemDetails() {
        String key = newWorkspaceKey();
        for (Response r : List.of(get(key, "/api/v1/nothing"), post(key, "/api/v1/nothing", "{}"),
                get(key, "/api/v1/connections/x/nothing"))) {
            assertThat(r.status()).as(r.body()).isEqualTo(404);
            assertThat(r.contentType()).isEqualTo("application/problem+json");
            assertThat(r.json().get("detail").stringValue()).contains("/api/v1/").contains("/api/docs");
        }
        Response misspelt = get(key, "/api/v1/apicalls?connectionId=abc&limit=5");
        assertBadRequest(misspelt, "connectionId", null);
        assertThat(misspelt.json().get("detail").stringValue()).contains("connectionId").contains("connection_id");
        assertThat(get(key, "/api/v1/apicalls?connection_id=abc&limit=5").status()).isEqualTo(200);
        assertBadRequest(post(key, "/api/v1/apicalls?dry_run=true", "{\"status\":200}"), "dry_run", null);
        // a parameter given twice was joined by Spring with a comma: "a,b", which matched nothing, silently
        assertBadRequest(get(key, "/api/v1/connections?integration_type=a&integration_type=b"), "integration_type", null);
        assertBadRequest(get(key, "/api/v1/apicalls?status=500&limit=5&status=404"), "status", null);
        String crm = createConnection(key, "{\"integration_type\":\"hubspot\",\"categories\":[\"crm\",\"hris\",\"ats\"]}");
        assertThat(get(key, "/api/v1/connections?status=NEW&status=HEALTHY").json()).extracting(n -> n.get("id").stringValue())
                .as("a list may come in parts").contains(crm);
        // a category with a comma matched runs of stored categories (crm,hris did, crm,ats did not)
        assertBadRequest(get(key, "/api/v1/connections?category=crm,hris"), "category", null);
        assertThat(get(key, "/api/v1/connections?category=hris").json()).extracting(n -> n.get("id").stringValue())
                .containsExactly(crm);
        assertBadRequest(rawGet(key, "/api/v1/apicalls?limit=%ZZ"), "limit", null);
        assertBadRequest(rawGet(key, "/api/v1/apicalls?connection_id=%E9"), "connection_id", null);
        assertThat(rawGet(key, "/api/v1/apicalls?limit=%35").status()).isEqualTo(200);
        for (String path : List.of("/api/v1/connections/a;b=c", "/api/v1/connections//x", "/api/v1/connections/%2e%2e",
                "/api/v1/connections/%25")) {
            Response rejected = rawGet(key, path);
            assertThat(rejected.status()).as(path).isEqualTo(400);
            assertThat(rejected.contentType()).as(path).isEqualTo("application/problem+json");
            assertThat(rejected.json().get("detail").stringValue()).contains("The path is not accepted");
        }
        for (String path : List.of("/connections/a;b", "/connections//x", "/connections/a%25b", "/connections/abc%0Adef")) {
            Response page = rawGet(null, path);
            assertThat(page.status()).as(path).isEqualTo(400);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            assertThat(page.body()).as("not Spring's Whitelabel page").contains("This address cannot be opened")
                    .doesNotContain("Whitelabel");
        }
        Response propfind = raw("PROPFIND", null, "/");
        assertThat(propfind.status()).isEqualTo(405);
        assertThat(propfind.body()).contains("this request's method is not taken").doesNotContain("cannot be opened");
        for (String path : List.of("/api/v1/connections/%2F", "/api/v1/connections/a%5Cb", "/api/v1/connections/%00",
                "/api/v1/connections/%C0%AF", "/api/v1/connections/%ZZ")) {
            Response refusedByTomcat = rawGet(key, path);
            assertThat(refusedByTomcat.status()).as(path).isEqualTo(400);
            assertThat(refusedByTomcat.contentType()).as(path).isEqualTo("application/problem+json");
            assertThat(refusedByTomcat.json().get("detail").stringValue()).contains("The request could not be read");
        }
        // a request line Tomcat cannot read at all has no path to tell: answered as the API answers (it was HTML)
        for (String path : List.of("/api/v1/connections?a={}", "/api/v1/connections?a=|")) {
            Response unreadable = rawGet(key, path);
            assertThat(unreadable.status()).as(path).isEqualTo(400);
            assertThat(unreadable.contentType()).as(path).isEqualTo("application/problem+json");
            assertThat(unreadable.json().get("detail").stringValue()).contains("must be %-encoded");
        }
        Response dashboardPath = rawGet(null, "/connections/%2F");
        assertThat(dashboardPath.status()).isEqualTo(400);
        assertThat(dashboardPath.contentType()).startsWith("text/html");
        assertThat(dashboardPath.body()).contains("The request could not be read").contains("Open the dashboard");
        Response foo = raw("FOO", key, "/api/v1/connections");
        assertThat(foo.status()).isEqualTo(405);
        assertThat(foo.contentType()).isEqualTo("application/problem+json");
        assertThat(foo.json().get("detail").stringValue()).contains("GET, POST");
        assertBadRequest(rawGet(key, "/api/v1/apicalls?limit=5&=x"), "query", null);
        assertThat(send(key, HttpRequest.newBuilder(uri("/api/v1/connections?x=1"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(200);
        Response wrongMethod = put(key, "/api/v1/connections/x", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).isEqualTo("application/problem+json");
        assertThat(wrongMethod.json().get("detail").stringValue()).contains("PUT");
        assertThat(get(key, "/api/v1/jobruns").status()).isEqualTo(405);

        Response noBody = send(key, HttpRequest.newBuilder(uri("/api/v1/apicalls")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertBadRequest(noBody, "body", null);
        assertThat(noBody.json().get("detail").stringValue()).doesNotContain("io.connectionhealth").contains("no body");
        Response form = send(key, HttpRequest.newBuilder(uri("/api/v1/apicalls"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":200}")));
        assertBadRequest(form, "Content-Type", null);
        assertThat(form.json().get("detail").stringValue()).contains("application/x-www-form-urlencoded")
                .contains("Content-Type: application/json");
        for (String method : List.of("POST", "PATCH")) {
            Response brokenForm = send(key, HttpRequest.newBuilder(uri("/api/v1/" + ("POST".equals(method) ? "apicalls"
                            : "connections/x"))).header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString("a=%ZZ")));
            assertThat(brokenForm.status()).as(method + " " + brokenForm.body()).isEqualTo(400);
            assertThat(brokenForm.contentType()).isEqualTo("application/problem+json");
            assertThat(brokenForm.json().get("detail").stringValue()).contains("Content-Type: application/json");
        }
        Response garbage = send(key, HttpRequest.newBuilder(uri("/api/v1/apicalls")).header("Content-Type", "garbage")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertBadRequest(garbage, "Content-Type", null);
        assertThat(garbage.json().get("detail").stringValue()).contains("'garbage'");
        Response malformed = post(key, "/api/v1/apicalls", "{\"status\": 200,");
        assertBadRequest(malformed, "body", null);
        assertThat(malformed.json().get("detail").stringValue()).doesNotContain("Source").contains("line 1, column");
        Response twice = post(key, "/api/v1/apicalls", "[{\"status\":200,\"status\":500}]");
        assertBadRequest(twice, "body", null);
        assertThat(twice.json().get("detail").stringValue()).contains("Duplicate").contains("\"status\"")
                .contains("line 1, column");
        assertThat(get(key, "/api/v1/apicalls").json().size()).as("nothing stored").isZero();
        assertBadRequest(post(key, "/api/v1/apicalls", "{\"status\":200,\"type\":\"outbound\"}"), "type", null);
        assertThat(post(key, "/api/v1/apicalls", "{\"status\":200,\"type\":\"outbound\"}").json().get("errors").get(0)
                .get("message").stringValue()).contains("inbound, webhook, login");
    }

    @Test
    void hostileInputIsA400OrAProblemNeverA500() {
        String key = newWorkspaceKey();
        String id = createConnection(key, "{\"integration_type\":\"hubspot\"}");
        // a million unknown fields once filled the heap with one error each
        String manyFields = IntStream.range(0, 200_000).mapToObj(i -> "\"f" + i + "\":0")
                .collect(Collectors.joining(",", "{\"integration_type\":\"a\",", "}"));
        Response unknown = post(key, "/api/v1/connections", manyFields);
        assertBadRequest(unknown, "body", null);
        assertThat(unknown.json().get("errors").size()).isLessThanOrEqualTo(ValidationException.LISTED);
        assertThat(unknown.body().length()).isLessThan(20_000);
        assertThat(unknown.json().get("detail").stringValue()).contains("10 more in errors");
        Response manyFaults = post(key, "/api/v1/apicalls", IntStream.range(0, 150).mapToObj(i -> "{\"status\":99}")
                .collect(Collectors.joining(",", "[", "]")));
        assertBadRequest(manyFaults, "status", 0);
        assertThat(manyFaults.json().get("errors").size()).isEqualTo(ValidationException.LISTED);
        assertThat(manyFaults.json().get("detail").stringValue()).contains("149 more, the first 100 in errors");
        // JSON would store a lone surrogate as "?": two different ids would become one
        assertBadRequest(post(key, "/api/v1/apicalls", "{\"status\":200,\"id\":\"sur\\ud800\"}"), "id", null);
        assertBadRequest(post(key, "/api/v1/apicalls", "{\"status\":200,\"type\":\"\u0131nbound\"}"), "type", null);
        assertBadRequest(rawGet(key, "/api/v1/apicalls?type=%C4%B1nbound"), "type", null);
        assertThat(rawGet(key, "/api/v1/apicalls?type=inbound").status()).isEqualTo(200);
        // within every field's limit, but more than the columns hold once written as JSON
        String exports = IntStream.range(0, 48).mapToObj(i -> "{\"data_export_type\":\"t" + i + "\",\"endpoint\":\"/"
                + "e".repeat(2047) + "\",\"status\":401}").collect(Collectors.joining(","));
        assertBadRequest(post(key, "/api/v1/jobruns", "{\"connection_id\":\"" + id + "\",\"finished_at\":\""
                + Instant.now() + "\",\"exports\":[" + exports + "]}"), "exports", null);
        String controlCharacters = IntStream.range(0, 100).mapToObj(i -> "{\"data_export_type\":\"t" + i
                + "\",\"status\":200,\"error\":\"" + "\\u0001".repeat(8000) + "\"}").collect(Collectors.joining(","));
        assertBadRequest(post(key, "/api/v1/jobruns", "{\"connection_id\":\"" + id + "\",\"finished_at\":\""
                + Instant.now() + "\",\"exports\":[" + controlCharacters + "]}"), "exports", null);
        assertThat(get(key, "/api/v1/connections/" + id + "/jobruns").json().size()).as("nothing stored").isZero();
        // the API speaks JSON only: the YAML converter a library brings along is not used
        Response yaml = send(key, HttpRequest.newBuilder(uri("/api/v1/connections"))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString("a: 1")));
        assertBadRequest(yaml, "Content-Type", null);
        Response asYaml = send(key, HttpRequest.newBuilder(uri("/api/v1/connections/" + id)).header("Accept", "application/yaml").GET());
        assertThat(asYaml.status()).isEqualTo(406);
        assertThat(asYaml.contentType()).isEqualTo("application/problem+json");
        // a success is labelled JSON, never as a problem or as a type the client made up; an error stays a problem
        Response missing = send(key, HttpRequest.newBuilder(uri("/api/v1/connections/nope"))
                .header("Accept", "application/problem+json").GET());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).isEqualTo("application/problem+json");
        for (String accept : List.of("*/*", "application/*", "application/json, application/problem+json",
                "application/problem+json", "application/vnd.foo+json")) {
            Response json = send(key, HttpRequest.newBuilder(uri("/api/v1/connections/" + id)).header("Accept", accept).GET());
            assertThat(json.status()).as(accept).isEqualTo(200);
            assertThat(json.contentType()).as(accept).startsWith("application/json");
        }
        String doomed = createConnection(key, "{\"integration_type\":\"hubspot\"}");
        assertThat(send(key, HttpRequest.newBuilder(uri("/api/v1/connections/" + doomed)).header("Accept", "text/plain")
                .DELETE()).status()).as("no body to refuse").isEqualTo(204);
        for (String body : List.of("[".repeat(501) + "]".repeat(501), "{\"status\":NaN}", "{}{}")) {
            Response parserSays = post(key, "/api/v1/apicalls", body);
            assertBadRequest(parserSays, "body", null);
            assertThat(parserSays.json().get("detail").stringValue()).doesNotContain("`");
        }
        // Tomcat refuses TRACE and an oversized request before any filter
        Response trace = raw("TRACE", key, "/api/v1/connections");
        assertThat(trace.status()).isEqualTo(405);
        assertThat(trace.contentType()).isEqualTo("application/problem+json");
        assertThat(trace.json().get("detail").stringValue()).contains("/api/v1/connections");
        Response tooLarge = rawGet(key, "/api/v1/connections?q=" + "a".repeat(8_100));
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.contentType()).isEqualTo("application/problem+json");
        assertThat(tooLarge.json().get("detail").stringValue()).contains("larger than");
        assertThat(rawGet(key, "/api/v1/connections?q=" + "a".repeat(9_000)).body()).contains("larger than");
        // the error page asked for by its address: Spring Boot's {"status":999} with a 500
        Response errorPage = rawGet(null, "/error");
        assertThat(errorPage.status()).isEqualTo(404);
        assertThat(errorPage.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void openApiDocsAreServed() {
        Response docs = send(null, HttpRequest.newBuilder(uri("/api/v1/openapi.json")).GET());
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/apicalls", "/api/v1/connections/{id}", "/api/v1/connections/counts");
        JsonNode api = docs.json();
        api.get("paths").forEach(path -> path.forEach(operation -> {
            assertThat(operation.get("summary")).as("every operation says what it does").isNotNull();
            if (operation.has("parameters")) {
                operation.get("parameters").forEach(p -> assertThat(p.get("name").stringValue())
                        .as("the caller comes from the key, not a parameter").isNotEqualTo("actor"));
            }
        }));
        JsonNode schemas = api.get("components").get("schemas");
        assertThat(schemas.has("Problem")).as("the schema the problem answers name is there").isTrue();
        assertThat(schemas.get("Problem").get("properties").propertyNames()).contains("detail", "errors");
        assertThat(schemas.get("Connection").get("properties").propertyNames())
                .as("snake_case, as the API writes it").contains("integration_type", "last_unhealthy_at", "is_paused")
                .doesNotContain("integrationType");
        assertThat(schemas.get("ApiCallIn").get("properties").propertyNames()).containsExactlyInAnyOrder("id",
                "connection_id", "created_at", "type", "method", "path", "status", "timed_out", "error", "error_origin",
                "duration_ms", "size", "external_xref");
        assertThat(api.get("paths").get("/api/v1/apicalls").get("post").get("requestBody").toString())
                .contains("#/components/schemas/ApiCallIn").contains("\"maxItems\":10000");
        assertThat(api.get("paths").get("/api/v1/connections").get("post").get("responses").has("201")).isTrue();
        assertThat(api.get("paths").get("/api/v1/workspace/notification-settings/test").get("post").get("responses")
                .get("400")).as("no URL saved yet").isNotNull();
        assertThat(api.get("paths").get("/api/v1/connections/{id}").get("get").get("responses").get("404")
                .get("content").has("application/problem+json")).isTrue();
        assertThat(api.get("components").get("securitySchemes").get("apiKey").get("scheme").stringValue())
                .isEqualTo("bearer");
        JsonNode connection = schemas.get("Connection").get("properties");
        assertThat(connection.get("external_xref").get("type").toString()).as("null where the API writes null")
                .isEqualTo("[\"string\",\"null\"]");
        assertThat(connection.get("id").get("type").stringValue()).isEqualTo("string");
        assertThat(schemas.get("Connection").get("required").toString()).as("the API writes every field, null or not")
                .contains("\"id\"", "\"external_xref\"", "\"health\"");
        assertThat(schemas.get("Connection").get("required")).hasSize(schemas.get("Connection").get("properties").size());
        assertThat(schemas.get("ConnectionEvent").get("required").toString()).contains("\"data\"");
        assertThat(schemas.get("NewConnection").get("required").toString()).as("a request's own")
                .isEqualTo("[\"integration_type\"]");
        assertThat(connection.get("health").get("anyOf").toString()).contains("#/components/schemas/Health", "null");
        assertThat(schemas.get("CallClassification").get("properties").get("resolution_owner").get("enum").toString())
                .contains("null");
        assertThat(schemas.get("Notification").get("properties").get("payload").get("$ref").stringValue())
                .isEqualTo("#/components/schemas/ConnectionEvent");
        assertThat(schemas.get("ExportIn").get("required").toString()).contains("data_export_type", "status");
        assertThat(api.get("paths").get("/api/v1/connections/counts").get("get").get("responses").has("400"))
                .as("an unknown query parameter").isTrue();
        assertThat(api.get("paths").get("/api/v1/workspace/notification-settings/test").get("post").get("responses")
                .get("400").get("description").stringValue()).startsWith("No notification URL is saved yet");
        String key = newWorkspaceKey();
        String id = createConnection(key, "{\"integration_type\":\"hubspot\"}");
        post(key, "/api/v1/apicalls", "{\"id\":\"bare\",\"status\":200}");
        nullsAreDeclared(get(key, "/api/v1/connections/" + id).json(), "Connection", schemas);
        nullsAreDeclared(get(key, "/api/v1/apicalls/bare").json(), "ApiCall", schemas);
        nullsAreDeclared(get(key, "/api/v1/workspace/notification-settings").json(), "NotificationSettings", schemas);
        JsonNode webhook = api.get("webhooks").get("connectionEvent").get("post");
        assertThat(webhook.get("parameters").toString()).contains("webhook-id", "webhook-timestamp", "webhook-signature");
        assertThat(schemas.get("ConnectionEvent").get("properties").get("type").get("enum").toString())
                .contains("CONNECTION_UNHEALTHY", "CONNECTION_UNPAUSED");
        assertThat(webhook.get("responses").get("default").get("description").stringValue())
                .as("the schedule in force, by default here").contains("after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h in turn");
        assertThat(schemas.get("ConnectionEvent").get("properties").get("timestamp").get("description").stringValue())
                .contains("order a connection's events by it");
        assertThat(api.get("webhooks").get("webhookTest").get("post").get("requestBody").toString())
                .contains("#/components/schemas/WebhookTestEvent");
        assertThat(schemas.get("WebhookTestEvent").get("properties").get("type").get("enum").toString())
                .isEqualTo("[\"WEBHOOK_TEST\"]");
        assertThat(api.get("paths").get("/api/v1/notifications/replay").get("post").get("responses").has("409"))
                .as("while the endpoint is disabled").isTrue();
        assertThat(schemas.get("NotificationSettingsIn").get("required").toString()).contains("url", "events");
        assertThat(send(null, HttpRequest.newBuilder(uri("/api/swagger-ui/index.html")).GET()).status()).isEqualTo(200);
    }

    private static String call(String connectionId, int status, Instant at) {
        return "{\"connection_id\":\"" + connectionId + "\",\"status\":" + status + ",\"created_at\":\"" + at + "\"}";
    }

    /** Every null in an answer is one its schema allows, the nested objects' too: a generated client would fail. */
    private static void nullsAreDeclared(JsonNode answer, String schemaName, JsonNode schemas) {
        JsonNode properties = schemas.get(schemaName).get("properties");
        schemas.get(schemaName).path("required").forEach(required -> assertThat(answer.has(required.stringValue()))
                .as(schemaName + "." + required.stringValue() + " is written").isTrue());
        answer.properties().forEach(field -> {
            JsonNode declared = properties.get(field.getKey());
            assertThat(declared).as(schemaName + "." + field.getKey() + " is described").isNotNull();
            if (field.getValue().isNull()) {
                assertThat(declared.path("type").toString() + declared.path("anyOf"))
                        .as(schemaName + "." + field.getKey() + " may be null").contains("\"null\"");
            } else if (field.getValue().isObject() && declared.has("$ref")) {
                nullsAreDeclared(field.getValue(), declared.get("$ref").stringValue().replace("#/components/schemas/", ""),
                        schemas);
            }
        });
    }

    /** The API description's advice for walking the log by time, followed as written, lists every call once. */
    @Test
    void theDescribedWalkByTimeListsEveryCallOnce() {
        String key = newWorkspaceKey();
        String id = createConnection(key, "{\"integration_type\":\"zendesk\"}");
        // one batch without created_at: its 250 calls share one time, more than a page holds
        String batch = IntStream.range(0, 250).mapToObj(i -> "{\"connection_id\":\"" + id + "\",\"status\":200}")
                .collect(Collectors.joining(",", "[", "]"));
        assertThat(post(key, "/api/v1/apicalls", batch).status()).isEqualTo(200);
        List<String> seen = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (int page = 0; page < 10; page++) {
            String last = times.isEmpty() ? null : times.getLast();
            Response r = get(key, "/api/v1/apicalls?connection_id=" + id + "&limit=100" + (last == null ? ""
                    : "&created_lte=" + last + "&offset=" + times.stream().filter(last::equals).count()));
            if (ids(r).isEmpty()) {
                break;
            }
            seen.addAll(ids(r));
            r.json().forEach(row -> times.add(row.get("created_at").stringValue()));
        }
        assertThat(seen).hasSize(250).doesNotHaveDuplicates();
    }

    private static List<String> ids(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().forEach(n -> ids.add(n.get("id").stringValue()));
        return ids;
    }

    @Test
    void aBodyThatIsNotUtf8IsRefusedEvenWhereTheParserWouldReadIt() {
        String key = newWorkspaceKey();
        String id = createConnection(key, "{\"integration_type\":\"hubspot\"}");
        // C0 AF is an overlong '/': the parser stored the id "ol\xC0\xAFid" as "ol/id"
        byte[] overlong = ("{\"id\":\"olXXid\",\"connection_id\":\"" + id + "\",\"status\":200}")
                .getBytes(StandardCharsets.ISO_8859_1);
        int at = new String(overlong, StandardCharsets.ISO_8859_1).indexOf("XX");
        overlong[at] = (byte) 0xC0;
        overlong[at + 1] = (byte) 0xAF;
        Response refused = send(key, HttpRequest.newBuilder(uri("/api/v1/apicalls")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(overlong)));
        assertBadRequest(refused, "body", null);
        assertThat(refused.json().get("detail").stringValue()).contains("not valid UTF-8").contains("0xC0");
        assertThat(get(key, "/api/v1/apicalls?connection_id=" + id).json().size()).as("nothing stored").isZero();
        // what is valid goes through, characters of four bytes included
        assertThat(post(key, "/api/v1/apicalls", "{\"path\":\"/notes/\uD834\uDD1E\",\"connection_id\":\"" + id
                + "\",\"status\":200}").status()).isEqualTo(200);
        assertThat(get(key, "/api/v1/apicalls?connection_id=" + id).json().get(0).get("path").stringValue())
                .isEqualTo("/notes/\uD834\uDD1E");
    }

    @Test
    void aBodyDeclaringAnotherCharsetIsRefusedAndStoresNothing() {
        String key = newWorkspaceKey();
        String id = createConnection(key, "{\"integration_type\":\"hubspot\"}");
        // 0x81 and 0x8D are not windows-1252 characters: both had been read as U+FFFD, one call id for two calls;
        // what is not ASCII in another charset is refused (a lone surrogate in UTF-16, a kanji in Shift_JIS)
        for (String charset : List.of("windows-1252", "UTF-16LE", "Shift_JIS")) {
            String unmapped = switch (charset) {
                case "windows-1252" -> "\u0081";
                case "UTF-16LE" -> "\ud800";
                default -> "\u65e5";
            };
            String json = "{\"id\":\"c-" + unmapped + "\",\"connection_id\":\"" + id + "\",\"status\":200}";
            // ISO-8859-1 writes U+0081 as the byte 0x81, which windows-1252 leaves unmapped
            byte[] body = json.getBytes(charset.equals("windows-1252") ? StandardCharsets.ISO_8859_1
                    : java.nio.charset.Charset.forName(charset));
            Response refused = send(key, HttpRequest.newBuilder(uri("/api/v1/apicalls"))
                    .header("Content-Type", "application/json; charset=" + charset)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            assertBadRequest(refused, "Content-Type", null);
            assertThat(refused.json().get("detail").stringValue()).contains("charset=" + charset).contains("UTF-8");
        }
        assertThat(get(key, "/api/v1/apicalls?connection_id=" + id).json().size()).as("nothing stored").isZero();
        // the parser reads what the filter checked, UTF-8, whatever the header adds: it had decoded by the last charset
        // parameter (windows-1252) while Tomcat reported the first, and "Ï" and "Ý" were stored as one id
        for (String letter : List.of("\u00cf", "\u00dd")) {
            Response stored = send(key, HttpRequest.newBuilder(uri("/api/v1/apicalls"))
                    .header("Content-Type", "application/json; charset=utf-8, text/plain; charset=windows-1252")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"two-" + letter + "\",\"connection_id\":\"" + id
                            + "\",\"status\":200}", StandardCharsets.UTF_8)));
            assertThat(stored.json().get("accepted").intValue()).as(stored.body()).isOne();
        }
        assertThat(get(key, "/api/v1/apicalls?connection_id=" + id).json().findValuesAsString("id"))
                .containsExactlyInAnyOrder("two-\u00cf", "two-\u00dd");
        // a stateful charset's ASCII escapes switch its meaning: refused, not read
        Response stateful = send(key, HttpRequest.newBuilder(uri("/api/v1/apicalls"))
                .header("Content-Type", "application/json; charset=ISO-2022-JP")
                .POST(HttpRequest.BodyPublishers.ofString("{\"connection_id\":\"" + id + "\",\"status\":200}")));
        assertBadRequest(stateful, "Content-Type", null);
        // ASCII under an ASCII-compatible label reads alike
        for (String charset : List.of("utf-8", "UTF8", "us-ascii", "ISO-8859-1")) {
            assertThat(send(key, HttpRequest.newBuilder(uri("/api/v1/apicalls"))
                    .header("Content-Type", "application/json; charset=" + charset)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"connection_id\":\"" + id + "\",\"status\":200}")))
                    .status()).as(charset).isEqualTo(200);
        }
    }

    @Test
    void aRefusedValueIsRepeatedOnlyInPart() {
        String key = newWorkspaceKey();
        String huge = "x".repeat(1_000_000);
        Response category = post(key, "/api/v1/connections", "{\"integration_type\":\"hubspot\",\"categories\":[\"a b"
                + huge + "\"]}");
        assertBadRequest(category, "categories", null);
        assertThat(category.body().length()).isLessThan(2_000);
        assertThat(category.json().get("detail").stringValue()).contains("(1000003 characters)");
        Response type = post(key, "/api/v1/apicalls", "{\"type\":\"" + huge + "\",\"status\":200}");
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.body().length()).isLessThan(2_000);
        Response connection = post(key, "/api/v1/apicalls", "[" + String.join(",", java.util.Collections.nCopies(50,
                "{\"connection_id\":\"" + "y".repeat(100_000) + "\",\"status\":200}")) + "]");
        assertThat(connection.status()).isEqualTo(400);
        assertThat(connection.body().length()).isLessThan(20_000);
        Response events = put(key, "/api/v1/workspace/notification-settings", "{\"url\":null,\"events\":["
                + String.join(",", java.util.Collections.nCopies(101, "\"CONNECTION_HEALTHY\"")) + "]}");
        assertBadRequest(events, "events", null);
        assertThat(events.json().get("detail").stringValue()).contains("lists 101 event types; at most 100");
    }

    @Test
    void headersThatNoAnswerOrBodyCanMeetAreRefusedBeforeAnythingIsStored() {
        String key = newWorkspaceKey();
        // a write whose Accept admits no JSON: it had been stored, then answered 406 (a retry stored it twice)
        Response xml = send(key, HttpRequest.newBuilder(uri("/api/v1/connections")).header("Accept", "application/xml")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"integration_type\":\"accept-xml\"}")));
        assertThat(xml.status()).isEqualTo(406);
        assertThat(xml.contentType()).isEqualTo("application/problem+json");
        assertThat(xml.json().get("detail").stringValue()).contains("nothing was done");
        assertThat(get(key, "/api/v1/connections?integration_type=accept-xml").json().size()).isZero();
        String id = createConnection(key, "{\"integration_type\":\"hubspot\"}");
        Response patch = send(key, HttpRequest.newBuilder(uri("/api/v1/connections/" + id))
                .header("Accept", "application/json;q=0, text/plain").header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"is_paused\":true}")));
        assertThat(patch.status()).isEqualTo(406);
        assertThat(get(key, "/api/v1/connections/" + id).json().get("is_paused").booleanValue()).isFalse();
        // an Accept header that cannot be read: answers had gone out without a body
        for (String accept : List.of("garbage", "application/json;q=2")) {
            assertBadRequest(send(key, HttpRequest.newBuilder(uri("/api/v1/connections/nope")).header("Accept", accept)
                    .GET()), "Accept", null);
        }
        // a Content-Type that is a range: a 500
        for (String contentType : List.of("*/*", "application/*", "text/*")) {
            assertBadRequest(send(key, HttpRequest.newBuilder(uri("/api/v1/connections")).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"integration_type\":\"wild\"}"))), "Content-Type", null);
        }
        // without a body there is nothing to read with it: a POST that takes none goes through
        assertThat(send(key, HttpRequest.newBuilder(uri("/api/v1/workspace/notification-settings/rotate-secret"))
                .header("Content-Type", "*/*").POST(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(200);
        // a form: a 500 that was not even a problem (no endpoint takes one)
        assertBadRequest(send(key, HttpRequest.newBuilder(uri("/api/v1/connections"))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--"))), "Content-Type", null);
        assertThat(send(key, HttpRequest.newBuilder(uri("/api/v1/connections")).header("Content-Type", "multipart/form-data")
                .GET()).status()).isEqualTo(200);
        assertThat(get(key, "/api/v1/connections?integration_type=wild").json().size()).isZero();
        // who asks comes first: no key, a 401 whatever the headers
        assertThat(send(null, HttpRequest.newBuilder(uri("/api/v1/connections")).header("Accept", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).status()).isEqualTo(401);
    }

    private static void assertBadRequest(Response r, String field, Integer index) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        JsonNode body = r.json();
        assertThat(body.get("detail").stringValue()).isNotBlank();
        JsonNode errors = body.get("errors");
        assertThat(errors).as(r.body()).isNotNull();
        boolean found = false;
        for (JsonNode e : errors) {
            boolean indexMatches = index == null ? !e.has("index") : e.has("index") && e.get("index").intValue() == index;
            found |= e.get("field").stringValue().equals(field) && indexMatches;
        }
        assertThat(found).as("error on %s at %s in %s", field, index, r.body()).isTrue();
    }
}
