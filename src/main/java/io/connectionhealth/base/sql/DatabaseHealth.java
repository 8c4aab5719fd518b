package io.connectionhealth.base.sql;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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

    private final DataSource dataSource;
    private CompletableFuture<Health> running;

    DatabaseHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        CompletableFuture<Health> check;
        synchronized (this) {
            if (running == null || running.isDone()) {
                running = CompletableFuture.supplyAsync(this::check, Thread.ofVirtual().name("db-health")::start);
            }
            check = running;
        }
        try {
            return check.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            return Health.down().withDetail("error", "No database connection within " + ANSWER_WITHIN.toSeconds()
                    + " s").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().build();
        } catch (ExecutionException e) {
            return Health.down(e.getCause() instanceof Exception cause ? cause : e).build();
        }
    }

    private Health check() {
        try (Connection connection = dataSource.getConnection()) {
            String database = connection.getMetaData().getDatabaseProductName();
            return connection.isValid((int) ANSWER_WITHIN.toSeconds())
                    ? Health.up().withDetail("database", database).build()
                    : Health.down().withDetail("database", database).withDetail("error", "The connection is not valid")
                    .build();
        } catch (SQLException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
