package io.connectionhealth.api;

import io.connectionhealth.base.Actor;
import io.connectionhealth.support.ApiTest;
import io.connectionhealth.workspace.ApiKeyAccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API description (/api/v1/openapi.json) holds what the server does: which key each operation needs, the limits
 * of each field, and examples that work when sent. A client generated from it, or a developer reading it, is not misled.
 */
class ApiDescriptionTest extends ApiTest {

    private static final String PLACEHOLDER = "<a connection's id>";

    private JsonNode api;

    @BeforeEach
    void readDescription() {
        Response docs = send(null, HttpRequest.newBuilder(uri("/api/v1/openapi.json")).GET());
        assertThat(docs.status()).isEqualTo(200);
        api = docs.json();
    }

    @Test
    void operationIdsAreNamedForWhatTheyDoAndStay() {
        Map<String, String> ids = new LinkedHashMap<>();
        operations().forEach((operation, node) -> ids.put(operation, node.path("operationId").asString("")));
        // a generated client's method names: renaming one breaks every client, so they are listed here
        assertThat(ids).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("POST /api/v1/connections", "createConnection"),
                Map.entry("GET /api/v1/connections", "listConnections"),
                Map.entry("GET /api/v1/connections/counts", "countConnections"),
                Map.entry("GET /api/v1/connections/{id}", "getConnection"),
                Map.entry("PATCH /api/v1/connections/{id}", "updateConnection"),
                Map.entry("DELETE /api/v1/connections/{id}", "deleteConnection"),
                Map.entry("GET /api/v1/connections/{id}/jobruns", "listJobRuns"),
                Map.entry("POST /api/v1/apicalls", "logApiCalls"),
                Map.entry("GET /api/v1/apicalls", "listApiCalls"),
                Map.entry("GET /api/v1/apicalls/{id}", "getApiCall"),
                Map.entry("POST /api/v1/jobruns", "reportJobRun"),
                Map.entry("GET /api/v1/jobruns/{id}", "getJobRun"),
                Map.entry("GET /api/v1/notifications", "listEvents"),
                Map.entry("GET /api/v1/notifications/{id}", "getEvent"),
                Map.entry("POST /api/v1/notifications/{id}/resend", "resendEvent"),
                Map.entry("POST /api/v1/notifications/replay", "replayEvents"),
                Map.entry("GET /api/v1/workspace/notification-settings", "getNotificationSettings"),
                Map.entry("PUT /api/v1/workspace/notification-settings", "saveNotificationSettings"),
                Map.entry("POST /api/v1/workspace/notification-settings/test", "sendTestEvent"),
                Map.entry("POST /api/v1/workspace/notification-settings/rotate-secret", "rotateSigningSecret"),
                Map.entry("POST /api/v1/workspace/notification-settings/enable", "enableEndpoint"),
                Map.entry("POST /api/v1/workspace/notification-settings/disable", "pauseEndpoint"),
                Map.entry("GET /api/v1/workspace", "getWorkspace"),
                Map.entry("PATCH /api/v1/workspace", "updateWorkspace")));
        for (String created : List.of("/api/v1/connections", "/api/v1/jobruns")) {
            assertThat(api.get("paths").get(created).get("post").get("responses").get("201").get("headers")
                    .has("Location")).as(created).isTrue();
        }
        assertThat(api.get("servers").get(0).get("url").stringValue())
                .as("relative: Try it out calls the address the page came from, not the request's Host").isEqualTo("/");
    }

    /** Every operation, called with each kind of key: a 403 exactly where the description says which key it needs. */
    @Test
    void eachOperationSaysWhichKeyItNeedsAndTheServerAgrees() {
        Actor admin = Actor.system(workspaces.create("Description " + UUID.randomUUID()).id());
        String report = apiKeys.create(admin, "integration layer", ApiKeyAccess.REPORT).secret();
        String read = apiKeys.create(admin, "status page", ApiKeyAccess.READ).secret();
        operations().forEach((operation, node) -> {
            String access = node.path("x-key-access").asString(null);
            String method = operation.substring(0, operation.indexOf(' '));
            if (!method.equals("GET")) {
                assertThat(access).as(operation + " says which key it needs").isIn("report", "full");
            } else {
                assertThat(access).as(operation + " reads, which every key may").isNull();
            }
            JsonNode forbidden = node.get("responses").get("403");
            assertThat(forbidden != null).as(operation + " declares a 403").isEqualTo(access != null);
            if (access != null) {
                assertThat(node.get("description").stringValue()).as(operation)
                        .endsWith("full".equals(access) ? "Needs a key with full access."
                                : "Needs a key with full access or one that may report (not a read-only key).");
                assertThat(forbidden.get("description").stringValue()).as(operation)
                        .contains("full".equals(access) ? "it needs full access" : "it may only read");
            }
            assertThat(call(read, operation).status()).as(operation + " with a read-only key")
                    .matches(status -> (status == 403) == (access != null), access == null ? "not 403" : "403");
            assertThat(call(report, operation).status()).as(operation + " with a key that may report")
                    .matches(status -> (status == 403) == "full".equals(access), "full".equals(access) ? "403" : "not 403");
        });
    }

    /**
     * What generated clients need (an audit with openapi-generator: Python, typescript-fetch, Java): the calls' body an
     * array, not a oneOf (Java did not compile, TypeScript sent a batch as {}); a PATCH's fields and the webhook URL
     * nullable (Java sent empty lists that cleared categories and permissions; Python could not remove the URL); the
     * webhooks with operationIds of their own.
     */
    @Test
    void generatedClientsGetAnArrayOfCallsNullablePatchFieldsAndNamedWebhooks() {
        JsonNode body = api.get("paths").get("/api/v1/apicalls").get("post").get("requestBody").get("content")
                .get("application/json").get("schema");
        assertThat(body.has("oneOf")).isFalse();
        assertThat(body.get("type").stringValue()).isEqualTo("array");
        assertThat(body.get("maxItems").intValue()).isEqualTo(10_000);
        assertThat(body.get("items").get("$ref").stringValue()).isEqualTo("#/components/schemas/ApiCallIn");
        assertThat(body.get("items").has("maxItems")).isFalse();
        for (String clearable : List.of("integration_name", "categories", "permissions", "external_xref")) {
            assertThat(schema("ConnectionUpdate").get(clearable).get("type").toString()).as(clearable).contains("\"null\"");
        }
        for (String flag : List.of("is_paused", "credentials_updated")) { // null is a 400 for these
            assertThat(schema("ConnectionUpdate").get(flag).get("type").toString()).as(flag).doesNotContain("null");
        }
        // as the server has it
        String key = newWorkspaceKey();
        String connection = createConnection(key, "{\"integration_type\":\"hubspot\"}");
        schema("ConnectionUpdate").properties().forEach(field -> assertThat(patch(key, "/api/v1/connections/"
                + connection, "{\"" + field.getKey() + "\":null}").status()).as(field.getKey())
                .isEqualTo(field.getValue().get("type").toString().contains("\"null\"") ? 200 : 400));
        assertThat(schema("NotificationSettingsIn").get("url").get("type").toString()).contains("\"null\"");
        assertThat(api.get("webhooks").get("connectionEvent").get("post").get("operationId").stringValue())
                .isEqualTo("receiveConnectionEvent");
        assertThat(api.get("webhooks").get("webhookTest").get("post").get("operationId").stringValue())
                .isEqualTo("receiveTestEvent");
    }

    /** Each limit the description gives is the server's: the value at it is taken, one past it is refused. */
    @Test
    void theLimitsInTheSchemasAreTheServersLimits() {
        String key = newWorkspaceKey();
        String connection = createConnection(key, "{\"integration_type\":\"hubspot\"}");
        JsonNode call = schema("ApiCallIn");
        for (String field : List.of("id", "method", "path", "external_xref")) {
            int max = call.get(field).get("maxLength").intValue();
            assertThat(post(key, "/api/v1/apicalls", "{\"connection_id\":\"" + connection + "\",\"status\":200,\""
                    + field + "\":\"" + "a".repeat(max) + "\"}").status()).as(field + " at " + max).isEqualTo(200);
            assertRefused(post(key, "/api/v1/apicalls", "{\"connection_id\":\"" + connection + "\",\"status\":200,\""
                    + field + "\":\"" + "a".repeat(max + 1) + "\"}"), field);
        }
        assertThat(call.get("id").get("minLength").intValue()).isEqualTo(1);
        assertRefused(post(key, "/api/v1/apicalls", "{\"id\":\"\",\"status\":200}"), "id");
        for (String field : List.of("duration_ms", "size")) {
            int min = Integer.parseInt(call.get(field).get("minimum").asString());
            assertThat(post(key, "/api/v1/apicalls", "{\"status\":200,\"" + field + "\":" + min + "}").status())
                    .as(field).isEqualTo(200);
            assertRefused(post(key, "/api/v1/apicalls", "{\"status\":200,\"" + field + "\":" + (min - 1) + "}"), field);
        }

        JsonNode created = schema("NewConnection");
        for (String field : List.of("integration_name", "external_xref", "environment")) {
            int max = created.get(field).get("maxLength").intValue();
            assertThat(post(key, "/api/v1/connections", "{\"integration_type\":\"hubspot\",\"" + field + "\":\""
                    + "a".repeat(max) + "\"}").status()).as(field + " at " + max).isEqualTo(201);
            assertRefused(post(key, "/api/v1/connections", "{\"integration_type\":\"hubspot\",\"" + field + "\":\""
                    + "a".repeat(max + 1) + "\"}"), field);
        }
        for (String field : List.of("categories", "permissions")) {
            int max = created.get(field).get("maxItems").intValue();
            assertThat(post(key, "/api/v1/connections", "{\"integration_type\":\"hubspot\",\"" + field + "\":"
                    + tokens(max) + "}").status()).as(field + " at " + max).isEqualTo(201);
            assertRefused(post(key, "/api/v1/connections", "{\"integration_type\":\"hubspot\",\"" + field + "\":"
                    + tokens(max + 1) + "}"), field);
            String pattern = created.get(field).get("items").get("pattern").stringValue();
            assertThat("crm_contact.read:v2/x-y").matches(pattern);
            assertThat("crm contact").doesNotMatch(pattern);
            assertRefused(post(key, "/api/v1/connections", "{\"integration_type\":\"hubspot\",\"" + field
                    + "\":[\"crm contact\"]}"), field);
        }
        JsonNode update = schema("ConnectionUpdate");
        assertThat(update.get("integration_name").get("maxLength")).isEqualTo(created.get("integration_name").get("maxLength"));
        assertThat(update.get("permissions").get("maxItems")).isEqualTo(created.get("permissions").get("maxItems"));

        int exports = schema("JobRunIn").get("exports").get("maxItems").intValue();
        assertThat(post(key, "/api/v1/jobruns", jobRun(connection, exports)).status()).as(exports + " exports").isEqualTo(201);
        assertRefused(post(key, "/api/v1/jobruns", jobRun(connection, exports + 1)), "exports");
        int type = schema("ExportIn").get("data_export_type").get("maxLength").intValue();
        assertThat(post(key, "/api/v1/jobruns", "{\"connection_id\":\"" + connection + "\",\"finished_at\":\"2026-01-31T12:00:00Z\","
                + "\"exports\":[{\"data_export_type\":\"" + "a".repeat(type) + "\",\"status\":200}]}").status()).isEqualTo(201);
        assertRefused(post(key, "/api/v1/jobruns", "{\"connection_id\":\"" + connection + "\",\"finished_at\":\"2026-01-31T12:00:00Z\","
                + "\"exports\":[{\"data_export_type\":\"" + "a".repeat(type + 1) + "\",\"status\":200}]}"), "exports[0].data_export_type");
    }

    /** The values a field can take are listed, where the API writes a fixed set. */
    @Test
    void fieldsWithFixedValuesListThem() {
        assertThat(schema("Health").get("status").get("enum").toString()).isEqualTo("[\"HEALTHY\",\"UNHEALTHY\"]");
        assertThat(schema("Notification").get("delivery_state").get("enum").toString())
                .isEqualTo("[\"not_sent\",\"pending\",\"retrying\",\"delivered\",\"failed\"]");
        assertThat(schema("NotificationSettings").get("state").get("enum").toString())
                .isEqualTo("[\"enabled\",\"failing\",\"disabled\"]");
        JsonNode list = api.get("paths").get("/api/v1/connections").get("get");
        list.get("parameters").forEach(parameter -> {
            if (List.of("sort", "order").contains(parameter.get("name").stringValue())) {
                assertThat(parameter.get("schema").has("default")).as(parameter.get("name") + " names its default").isTrue();
            }
        });
        api.get("paths").forEach(path -> path.forEach(operation -> operation.get("responses").forEach(response -> {
            JsonNode problem = response.path("content").path("application/problem+json");
            if (!problem.isMissingNode()) {
                assertThat(problem.get("schema").get("$ref").stringValue()).isEqualTo("#/components/schemas/Problem");
            }
        })));
    }

    /** A generated client needs each operation's success answer and its type. */
    @Test
    void everyOperationNamesWhatItAnswersOnSuccess() {
        operations().forEach((operation, node) -> {
            List<String> successes = new ArrayList<>();
            node.get("responses").properties().forEach(r -> {
                if (r.getKey().startsWith("2")) {
                    successes.add(r.getKey());
                }
            });
            assertThat(successes).as(operation).hasSize(1);
            if (!successes.getFirst().equals("204")) {
                assertThat(node.get("responses").get(successes.getFirst()).path("content").path("application/json")
                        .path("schema").isMissingNode()).as(operation + " names its answer's schema").isFalse();
            }
        });
        for (String[] parameter : new String[][] {{"/api/v1/connections", "health", "UNAUTHORIZED"},
                {"/api/v1/notifications", "event", "CONNECTION_UNHEALTHY"}}) {
            JsonNode list = api.get("paths").get(parameter[0]).get("get");
            List<String> values = new ArrayList<>();
            list.get("parameters").forEach(p -> {
                if (p.get("name").stringValue().equals(parameter[1])) {
                    p.get("schema").get("enum").forEach(v -> values.add(v.stringValue()));
                }
            });
            assertThat(values).as(parameter[1] + " lists its values").contains(parameter[2]);
        }
    }

    /** What "Try it out" fills in works as sent, once a connection's id is put where the example says. */
    @Test
    void theExampleBodiesWork() {
        String key = newWorkspaceKey();
        Response created = post(key, "/api/v1/connections", example("/api/v1/connections", "post"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").stringValue();
        Response calls = post(key, "/api/v1/apicalls", example("/api/v1/apicalls", "post").replace(PLACEHOLDER, id));
        assertThat(calls.status()).as(calls.body()).isEqualTo(200);
        assertThat(calls.json().get("accepted").intValue()).isEqualTo(2);
        // and again, for the workspace's next connection: ids in the example had made that one store nothing
        String next = post(key, "/api/v1/connections", example("/api/v1/connections", "post")).json().get("id").stringValue();
        Response again = post(key, "/api/v1/apicalls", example("/api/v1/apicalls", "post").replace(PLACEHOLDER, next));
        assertThat(again.json().get("accepted").intValue()).as(again.body()).isEqualTo(2);
        Response run = post(key, "/api/v1/jobruns", example("/api/v1/jobruns", "post").replace(PLACEHOLDER, id));
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        assertThat(run.json().get("classification").get("health_name").stringValue()).isEqualTo("UNAUTHORIZED");
        Response updated = patch(key, "/api/v1/connections/" + id, example("/api/v1/connections/{id}", "patch"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("credentials_updated_at").isNull()).isFalse();
        Response settings = put(key, "/api/v1/workspace/notification-settings",
                example("/api/v1/workspace/notification-settings", "put"));
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        Response replay = post(key, "/api/v1/notifications/replay", example("/api/v1/notifications/replay", "post"));
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        assertThat(put(key, "/api/v1/workspace/notification-settings", "{\"url\":null,\"events\":[]}").status())
                .isEqualTo(200);
        Response retention = patch(key, "/api/v1/workspace", example("/api/v1/workspace", "patch"));
        assertThat(retention.status()).as(retention.body()).isEqualTo(200);
        assertThat(retention.json().get("retention_days").intValue()).isEqualTo(90);
    }

    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        api.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                all.put(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue())));
        return all;
    }

    /** The operation with an unknown id in its path and an empty object as its body. */
    private Response call(String key, String operation) {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(operation.indexOf(' ') + 1).replace("{id}", "no-such-id");
        return switch (method) {
            case "GET" -> get(key, path);
            case "POST" -> post(key, path, "{}");
            case "PUT" -> put(key, path, "{}");
            case "PATCH" -> patch(key, path, "{}");
            case "DELETE" -> delete(key, path);
            default -> throw new AssertionError(operation);
        };
    }

    private JsonNode schema(String name) {
        return api.get("components").get("schemas").get(name).get("properties");
    }

    private String example(String path, String method) {
        JsonNode examples = api.get("paths").get(path).get(method).get("requestBody").get("content")
                .get("application/json").get("examples");
        assertThat(examples).as(method + " " + path + " has an example").isNotNull();
        JsonNode value = examples.values().iterator().next().get("value");
        return value.isString() ? value.stringValue() : value.toString();
    }

    private static void assertRefused(Response response, String field) {
        assertThat(response.status()).as(field + ": " + response.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").stringValue()));
        assertThat(fields).contains(field);
    }

    private static String tokens(int count) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add("\"t" + i + "\"");
        }
        return tokens.toString();
    }

    private static String jobRun(String connection, int exports) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < exports; i++) {
            entries.add("{\"data_export_type\":\"e" + i + "\",\"status\":200}");
        }
        return "{\"connection_id\":\"" + connection + "\",\"finished_at\":\"2026-01-31T12:00:00Z\",\"exports\":"
                + entries + "}";
    }
}
