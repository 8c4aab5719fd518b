package io.connectionhealth.base.sql;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * The readiness probe's database check ("db", in place of Spring Boot's), answered within {@link #ANSWER_WITHIN}.
 * Boot's waited for a pooled connection as long as a request does (30 s) while the database was down: the image's
 * health check (5 s) only ever timed out, and each probe held a request thread for 30 s and logged a 200-line trace.
 * One check runs at a time, on a thread of its own; probes that come meanwhile wait for it, up to the same bound.
 */
@Component("dbHealthIndicator")
class DatabaseHealth implements HealthIndicator {

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    /** Below this, an embedded database's disk counts as full (Spring Boot's own disk-space check says 10 MB too). */
    static final long MIN_FREE_BYTES = 10L * 1024 * 1024;

    private final DataSource dataSource;
    private final DiskFullAlarm diskFull;
    private final BoundedRead<Health> checks = new BoundedRead<>("db-health", this::check);

    DatabaseHealth(DataSource dataSource, DiskFullAlarm diskFull) {
        this.dataSource = dataSource;
        this.diskFull = diskFull;
    }

    @Override
    public Health health() {
        Instant refused = diskFull.raisedAt();
        if (refused != null) {
            // reads still pass on PostgreSQL with its disk full, so the statement below would say UP
            return Health.down().withDetail("error", "The database's disk is full: it refused a write at " + refused
                    + " (this clears a minute after the last refusal)").build();
        }
        try {
            return checks.get(ANSWER_WITHIN);
        } catch (TimeoutException slow) {
            return Health.down().withDetail("error", "No database connection within " + ANSWER_WITHIN.toSeconds()
                    + " s").build();
        } catch (RuntimeException e) {
            return Health.down(e).build();
        }
    }

    private Health check() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String database = connection.getMetaData().getDatabaseProductName();
            // a statement, as a request needs, rather than isValid(): readiness said UP for the half hour every request
            // failed on an H2 database that had closed itself at a full disk (an audit)
            // on H2 a statement's timeout is its session's, which the pool keeps: put back what was there, or every
            // later request on this connection is cancelled after 2 s (a durability audit: 500s on a lock wait that
            // LOCK_TIMEOUT allows 10 s)
            int before = statement.getQueryTimeout();
            statement.setQueryTimeout((int) ANSWER_WITHIN.toSeconds());
            try {
                statement.execute("select 1");
            } finally {
                statement.setQueryTimeout(before);
            }
            Path files = embeddedFiles(connection.getMetaData().getURL());
            if (files != null) {
                long free = Files.getFileStore(files).getUsableSpace();
                if (free < MIN_FREE_BYTES) {
                    // H2 closes the database at the first write that fails, losing nothing committed; reads would
                    // still pass until then, so readiness goes down with the space, not after the next failure
                    return Health.down().withDetail("database", database).withDetail("error", "The disk of the "
                            + "database (" + files + ") is full: " + free / 1024 + " KiB free").build();
                }
            }
            return Health.up().withDetail("database", database).build();
        } catch (SQLException | IOException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }

    /** The directory of an embedded H2 database's files, from its URL; null for a server or an in-memory one. */
    static Path embeddedFiles(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return null;
        }
        String name = url.substring("jdbc:h2:".length());
        int options = name.indexOf(';');
        name = options < 0 ? name : name.substring(0, options);
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.contains(":") && !name.matches("(?i)[a-z]:[\\\\/].*")) {
            return null; // mem:, tcp:, ssl:, or a file system of H2's own
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        Path parent = Path.of(name).toAbsolutePath().normalize().getParent();
        return parent != null && Files.isDirectory(parent) ? parent : null;
    }
}
