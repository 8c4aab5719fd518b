package io.connectionhealth.base.security;

import io.connectionhealth.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a TLS-terminating proxy (operations.md: SERVER_FORWARD_HEADERS_STRATEGY=native): the session cookie is
 * Secure, and HSTS is left to the proxy. And what reaches the log of a malformed request: never the key in it.
 */
@TestPropertySource(properties = "server.forward-headers-strategy=native")
@ExtendWith(OutputCaptureExtension.class)
class BehindProxyTest extends ApiTest {

    private HttpResponse<String> overHttps(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).header("X-Forwarded-Proto", "https")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theCookieIsSecureAndHstsIsTheProxys() throws Exception {
        HttpResponse<String> login = overHttps("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("; Secure").contains("; HttpOnly").contains("SameSite=Lax"));
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
        HttpResponse<String> api = overHttps("/api/v1/connections");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Strict-Transport-Security"))
                .as("a year with includeSubDomains would bind every subdomain to HTTPS").isEmpty();
        assertThat(overHttps("/actuator/health").headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void aKeySentWithAStrayControlCharacterIsRefusedAndNotLogged(CapturedOutput output) {
        String key = newWorkspaceKey();
        assertThat(raw("GET", key + "\u000b", "/api/v1/connections").status()).isEqualTo(400);
        assertThat(raw("GET", key + "\u007f", "/api/v1/connections").status()).isEqualTo(400);
        assertThat(output.getAll()).doesNotContain(key.substring(0, key.length() - 2));
        // Tomcat says it once per run at INFO (then at DEBUG): an earlier test may have had it said already
        assertThat(LoggerFactory.getLogger("org.apache.coyote.http11.Http11Processor").isInfoEnabled()).isFalse();
    }
}
