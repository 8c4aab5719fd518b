package io.connectionhealth.base.sql;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import io.connectionhealth.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class OutageLogFilterTest {

    private final MutableClock clock = new MutableClock();
    private final OutageLogFilter filter = new OutageLogFilter(clock);
    private final Logger scheduler = new LoggerContext().getLogger("com.github.kagkarlsson.scheduler.RunAndLogErrors");
    private final Logger ours = (Logger) LoggerFactory.getLogger(OutageLogFilter.class);
    private final ListAppender<ILoggingEvent> summaries = new ListAppender<>();

    @BeforeEach
    void capture() {
        summaries.start();
        ours.addAppender(summaries);
    }

    @AfterEach
    void release() {
        ours.detachAppender(summaries);
    }

    private FilterReply failure(Throwable t) {
        return filter.decide(null, scheduler, Level.ERROR, "Unhandled exception. Will keep running.", null, t);
    }

    private static RuntimeException poolTimeout() {
        return new RuntimeException("Failed to rollback.", new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 30000ms"));
    }

    @Test
    void anOutageIsLoggedWholeOnceThenSummedUpOnceAMinute() {
        assertThat(failure(poolTimeout())).as("the outage's first failure").isEqualTo(FilterReply.NEUTRAL);
        clock.advance(Duration.ofSeconds(30));
        assertThat(failure(poolTimeout())).isEqualTo(FilterReply.DENY);
        assertThat(summaries.list).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        assertThat(failure(poolTimeout())).isEqualTo(FilterReply.DENY);
        assertThat(summaries.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).startsWith("Still cannot reach the database: 2 more failures logged "
                    + "since the last report (SQLTransientConnectionException: HikariPool-1");
            assertThat(e.getThrowableProxy()).isNull();
        });
        clock.advance(Duration.ofSeconds(30));
        assertThat(failure(poolTimeout())).isEqualTo(FilterReply.DENY);
        assertThat(summaries.list).hasSize(1);
        clock.advance(Duration.ofSeconds(31));
        assertThat(failure(poolTimeout())).isEqualTo(FilterReply.DENY);
        assertThat(summaries.list).hasSize(2).last().extracting(ILoggingEvent::getFormattedMessage).asString()
                .as("counted since the previous report").contains(": 2 more failures logged since the last report");

        clock.advance(Duration.ofMinutes(3));
        assertThat(failure(poolTimeout())).as("after a quiet spell: a new outage, logged whole")
                .isEqualTo(FilterReply.NEUTRAL);
        clock.advance(Duration.ofSeconds(61));
        failure(new RuntimeException(new java.io.IOException("No space left on device")));
        assertThat(summaries.list).hasSize(3).last().extracting(ILoggingEvent::getFormattedMessage).asString()
                .as("a full disk is named").startsWith("The database's disk is still full: 1 more failures logged");
    }

    /** A DEBUG line its logger does not write (HikariCP's, per failed connection) is neither the first nor counted. */
    @Test
    void aLineBelowItsLoggersLevelIsNotTheOutagesFirst() {
        Logger hikari = new LoggerContext().getLogger("com.zaxxer.hikari.pool.HikariPool");
        hikari.setLevel(Level.INFO);
        assertThat(filter.decide(null, hikari, Level.DEBUG, "Cannot acquire connection from data source", null,
                poolTimeout())).isEqualTo(FilterReply.NEUTRAL);
        assertThat(failure(poolTimeout())).as("still the outage's first, logged whole").isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, hikari, Level.DEBUG, "Cannot acquire connection from data source", null,
                poolTimeout())).isEqualTo(FilterReply.NEUTRAL);
        assertThat(failure(poolTimeout())).isEqualTo(FilterReply.DENY);
    }

    @Test
    void onlyFailuresToReachTheDatabaseAreHeldBack() {
        assertThat(failure(poolTimeout())).isEqualTo(FilterReply.NEUTRAL);
        assertThat(failure(new IllegalStateException("a task failed"))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(failure(null)).isEqualTo(FilterReply.NEUTRAL);
        // whoever logs it: a dashboard request (Tomcat), the readiness probe, a webhook in flight
        Logger servlet = new LoggerContext().getLogger(
                "org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]");
        assertThat(filter.decide(null, servlet, Level.ERROR, "Servlet.service() threw exception", null, poolTimeout()))
                .isEqualTo(FilterReply.DENY);
        Logger other = new LoggerContext().getLogger("io.connectionhealth.notification.DeliveryWorker");
        assertThat(filter.decide(null, other, Level.WARN, "Delivery of {} failed", new Object[] {"msg_1",
                poolTimeout()}, null)).as("the throwable as the message's last argument").isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, other, Level.WARN, "Delivery of {} failed", new Object[] {"msg_1",
                new RuntimeException(new ConnectException("Connection refused"))}, null))
                .as("a receiver that refuses: not the database").isEqualTo(FilterReply.NEUTRAL);
        assertThat(failure(new SQLException("terminating connection due to administrator command", "57P01")))
                .isEqualTo(FilterReply.DENY);
        assertThat(failure(new RuntimeException(new ConnectException("Connection refused")))).isEqualTo(FilterReply.DENY);
        assertThat(failure(new SQLException("This connection has been closed.", "08003"))).isEqualTo(FilterReply.DENY);
        assertThat(failure(new SQLException("duplicate key", "23505"))).isEqualTo(FilterReply.NEUTRAL);
        // the scheduler's failed rollback on a connection the pool dropped: the reason comes suppressed
        java.sql.SQLException closed = new java.sql.SQLException("Connection is closed");
        closed.addSuppressed(new java.sql.SQLNonTransientConnectionException("The database has been closed [90098-240]"));
        assertThat(failure(new RuntimeException("Failed to rollback", closed))).isEqualTo(FilterReply.DENY);
        // H2, once a write failed for a full disk: its state is its error code, not class 08
        assertThat(failure(new org.springframework.dao.DataAccessResourceFailureException("x",
                new org.h2.jdbc.JdbcSQLNonTransientConnectionException("The database has been closed [90098-240]",
                        null, "90098", 90098, null, null)))).isEqualTo(FilterReply.DENY);
    }
}
