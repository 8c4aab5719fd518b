package io.connectionhealth.base.sql;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Does for the embedded H2 what its background writer does, which the default URL's {@code WRITE_DELAY=0} (each commit
 * written before the API answers) switches off: it moves the live pages out of chunks that hold mostly outdated ones,
 * so that those chunks are freed and their space in the file is used again. Without it the file grew by every commit
 * and never stopped: 1.4 GB for 60,000 calls posted in 5 minutes, 23 GB in a 4-minute purge under ingestion
 * (docs/benchmarks.md, section 30). Once a second, on its own thread; only on an H2 file database without a
 * background writer. The pages it moves are written by the next commit, so a full disk fails a commit as before.
 */
@Component
class H2FileCompaction implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(H2FileCompaction.class);

    /** Chunks are rewritten while less than this share (%) of what they hold is live (H2's writer: 81 under load). */
    static final int TARGET_FILL_RATE = 80;
    /** Live bytes moved per pass at most: the writer's own under load is a quarter of its buffer, ~4.75 MiB here. */
    static final int WRITE_LIMIT = 4 << 20;

    private final DataSource dataSource;
    private final ScheduledExecutorService timer;

    @Autowired
    H2FileCompaction(DataSource dataSource, Database database) {
        this(dataSource, database.isH2() ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "h2-compaction");
            t.setDaemon(true);
            return t;
        }) : null);
        if (timer != null) {
            timer.scheduleWithFixedDelay(this::compactQuietly, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Without a timer ({@code null}): passes run only when {@link #compactOnce} is called. */
    H2FileCompaction(DataSource dataSource, ScheduledExecutorService timer) {
        this.dataSource = dataSource;
        this.timer = timer;
    }

    private void compactQuietly() {
        try {
            compactOnce();
        } catch (Exception | AssertionError e) {
            // the database is closed, stopping or cannot be reached: the requests say so; the next pass tries again
            log.debug("H2 file compaction skipped", e);
        }
    }

    /** One pass: true when it moved pages. */
    boolean compactOnce() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            MVStore store = mvStore(c);
            return store != null && !store.isClosed() && store.getFileStore() != null && store.getAutoCommitDelay() == 0
                    && store.compact(TARGET_FILL_RATE, WRITE_LIMIT);
        }
    }

    /** The embedded database's store, or null for another database or a remote H2. */
    static MVStore mvStore(Connection c) throws SQLException {
        if (c.isWrapperFor(JdbcConnection.class)
                && c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal s) {
            Store store = s.getDatabase().getStore();
            return store == null ? null : store.getMvStore();
        }
        return null;
    }

    /**
     * Lets a pass under way finish, without an interrupt: an interrupt while H2 reads closes its file channel
     * (ClosedByInterruptException), and H2 then closed the database at once instead of cleanly, the next start
     * recovering the file (a durability audit, three times out of three when it hit a read).
     */
    @Override
    public void destroy() throws InterruptedException {
        if (timer != null) {
            timer.shutdown();
            if (!timer.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("An H2 file compaction pass still runs {} s after the stop began; the database closes under it",
                        STOP_WAIT.toSeconds());
            }
        }
    }

    static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(10);
}
