package io.connectionhealth.base.sql;

import org.h2.Driver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded H2 with the default URL's WRITE_DELAY=0 has no background writer to free the space outdated pages take:
 * the file grew by every commit. Scattered updates committed one by one, as ingestion does, with and without the
 * compaction's passes.
 */
class H2FileCompactionTest {

    private static final int ROWS = 20_000;
    private static final int COMMITS = 2_000;

    @TempDir
    Path dir;

    @Test
    void outdatedPagesAreMovedOutSoThatTheFileStopsGrowing() throws Exception {
        long without = growth("without", false);
        long with = growth("with", true);
        System.out.printf("file growth over %d commits: %d KiB without the compaction, %d KiB with it%n",
                COMMITS, without / 1024, with / 1024);
        assertThat(with).isLessThan(without / 4);
    }

    @Test
    void aStopLetsThePassUnderWayFinishUninterrupted() throws Exception {
        var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        // a pass in H2's file reads: an interrupt there closes H2's file channel, and with it the database
        timer.execute(() -> {
            running.countDown();
            try {
                Thread.sleep(300);
                finished.set(true);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        running.await();
        new H2FileCompaction(null, timer).destroy();
        assertThat(interrupted).isFalse();
        assertThat(finished).isTrue();
        assertThat(timer.isTerminated()).isTrue();
    }

    @Test
    void itFindsTheStoreOfAnEmbeddedH2Only() throws SQLException {
        SimpleDriverDataSource memory = new SimpleDriverDataSource(new Driver(), "jdbc:h2:mem:compaction", "sa", "");
        try (Connection c = memory.getConnection()) {
            assertThat(H2FileCompaction.mvStore(c)).isNotNull();
            assertThat(new H2FileCompaction(memory, (java.util.concurrent.ScheduledExecutorService) null).compactOnce()).as("in memory: no file").isFalse();
        }
    }

    /** How much the file grows over the commits. */
    private long growth(String name, boolean compacting) throws Exception {
        Path file = dir.resolve(name + ".mv.db");
        // RETENTION_TIME=0 here only: H2 uses a freed chunk's space again at once instead of after 45 s
        SimpleDriverDataSource h2 = new SimpleDriverDataSource(new Driver(),
                "jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0", "sa", "");
        H2FileCompaction compaction = new H2FileCompaction(h2, (java.util.concurrent.ScheduledExecutorService) null);
        Random random = new Random(42);
        try (Connection c = h2.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table call (id int primary key, connection_id int, status int, at timestamp)");
                s.execute("create index call_connection on call (connection_id, at)");
                s.execute("create index call_status on call (status, at)");
                s.execute("insert into call select x, mod(x, 500), 200, dateadd(second, x, timestamp '2026-01-01 00:00:00') "
                        + "from system_range(1, " + ROWS + ")");
            }
            long before = Files.size(file);
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement(
                    "update call set connection_id = ?, status = ?, at = dateadd(second, 1, at) where id = ?")) {
                for (int commit = 1; commit <= COMMITS; commit++) {
                    for (int i = 0; i < 10; i++) {
                        update.setInt(1, random.nextInt(500));
                        update.setInt(2, random.nextBoolean() ? 200 : 401);
                        update.setInt(3, 1 + random.nextInt(ROWS));
                        update.executeUpdate();
                    }
                    c.commit();
                    if (compacting && commit % 20 == 0) {
                        compaction.compactOnce();
                    }
                }
            }
            return Files.size(file) - before;
        }
    }
}
