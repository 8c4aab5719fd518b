package io.connectionhealth.base.security;

import io.connectionhealth.base.Actor;
import io.connectionhealth.support.ApiTest;
import io.connectionhealth.workspace.UserAccountService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.CookieManager;
import java.net.URLEncoder;
import org.springframework.boot.test.system.CapturedOutput;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in form over real HTTP, as the browser posts it: wrong passwords, the lock, the right one. */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class SignInTest extends ApiTest {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @Autowired
    UserAccountService users;

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneIsTurnedBackUntilTheLockEnds(CapturedOutput output) throws Exception {
        String username = "guessed-" + UUID.randomUUID();
        users.create(io.connectionhealth.base.Actor.system(workspaces.create("Sign-in test " + UUID.randomUUID()).id()), username, "right-password",
                Actor.Role.ADMIN);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            assertThat(signIn(browser, username, "wrong-" + i)).endsWith("/login?error");
        }
        assertThat(signIn(browser, username, "right-password")).endsWith("/login?error=locked");
        assertThat(signIn(browser, username, "right-password")).endsWith("/login?error=locked");
        // what a self-hoster (or fail2ban) watches: each failure, and the lock once however often it is tried
        assertThat(output.getAll().lines().filter(line -> line.contains("Sign-in failed for user '" + username
                + "' from 127.0.0.1 (BadCredentialsException)"))).hasSize(SignInThrottle.MAX_FAILURES);
        assertThat(output.getAll().lines().filter(line -> line.contains("Sign-in of user '" + username
                + "' from 127.0.0.1 refused: locked for 15 minutes after 5 failed attempts"))).hasSize(1);
        assertThat(output.getAll()).doesNotContain("wrong-0").doesNotContain("right-password");

        assertThat(signIn(browser, "x".repeat(SignInThrottle.MAX_USERNAME_LENGTH + 1), "any"))
                .as("a name no user can have: refused, not counted").endsWith("/login?error");

        HttpClient other = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String otherUser = "other-" + UUID.randomUUID();
        users.create(io.connectionhealth.base.Actor.system(workspaces.create("Sign-in test " + UUID.randomUUID()).id()), otherUser, "pass-word-1",
                Actor.Role.VIEWER);
        for (int i = 0; i < SignInThrottle.MAX_FAILURES + 1; i++) {
            assertThat(signIn(other, otherUser, "pass-word-1", "cross-site"))
                    .as("posted by another site's page: refused, and not counted").endsWith("/login?error");
        }
        assertThat(signIn(other, otherUser, "pass-word-1", "same-origin")).as("another user from the same address")
                .doesNotContain("error");
    }

    @Test
    void aBookmarkOpenedBeforeSigningInComesBackAsItWas() throws Exception {
        String username = "bookmark-" + UUID.randomUUID();
        users.create(io.connectionhealth.base.Actor.system(workspaces.create("Sign-in test " + UUID.randomUUID()).id()), username, "pass-word-1",
                Actor.Role.VIEWER);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<Void> bookmark = browser.send(HttpRequest.newBuilder(uri("/logs?errors=true&status=401"))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(bookmark.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/login?to=%2Flogs%3Ferrors%3Dtrue%26status%3D401"));
        assertThat(signIn(browser, username, "pass-word-1")).endsWith("/logs?errors=true&status=401");
    }

    /**
     * Two tabs sent to sign in: the session keeps the last one's address, so signing in in the first had opened the
     * second's page. The form posts its own tab's address back (?to=), and only a path on this server is followed.
     */
    @Test
    void eachTabSignsInToItsOwnPage() throws Exception {
        String username = "tabs-" + UUID.randomUUID();
        users.create(io.connectionhealth.base.Actor.system(workspaces.create("Sign-in test " + UUID.randomUUID()).id()), username, "pass-word-1",
                Actor.Role.VIEWER);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        for (String tab : java.util.List.of("/logs?errors=true&last=24h", "/connections?status=unhealthy")) {
            HttpResponse<Void> sent = browser.send(HttpRequest.newBuilder(uri(tab)).header("Accept", "text/html").GET()
                    .build(), HttpResponse.BodyHandlers.discarding());
            // on the redirect itself: read back from the session, tabs reloaded at once had all got the last one's
            assertThat(sent.headers().firstValue("Location")).as(tab).hasValueSatisfying(l -> assertThat(l)
                    .endsWith("/login?to=" + enc(tab)));
        }
        HttpResponse<Void> start = browser.send(HttpRequest.newBuilder(uri("/")).header("Accept", "text/html").GET()
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(start.headers().firstValue("Location")).as("the start page too: else another tab's saved one")
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?to=%2F"));
        assertThat(signIn(browser, username, "wrong-password", null, "/logs?errors=true&last=24h"))
                .as("turned back with its address, for the next try")
                .endsWith("/login?error&to=%2Flogs%3Ferrors%3Dtrue%26last%3D24h");
        assertThat(signIn(browser, username, "pass-word-1", null, "/logs?errors=true&last=24h"))
                .isEqualTo(uri("/logs?errors=true&last=24h").toString());

        for (String elsewhere : java.util.List.of("//evil.example/x", "/\\evil.example/x", "https://evil.example/x",
                "/logs\r\nSet-Cookie:x=1", "logs", "/connections?q=\u6771\u4eac")) {
            HttpClient other = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            other.send(HttpRequest.newBuilder(uri("/connections?status=new")).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(signIn(other, username, "pass-word-1", null, elsewhere)).as(elsewhere)
                    .isEqualTo(uri("/connections?status=new").toString());
        }
    }

    @Test
    void theLongestAddressKeptLeavesASignInPageVaadinCanStart() throws Exception {
        // a shared link with a search of 200 Chinese characters: 1,800 characters escaped, too long to keep (the
        // sign-in page's address carries it escaped again, and Vaadin's start-up request that twice more with the
        // Referer: past Tomcat's 8 KiB it was a dead page), so sign-in leads to the start page
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String longSearch = "/connections?q=" + java.net.URLEncoder.encode("\u4e2d".repeat(200),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(browser.send(HttpRequest.newBuilder(uri(longSearch)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?to=%2F"));
        // the longest kept: its sign-in page's address, escaped again, three times over still within 8 KiB
        String longest = "/logs?path=" + "a".repeat(UiSecurityConfig.MAX_SAVED_ADDRESS - "/logs?path=".length());
        String signInPage = browser.send(HttpRequest.newBuilder(uri(longest)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow();
        assertThat(signInPage).contains("to=%2Flogs%3Fpath%3Daaa");
        assertThat(3 * java.net.URLEncoder.encode(signInPage, java.nio.charset.StandardCharsets.UTF_8).length())
                .isLessThan(8 * 1024);
    }

    @Test
    void anAddressTooLongToBeABookmarkIsNotKeptInASession() throws Exception {
        String username = "long-" + UUID.randomUUID();
        users.create(io.connectionhealth.base.Actor.system(workspaces.create("Sign-in test " + UUID.randomUUID()).id()), username, "pass-word-1",
                Actor.Role.VIEWER);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<Void> flood = browser.send(HttpRequest.newBuilder(uri("/logs?pad=" + "a".repeat(
                        UiSecurityConfig.MAX_SAVED_ADDRESS))).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(flood.headers().firstValue("Location")).as("too long to carry: the start page, said")
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?to=%2F"));
        assertThat(flood.headers().allValues("Set-Cookie")).as("no session started for it").isEmpty();
        assertThat(signIn(browser, username, "pass-word-1")).as("the start page").doesNotContain("pad=");
    }

    @Test
    void theDashboardsPagesCarryTheSecurityHeaders() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(page.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(page.headers().allValues("X-Content-Type-Options")).as("written once").hasSize(1);
        assertThat(page.headers().allValues("Content-Security-Policy")).containsExactly(
                "frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'");
        assertThat(page.headers().allValues("Set-Cookie")).singleElement().asString().startsWith("JSESSIONID=")
                .contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        // what Spring writes keeps Spring Security's no-cache (the CSV downloads too)
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/actuator/health"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(health.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Autowired
    org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups healthGroups;

    @Test
    void readinessCountsTheDatabaseAndLivenessDoesNot() throws Exception {
        assertThat(healthGroups.get("readiness").isMember("db")).as("the container's health check").isTrue();
        assertThat(healthGroups.get("liveness").isMember("db")).as("a restart does not bring it back").isFalse();
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                uri("/actuator/health/readiness")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void infoSaysWhichVersionRunsWithoutSigningIn() throws Exception {
        HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/actuator/info"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("\"artifact\":\"connection-health\"").containsPattern("\"version\":\"\\d");
        // the commit, where the build had the repository to read it from (git-commit-id-maven-plugin)
        var gitProperties = getClass().getResource("/git.properties");
        if (gitProperties == null) {
            assertThat(info.body()).doesNotContain("\"git\"");
        } else {
            var git = new java.util.Properties();
            try (var in = gitProperties.openStream()) {
                git.load(in);
            }
            assertThat(info.body()).contains("\"git\":{")
                    .contains("\"id\":\"" + git.getProperty("git.commit.id.abbrev") + "\"");
        }
    }

    @Test
    void theIconIsServedWithoutSigningInAndThePagesLinkIt() throws Exception {
        HttpClient anonymous = HttpClient.newHttpClient();
        HttpResponse<byte[]> ico = anonymous.send(HttpRequest.newBuilder(uri("/favicon.ico")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ico.statusCode()).isEqualTo(200);
        assertThat(ico.body()).startsWith(0, 0, 1, 0);
        HttpResponse<String> svg = anonymous.send(HttpRequest.newBuilder(uri("/icons/icon.svg")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.body()).contains("<svg");
        String login = anonymous.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(login).containsPattern("<link(?=[^>]*rel=\"icon\")[^>]*href=\"icons/icon\\.svg\"");
    }

    private String signIn(HttpClient browser, String username, String password) throws Exception {
        return signIn(browser, username, password, null);
    }

    /** Posts the form (from a page of {@code site}, as a browser says it in Sec-Fetch-Site) and returns where it redirects. */
    private String signIn(HttpClient browser, String username, String password, String site) throws Exception {
        return signIn(browser, username, password, site, null);
    }

    /** ... with the form's own return address ({@code ?to=}) if given. */
    private String signIn(HttpClient browser, String username, String password, String site, String to)
            throws Exception {
        String page = browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("the login page carries a CSRF token").isTrue();
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
        HttpRequest.Builder post = HttpRequest.newBuilder(uri(to == null ? "/login" : "/login?to=" + enc(to)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (site != null) {
            post.header("Sec-Fetch-Site", site);
        }
        HttpResponse<Void> response = browser.send(post.build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
