package io.connectionhealth.base.sql;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A database read its callers wait for at most a bound. While the database is away a pooled connection is waited for
 * as long as the pool's timeout (30 s by default); what must answer meanwhile (the readiness probe, the metrics scrape)
 * gives up at its bound, and the read goes on to its end on a virtual thread of its own. One runs at a time: callers
 * that come while it runs wait for that one.
 */
public final class BoundedRead<T> {

    private final String threadName;
    private final Supplier<T> read;
    private CompletableFuture<T> running;

    public BoundedRead(String threadName, Supplier<T> read) {
        this.threadName = threadName;
        this.read = read;
    }

    /** The read's result, or its own failure as it was thrown; {@link TimeoutException} when it takes longer. */
    public T get(Duration within) throws TimeoutException {
        CompletableFuture<T> current;
        synchronized (this) {
            if (running == null || running.isDone()) {
                running = CompletableFuture.supplyAsync(read, Thread.ofVirtual().name(threadName)::start);
            }
            current = running;
        }
        try {
            return current.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("Interrupted while waiting for " + threadName);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
