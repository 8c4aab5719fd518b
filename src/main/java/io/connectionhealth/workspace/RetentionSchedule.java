package io.connectionhealth.workspace;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Runs the retention purge every hour as a db-scheduler recurring task: its one row in {@code scheduled_tasks} is
 * claimed by one instance at a time, so with several instances on one database only one purges.
 */
@Configuration(proxyBeanMethods = false)
class RetentionSchedule {

    static final String TASK_NAME = "retention-purge";

    @Bean
    RecurringTask<Void> retentionPurgeTask(RetentionService retention) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(Duration.ofHours(1)))
                .execute((instance, context) -> retention.purgeExpired());
    }
}
