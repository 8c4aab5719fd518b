package io.connectionhealth.api;

import io.connectionhealth.base.Actor;
import io.connectionhealth.support.ApiTest;
import io.connectionhealth.workspace.ApiKeyAccess;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What each kind of API key may do: full access, report signals and manage connections, or read only. */
class ApiKeyAccessTest extends ApiTest {

    @Test
    void aReportingKeyReportsAndManagesConnectionsButNeitherTheWebhookNorItsSecret() {
        Actor admin = Actor.system(workspaces.create("Access " + UUID.randomUUID()).id());
        String full = apiKeys.create(admin, "full", ApiKeyAccess.FULL).secret();
        String report = apiKeys.create(admin, "integration layer", ApiKeyAccess.REPORT).secret();
        String read = apiKeys.create(admin, "status page", ApiKeyAccess.READ).secret();

        Response created = post(report, "/api/v1/connections", "{\"integration_type\":\"hubspot\",\"external_xref\":\"acme\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").stringValue();
        assertThat(post(report, "/api/v1/apicalls", "[{\"connection_id\":\"" + id + "\",\"status\":401,\"created_at\":\""
                + Instant.now().minusSeconds(5) + "\"}]").status()).isEqualTo(200);
        assertThat(post(report, "/api/v1/jobruns", "{\"connection_id\":\"" + id + "\",\"finished_at\":\""
                + Instant.now().minusSeconds(2) + "\"}").status()).isEqualTo(201);
        assertThat(patch(report, "/api/v1/connections/" + id, "{\"external_xref\":\"acme-corp\"}").status()).isEqualTo(200);
        assertThat(get(report, "/api/v1/connections/" + id).json().get("external_xref").stringValue()).isEqualTo("acme-corp");

        // the workspace's settings are a full key's: the webhook, its secret, the events' delivery
        assertForbidden(put(report, "/api/v1/workspace/notification-settings",
                "{\"url\":\"https://evil.example.com/hook\",\"events\":[]}"));
        assertForbidden(post(report, "/api/v1/workspace/notification-settings/rotate-secret", ""));
        assertForbidden(post(report, "/api/v1/notifications/replay", "{\"since\":\"" + Instant.now().minusSeconds(60) + "\"}"));
        assertThat(get(report, "/api/v1/workspace/notification-settings").json().get("signing_secret").isNull()).isTrue();
        assertThat(get(full, "/api/v1/workspace/notification-settings").json().get("signing_secret").stringValue())
                .startsWith("whsec_");
        assertThat(get(full, "/api/v1/workspace/notification-settings").json().get("url").isNull()).isTrue();

        // read only: every list and object, no change at all
        assertThat(get(read, "/api/v1/connections").json().size()).isEqualTo(1);
        assertThat(get(read, "/api/v1/apicalls?connection_id=" + id).json().size()).isEqualTo(1);
        assertThat(get(read, "/api/v1/connections/counts").status()).isEqualTo(200);
        assertForbidden(post(read, "/api/v1/apicalls", "[{\"connection_id\":\"" + id + "\",\"status\":200}]"));
        assertForbidden(post(read, "/api/v1/connections", "{\"integration_type\":\"zendesk\"}"));
        assertForbidden(delete(read, "/api/v1/connections/" + id));
        assertThat(get(read, "/api/v1/workspace/notification-settings").json().get("signing_secret").isNull()).isTrue();
        // what the key may do is said before what is wrong with the body
        assertForbidden(post(read, "/api/v1/jobruns", "{\"bogus\":1}"));
        assertForbidden(post(read, "/api/v1/connections", "{\"bogus\":1}"));
        assertForbidden(patch(read, "/api/v1/connections/" + id, "{\"bogus\":1}"));
        assertForbidden(post(read, "/api/v1/apicalls", "{\"bogus\":1}"));
        assertForbidden(put(report, "/api/v1/workspace/notification-settings", "{\"url\":\"ftp://x\",\"events\":[\"NOPE\"]}"));
        assertForbidden(post(report, "/api/v1/notifications/replay", "{}"));
        // the retention decides what is deleted: a full key's, as the webhook is
        assertForbidden(patch(report, "/api/v1/workspace", "{\"retention_days\":1}"));
        assertForbidden(patch(read, "/api/v1/workspace", "{\"bogus\":1}"));
        assertThat(get(read, "/api/v1/workspace").json().get("retention_days").intValue()).isEqualTo(60);
        assertThat(patch(full, "/api/v1/workspace", "{\"retention_days\":61}").status()).isEqualTo(200);
        assertThat(get(full, "/api/v1/apicalls?connection_id=" + id).json().size()).as("nothing stored").isEqualTo(1);

        assertThat(delete(report, "/api/v1/connections/" + id).status()).isEqualTo(204);

        // the API's description says so on every change
        var paths = get(read, "/api/v1/openapi.json").json().get("paths");
        assertThat(paths.get("/api/v1/apicalls").get("post").get("responses").has("403")).isTrue();
        assertThat(paths.get("/api/v1/apicalls").get("get").get("responses").has("403")).isFalse();
    }

    private static void assertForbidden(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(r.json().get("detail").stringValue()).startsWith("This API key may only").contains("a key with full access")
                .as("where such a key comes from").contains("Settings → API keys");
    }
}
