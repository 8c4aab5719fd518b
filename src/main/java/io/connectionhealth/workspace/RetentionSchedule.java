package io.connectionhealth.workspace;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the retention purge as a db-scheduler recurring task, {@code app.retention.purge-interval} (1 hour) after the
 * previous run finished: its one row in {@code scheduled_tasks} is claimed by one instance at a time, so with several
 * instances on one database only one purges. On a start, db-scheduler brings a pending run further away than one
 * (lowered) interval forward to one interval from then.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionSchedule {

    static final String TASK_NAME = "retention-purge";

    @Bean
    RecurringTask<Void> retentionPurgeTask(RetentionService retention, RetentionProperties properties) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(properties.purgeInterval()))
                .execute((instance, context) -> retention.purgeExpired());
    }
}
