package io.connectionhealth.base.sql;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * While the database is down, db-scheduler's pollers fail every few seconds, and every request of an open dashboard
 * tab and every webhook in flight fails too, each logged with a stack trace of 100–200 lines (8,938 log lines in a
 * 3-minute outage under traffic, measured with PostgreSQL stopped). This keeps the first such failure of an outage
 * whole, then counts the others and says so in one line a minute, so the log still shows when the outage began and
 * that it goes on. Only failures to reach the database are held back, whoever logs them; any other error is not
 * touched. The throwable may come as the last argument of the message rather than on its own (SLF4J's convention).
 */
@Component
class OutageLogFilter extends TurboFilter {

    static final String SCHEDULER_LOGGERS = "com.github.kagkarlsson";
    /** A failure this long after the previous one starts a new outage, logged whole again. */
    static final Duration QUIET_ENDS_OUTAGE = Duration.ofMinutes(2);
    static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(OutageLogFilter.class);

    private final Clock clock;
    private Instant lastFailure;
    private Instant lastReport;
    private int suppressed;

    OutageLogFilter(Clock clock) {
        this.clock = clock;
    }

    @PostConstruct
    void register() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            start();
            context.addTurboFilter(this);
        }
    }

    @PreDestroy
    void remove() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getTurboFilterList().remove(this);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        Throwable thrown = t != null ? t
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
        // turbo filters are asked before the level: HikariCP's DEBUG line of each failed connection, dropped anyway,
        // had counted as an outage's first failure, and the first one logged then had no trace
        if (thrown == null || logger == null || level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())
                || !unreachable(thrown, logger.getName().startsWith(SCHEDULER_LOGGERS))) {
            return FilterReply.NEUTRAL;
        }
        int summary;
        synchronized (this) {
            Instant now = clock.instant();
            boolean newOutage = lastFailure == null || lastFailure.plus(QUIET_ENDS_OUTAGE).isBefore(now);
            lastFailure = now;
            if (newOutage) {
                lastReport = now;
                suppressed = 0;
                return FilterReply.NEUTRAL;
            }
            suppressed++;
            if (lastReport.plus(SUMMARY_EVERY).isAfter(now)) {
                return FilterReply.DENY;
            }
            summary = suppressed;
            suppressed = 0;
            lastReport = now;
        }
        log.warn("{}: {} more failures logged since the last report ({}); their stack traces are left out, the "
                + "outage's first is above", DatabaseDown.diskFull(thrown) ? "The database's disk is still full"
                : "Still cannot reach the database", summary, rootMessage(thrown));
        return FilterReply.DENY;
    }

    /**
     * The database cannot be reached: no connection from the pool, a refused or lost connection (SQLState class 08),
     * the server shutting down (57P01–57P03), an embedded database closed, or the database's disk full. A bare refused
     * connection counts for the scheduler's own loggers only: a webhook receiver that refuses one is not the database.
     */
    static boolean unreachable(Throwable t, boolean scheduler) {
        // a full disk: each failed write logged a trace of ~170 lines, 180,000 lines in 45 s under ingestion
        return DatabaseDown.diskFull(t) || DatabaseDown.anyIn(t, c ->
                // SQLNonTransientConnectionException: H2's "The database has been closed" after a failed write, which
                // had logged a 77-line trace every second of the scheduler's polling
                c instanceof SQLTransientConnectionException || c instanceof SQLNonTransientConnectionException
                        || scheduler && c instanceof ConnectException
                        || c instanceof SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0")));
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
