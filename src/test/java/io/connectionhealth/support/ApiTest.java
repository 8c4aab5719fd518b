package io.connectionhealth.support;

import io.connectionhealth.base.Actor;
import io.connectionhealth.workspace.ApiKeyService;
import io.connectionhealth.workspace.WorkspaceService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Base of the REST API tests: the real server on a random port, spoken to over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfig.class)
public abstract class ApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    protected WorkspaceService workspaces;
    @Autowired
    protected ApiKeyService apiKeys;

    /** An API response: status, content type, its Location (null when none) and the body parsed as JSON (null when empty). */
    public record Response(int status, String contentType, String body, String location) {

        public Response(int status, String contentType, String body) {
            this(status, contentType, body, null);
        }

        public JsonNode json() {
            return body == null || body.isEmpty() ? null : JSON.readTree(body);
        }
    }

    /** A new workspace and a key for it. */
    protected String newWorkspaceKey() {
        Actor admin = Actor.system(workspaces.create("API test " + UUID.randomUUID()).id());
        return apiKeys.create(admin, "test", io.connectionhealth.workspace.ApiKeyAccess.FULL).secret();
    }

    protected Response get(String key, String path) {
        return send(key, HttpRequest.newBuilder(uri(path)).GET());
    }

    protected Response post(String key, String path, String body) {
        return send(key, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    protected Response patch(String key, String path, String body) {
        return send(key, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    protected Response put(String key, String path, String body) {
        return send(key, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    protected Response delete(String key, String path) {
        return send(key, HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /**
     * A GET whose request line is sent exactly as given, over a plain socket: {@link URI} refuses what a client can
     * still send (a broken %-escape). HTTP/1.0, so the answer is neither chunked nor kept alive.
     */
    protected Response rawGet(String key, String pathAndQuery) {
        return raw("GET", key, pathAndQuery);
    }

    /** {@link #rawGet} with any method, also one no HTTP client would send. */
    protected Response raw(String method, String key, String pathAndQuery) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            String request = method + " " + pathAndQuery + " HTTP/1.0\r\nHost: localhost\r\n"
                    + (key == null ? "" : "Authorization: Bearer " + key + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String[] head = answer.substring(0, end).split("\r\n");
            String contentType = "";
            for (String header : head) {
                if (header.regionMatches(true, 0, "Content-Type:", 0, 13)) {
                    contentType = header.substring(13).strip();
                }
            }
            return new Response(Integer.parseInt(head[0].split(" ")[1]), contentType, answer.substring(end + 4));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected Response send(String key, HttpRequest.Builder request) {
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected String createConnection(String key, String body) {
        Response created = post(key, "/api/v1/connections", body);
        if (created.status() != 201) {
            throw new AssertionError("Could not create a connection: " + created);
        }
        return created.json().get("id").stringValue();
    }
}
