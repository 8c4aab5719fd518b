package io.connectionhealth.notification;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Puts deliveries on db-scheduler's table, in the caller's transaction: one task instance per event, named after
 * the event id, so a delivery exists exactly when its event commits. After the commit this instance's scheduler is
 * woken, so a fresh event goes out in milliseconds instead of at the next poll.
 *
 * <p>It uses a plain {@link SchedulerClient} of its own rather than the running {@link Scheduler}, so recording
 * events works the same on an instance whose scheduler is off ({@code db-scheduler.enabled=false}).
 */
@Component
class DeliveryQueue {

    static final String TASK_NAME = "webhook-delivery";
    private static final int BATCH = 1000;

    /** Only for resolving the task name when reading executions; the running scheduler has the real task. */
    private static final OneTimeTask<Void> NAME_ONLY = Tasks.oneTime(TASK_NAME).execute((instance, context) -> {
        throw new IllegalStateException("not executed here");
    });

    private final SchedulerClient client;
    private final ObjectProvider<Scheduler> scheduler;

    private final TransactionTemplate savepoint;

    DeliveryQueue(DataSource dataSource, ObjectProvider<Scheduler> scheduler, PlatformTransactionManager transactions) {
        DataSource transactional = dataSource instanceof TransactionAwareDataSourceProxy
                ? dataSource : new TransactionAwareDataSourceProxy(dataSource);
        this.client = SchedulerClient.Builder.create(transactional, NAME_ONLY).build();
        this.scheduler = scheduler;
        this.savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    static TaskInstance<Void> instance(String eventId) {
        return new TaskInstance<>(TASK_NAME, eventId);
    }

    /** Schedules new deliveries (the ids must have none yet) at {@code when}, in the current transaction. */
    void enqueueNew(Collection<String> eventIds, Instant when) {
        if (eventIds.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(eventIds);
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<TaskInstance<?>> batch = new ArrayList<>();
            for (String id : ids.subList(from, Math.min(ids.size(), from + BATCH))) {
                batch.add(instance(id));
            }
            client.scheduleBatch(batch, when);
        }
        wakeAfterCommit();
    }

    /**
     * Schedules a delivery at {@code when}, or moves an existing one there. False when one is being sent right now
     * (its outcome will decide what happens next).
     */
    boolean enqueueOrMove(String eventId, Instant when) {
        boolean created = createIfAbsent(eventId, when);
        if (!created) {
            var existing = client.getScheduledExecution(instance(eventId));
            if (existing.isPresent()) {
                if (existing.get().isPicked()) {
                    return false;
                }
                try {
                    client.reschedule(instance(eventId), when);
                } catch (RuntimeException e) {
                    return false;
                }
            } else if (!createIfAbsent(eventId, when)) {
                return false;
            }
        }
        wakeAfterCommit();
        return true;
    }

    /**
     * db-scheduler's create-if-absent, in a savepoint of the caller's transaction. When another instance inserts the
     * same execution at this moment, the insert waits for it and then fails; on PostgreSQL the failed statement aborts
     * the transaction, and db-scheduler's read after it failed too ("current transaction is aborted"), taking the
     * caller's work with it. False when it exists (the caller looks at it).
     */
    private boolean createIfAbsent(String eventId, Instant when) {
        try {
            return Boolean.TRUE.equals(savepoint.execute(status -> client.scheduleIfNotExists(instance(eventId), when)));
        } catch (RuntimeException inserted) {
            return false;
        }
    }

    boolean isQueued(String eventId) {
        return client.getScheduledExecution(instance(eventId)).isPresent();
    }

    /** Wakes this instance's scheduler once the current transaction has committed (at once outside one). */
    void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            wake();
        }
    }

    void wake() {
        scheduler.ifAvailable(Scheduler::triggerCheckForDueExecutions);
    }
}
