package io.connectionhealth.base.sql;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class UncaughtExceptionLogTest {

    @Test
    void whatKillsAThreadIsLoggedWhereTheOutageFilterSeesIt() throws InterruptedException {
        Logger scheduler = (Logger) LoggerFactory.getLogger("com.github.kagkarlsson.uncaught");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        scheduler.addAppender(logged);
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        UncaughtExceptionLog log = new UncaughtExceptionLog();
        log.install();
        try {
            // not a database's failure: the outage filters of other tests' contexts in this JVM would count it instead
            RuntimeException failure = new IllegalStateException("boom");
            Thread dying = new Thread(() -> {
                throw failure;
            }, "db-scheduler-pool-2-thread-7");
            dying.start();
            dying.join();
            assertThat(logged.list).as("through the log, not printed to standard error by the JVM").singleElement()
                    .satisfies(e -> {
                        assertThat(e.getFormattedMessage()).isEqualTo("Exception in thread \"db-scheduler-pool-2-thread-7\"");
                        assertThat(e.getThrowableProxy().getMessage()).isEqualTo(failure.getMessage());
                    });
            assertThat(UncaughtExceptionLog.loggerFor(new Thread("webhook-delivery")))
                    .isEqualTo("io.connectionhealth.uncaught");
        } finally {
            log.uninstall();
            scheduler.detachAppender(logged);
        }
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
    }
}
