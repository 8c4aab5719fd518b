package io.connectionhealth.workspace;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;

/**
 * Brings the next retention purge forward to now, once a shorter retention is saved: the admin agreed to delete the
 * older logs, and for up to the purge interval (an hour) the logs page had said they were gone while listing and
 * exporting them (an audit). Any instance's scheduler takes it at its next poll (1 s).
 */
@Component
class PurgeTrigger {

    private static final Logger log = LoggerFactory.getLogger(PurgeTrigger.class);
    /** Only for resolving the task name; the running scheduler has the real task (RetentionSchedule). */
    private static final RecurringTask<Void> NAME_ONLY = Tasks.recurring(RetentionSchedule.TASK_NAME,
            Schedules.fixedDelay(Duration.ofHours(1))).execute((instance, context) -> {
                throw new IllegalStateException("not executed here");
            });

    private final SchedulerClient client;

    PurgeTrigger(DataSource dataSource) {
        this.client = SchedulerClient.Builder.create(dataSource, NAME_ONLY).build();
    }

    /** False when it could not be moved: a purge is running right now, or no scheduler has registered the task. */
    boolean purgeAt(Instant when) {
        TaskInstanceId purge = TaskInstanceId.of(RetentionSchedule.TASK_NAME, RecurringTask.INSTANCE);
        try {
            var scheduled = client.getScheduledExecution(purge);
            return scheduled.isPresent() && !scheduled.get().isPicked() && client.reschedule(purge, when);
        } catch (RuntimeException e) {
            log.debug("The retention purge could not be brought forward", e);
            return false;
        }
    }
}
