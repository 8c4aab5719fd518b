package io.connectionhealth.api;

import io.connectionhealth.base.Actor;
import io.connectionhealth.support.ApiTest;
import io.connectionhealth.support.MutableClock;
import io.connectionhealth.workspace.ApiKeyAccess;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /actuator/prometheus while the database is away (its server stopped): the scrape still answers, within seconds, with
 * the backlog as NaN. It had waited for the pool (here 10 s, 30 s by default) and then said 503, so the JVM's and the
 * pool's series were lost exactly when they tell what is wrong.
 */
@DirtiesContext
class MetricsDuringOutageTest extends ApiTest {

    private static final Duration POOL_WAIT = Duration.ofSeconds(10);
    private static int port;
    private static Server server;

    @Autowired
    MutableClock clock;

    @DynamicPropertySource
    static void onADatabaseServerThatCanBeStopped(DynamicPropertyRegistry registry) throws IOException, SQLException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = startServer();
        registry.add("spring.datasource.url", () -> "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:outage-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        registry.add("spring.datasource.hikari.connection-timeout", () -> String.valueOf(POOL_WAIT.toMillis()));
    }

    private static Server startServer() throws SQLException {
        // -ifNotExists: the in-memory database is made by the application's first connection (loopback only)
        return Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void theScrapeAnswersWhileTheDatabaseIsAwayAndReadsTheBacklogAgainOnceItIsBack() throws Exception {
        String key = newWorkspaceKey();
        String workspace = apiKeys.authenticate(key).orElseThrow().workspaceId();
        String scraper = apiKeys.create(Actor.system(workspace), "prometheus", ApiKeyAccess.READ).secret();
        Response before = get(scraper, "/actuator/prometheus");
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(value(before.body(), "connection_health_webhook_events_waiting")).isEqualTo(0);

        server.stop();
        try {
            clock.advance(Duration.ofMinutes(5)); // past the key cache's 10 s: the key is read again
            for (int scrape = 0; scrape < 2; scrape++) {
                long start = System.nanoTime();
                Response during = get(scraper, "/actuator/prometheus");
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(during.status()).as("scrape %d: %s", scrape, during.body()).isEqualTo(200);
                assertThat(took).as("scrape %d: within its bounds (2 s for the key, 2 s for the backlog), not the "
                        + "pool's wait", scrape).isLessThan(POOL_WAIT.minusSeconds(3));
                assertThat(value(during.body(), "connection_health_webhook_events_waiting")).isNaN();
                assertThat(value(during.body(), "connection_health_webhook_oldest_waiting_seconds")).isNaN();
                assertThat(during.body()).contains("hikaricp_connections_pending");
            }
            assertThat(get("ch_not_a_key_read_before_1234567890", "/actuator/prometheus").status())
                    .as("a key never read here is not taken without the database").isEqualTo(503);
        } finally {
            server = startServer();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        double waiting = Double.NaN;
        while (Double.isNaN(waiting) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            clock.advance(Duration.ofSeconds(2)); // the set clock stands still: past the reading's second
            Response after = get(scraper, "/actuator/prometheus");
            assertThat(after.status()).as(after.body()).isEqualTo(200);
            waiting = value(after.body(), "connection_health_webhook_events_waiting");
        }
        assertThat(waiting).as("read from the database again").isEqualTo(0);
        assertThat(get(key, "/api/v1/connections").status()).isEqualTo(200);
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*})? ([0-9.eE+-]+|NaN)$").matcher(metrics);
        assertThat(m.find()).as("%s in the metrics", series).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
