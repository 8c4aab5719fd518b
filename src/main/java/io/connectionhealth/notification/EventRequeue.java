package io.connectionhealth.notification;

import io.connectionhealth.base.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Sends recorded events again, now, each with a fresh retry schedule (re-enable, replay, a new endpoint URL). */
@Component
class EventRequeue {

    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final DeliveryQueue queue;
    private final Clock clock;

    EventRequeue(JdbcClient jdbc, TransactionTemplate tx, DeliveryQueue queue, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.queue = queue;
        this.clock = clock;
    }

    int all(String keysetQuery, Object... params) {
        return all(() -> { }, keysetQuery, params);
    }

    /**
     * Requeues, chunk by chunk in a transaction each, the events a keyset query selects; the query's last two
     * parameters are the id to continue after and the chunk size. {@code first} runs in each chunk's transaction
     * before the query (to take a lock). Returns how many were queued.
     */
    int all(Runnable first, String keysetQuery, Object... params) {
        int total = 0;
        String after = "";
        while (true) {
            Object[] args = java.util.Arrays.copyOf(params, params.length + 2);
            args[params.length] = after;
            args[params.length + 1] = CHUNK;
            int[] queued = {0};
            List<String> ids = tx.execute(status -> {
                first.run();
                List<String> chunk = jdbc.sql(keysetQuery).params(args).query(String.class).list();
                queued[0] = requeue(chunk, Times.micros(clock.instant()));
                return chunk;
            });
            total += queued[0];
            if (ids.size() < CHUNK) {
                return total;
            }
            after = ids.getLast();
        }
    }

    /** Plans the event's next attempt now, with a fresh retry schedule. */
    void freshSchedule(String eventId, Instant now) {
        jdbc.sql("""
                        update notification_event set delivery_state = 'PENDING', next_attempt_at = ?, attempt_count = 0,
                            pulled_from = null
                        where id = ?""")
                .params(Times.sql(now), eventId).update();
    }

    /** Queues each event now with a fresh schedule; one being sent at this moment is left to that attempt. */
    private int requeue(List<String> ids, Instant now) {
        int queued = 0;
        for (String id : ids) {
            if (enqueueOnceFinished(id, now)) {
                freshSchedule(id, now);
                queued++;
            }
        }
        return queued;
    }

    /**
     * An attempt that has just failed writes FAILED or RETRYING, and a delivery that found the endpoint disabled parks
     * its event (no attempt planned), before its execution is done: for that moment the execution is still picked
     * (db-scheduler reschedules or removes it only as it completes), and the event would be skipped though nothing
     * would send it now. Such an execution ends within milliseconds, so wait for it (at most a second). An event still
     * being sent is left to that attempt (which sees a URL changed meanwhile, DeliveryWorker), without waiting.
     */
    private boolean enqueueOnceFinished(String id, Instant now) {
        for (int tries = 1; ; tries++) {
            if (queue.enqueueOrMove(id, now)) {
                return true;
            }
            // an attempt still out has the due time it was picked at; one that has just ended set a later one or none
            boolean settled = jdbc.sql("""
                            select count(*) from notification_event where id = ?
                              and (delivery_state = 'FAILED'
                                   or (delivery_state = 'RETRYING' and (next_attempt_at is null or next_attempt_at > ?))
                                   or (delivery_state = 'PENDING' and next_attempt_at is null))""")
                    .params(id, Times.sql(now)).query(Integer.class).single() > 0;
            if (tries == 20 || !settled) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
