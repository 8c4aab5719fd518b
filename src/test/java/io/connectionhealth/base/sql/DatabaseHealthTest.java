package io.connectionhealth.base.sql;

import io.connectionhealth.support.MutableClock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.datasource.AbstractDataSource;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness probe's database check answers within its bound, whatever the pool's wait (30 s). */
class DatabaseHealthTest {

    @Test
    void aReachableDatabaseIsUp() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:health;DB_CLOSE_DELAY=-1");
        Health health = new DatabaseHealth(h2, new DiskFullAlarm(java.time.Clock.systemUTC())).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("database", "H2");
    }

    @Test
    void theProbesTimeoutDoesNotStayWithThePooledConnection() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:health-timeout;DB_CLOSE_DELAY=-1");
        // one connection handed out again and again, as the pool does
        try (Connection pooled = h2.getConnection()) {
            var single = new org.springframework.jdbc.datasource.SingleConnectionDataSource(pooled, true);
            assertThat(new DatabaseHealth(single, new DiskFullAlarm(java.time.Clock.systemUTC())).health().getStatus())
                    .isEqualTo(Status.UP);
            try (var next = pooled.createStatement()) {
                assertThat(next.getQueryTimeout()).as("a request's statement after the probe").isZero();
            }
        }
    }

    @Test
    void aDiskFullRefusalMakesItDownForAMinuteThoughReadsWork() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:health;DB_CLOSE_DELAY=-1");
        MutableClock clock = new MutableClock();
        DiskFullAlarm alarm = new DiskFullAlarm(clock);
        DatabaseHealth health = new DatabaseHealth(h2, alarm);
        assertThat(alarm.check(new RuntimeException("duplicate key"))).isFalse();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        // PostgreSQL with its disk full: the writes are refused, the reads (and so the check's statement) pass
        assertThat(alarm.check(new org.springframework.jdbc.UncategorizedSQLException("insert", "insert …",
                new java.sql.SQLException("could not extend file \"base/5/16498\": No space left on device", "53100"))))
                .isTrue();
        Health down = health.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(String.valueOf(down.getDetails().get("error"))).startsWith("The database's disk is full");
        clock.advance(java.time.Duration.ofSeconds(59));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        clock.advance(java.time.Duration.ofSeconds(2));
        assertThat(health.health().getStatus()).as("a minute without a refusal").isEqualTo(Status.UP);
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsDownWithinTheBoundAndProbesShareOneCheck() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        DatabaseHealth health = new DatabaseHealth(new AbstractDataSource() {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                asked.incrementAndGet();
                try {
                    released.await(30, TimeUnit.SECONDS); // as the pool waits for a connection
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new SQLTransientConnectionException("HikariPool-1 - Connection is not available");
            }

            @Override
            public Connection getConnection(String username, String password) throws java.sql.SQLException {
                return getConnection();
            }
        }, new DiskFullAlarm(java.time.Clock.systemUTC()));
        long start = System.nanoTime();
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("error", "No database connection within 2 s");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(tookMs).as("two probes, each within the bound").isBetween(3_900L, 10_000L);
        assertThat(asked).as("the second probe waited for the first check").hasValue(1);

        released.countDown();
        Thread.sleep(200);
        assertThat(health.health().getDetails()).as("the first check is over: a new one, whose failure is quick")
                .containsEntry("error", "SQLTransientConnectionException: HikariPool-1 - Connection is not available");
        assertThat(asked).hasValue(2);
    }

    @Test
    void theDiskOfAnEmbeddedDatabaseIsFoundFromItsUrl(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String inDir = dir.toAbsolutePath().toString();
        assertThat(DatabaseHealth.embeddedFiles("jdbc:h2:file:" + inDir + "/connection-health;LOCK_TIMEOUT=10000"))
                .isEqualTo(dir.toAbsolutePath());
        assertThat(DatabaseHealth.embeddedFiles("jdbc:h2:" + inDir + "/db")).isEqualTo(dir.toAbsolutePath());
        assertThat(DatabaseHealth.embeddedFiles("jdbc:h2:file:./connection-health"))
                .isEqualTo(java.nio.file.Path.of("").toAbsolutePath());
        assertThat(DatabaseHealth.embeddedFiles("jdbc:h2:mem:health;DB_CLOSE_DELAY=-1")).isNull();
        assertThat(DatabaseHealth.embeddedFiles("jdbc:h2:tcp://db.example/data/ch")).isNull();
        assertThat(DatabaseHealth.embeddedFiles("jdbc:postgresql://127.0.0.1:5432/ch")).isNull();
        assertThat(DatabaseHealth.embeddedFiles("jdbc:h2:file:" + inDir + "/missing/db")).as("no such directory").isNull();
    }
}
