package io.connectionhealth.base.sql;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends what kills a thread to the log instead of the JVM's own print to standard error, which no log filter sees:
 * with PostgreSQL's disk full, db-scheduler's pick of a due execution failed in its pool's threads, and the JVM printed
 * each failure whole ("Exception in thread …"): 3–6 million lines a minute, which {@link OutageLogFilter} now counts.
 */
@Component
class UncaughtExceptionLog {

    /** Logged under the scheduler's loggers for its threads, so that the outage filter treats them as its own. */
    static String loggerFor(Thread thread) {
        return thread.getName().startsWith("db-scheduler") ? OutageLogFilter.SCHEDULER_LOGGERS + ".uncaught"
                : "io.connectionhealth.uncaught";
    }

    private final Thread.UncaughtExceptionHandler handler = (thread, e) -> LoggerFactory.getLogger(loggerFor(thread))
            .error("Exception in thread \"{}\"", thread.getName(), e);
    private Thread.UncaughtExceptionHandler before;

    @PostConstruct
    void install() {
        before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(handler);
    }

    @PreDestroy
    void uninstall() {
        if (Thread.getDefaultUncaughtExceptionHandler() == handler) {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }
}
