package io.connectionhealth.notification;

import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.connectionhealth.base.Times;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The db-scheduler tasks of webhook delivery. {@code webhook-delivery}: one instance per event (instance id = event
 * id); db-scheduler claims it with a row update before running it, so one instance sends it at a time, and
 * revives it if the instance holding it dies. {@code webhook-reconcile}: a recurring safety net that queues any
 * due event lacking a task (e.g. one left by an interrupted resend), run by one instance at a time.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class DeliveryJobs {

    static final String RECONCILE_TASK = "webhook-reconcile";

    /**
     * Names this process in {@code scheduled_tasks.picked_by}, where an operator looks for who holds a delivery:
     * db-scheduler's default, the host name, is the same for two instances on one host.
     */
    @Bean
    DbSchedulerCustomizer schedulerName() {
        SchedulerName name = new SchedulerName.Fixed(schedulerName(new SchedulerName.Hostname().getName()));
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<SchedulerName> schedulerName() {
                return Optional.of(name);
            }
        };
    }

    /** "host#pid", within the column's 200 characters. */
    static String schedulerName(String host) {
        String pid = "#" + ProcessHandle.current().pid();
        return (host.length() > 200 - pid.length() ? host.substring(0, 200 - pid.length()) : host) + pid;
    }

    @Bean
    CustomTask<Void> webhookDeliveryTask(DeliveryWorker worker) {
        return Tasks.custom(DeliveryQueue.TASK_NAME, Void.class)
                // An exception here is our fault (e.g. the database was away), not the receiver's: try again soon.
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(30)))
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    Optional<Instant> next = worker.deliver(instance.getId());
                    return next.<CompletionHandler<Void>>map(at -> (complete, ops) -> ops.reschedule(complete, at))
                            .orElseGet(CompletionHandler.OnCompleteRemove::new);
                });
    }

    @Bean
    RecurringTask<Void> webhookReconcileTask(JdbcClient jdbc, DeliveryQueue queue, Clock clock) {
        return Tasks.recurring(RECONCILE_TASK, Schedules.fixedDelay(Duration.ofMinutes(1)))
                .execute((instance, context) -> {
                    Instant cutoff = clock.instant().minus(Duration.ofSeconds(30));
                    List<String> orphans = jdbc.sql("""
                                    select e.id from notification_event e
                                    where e.delivery_state in ('PENDING', 'RETRYING') and e.next_attempt_at <= :cutoff
                                      and not exists (select 1 from scheduled_tasks t
                                                      where t.task_name = :task and t.task_instance = e.id)
                                    order by e.next_attempt_at limit 1000""")
                            .param("cutoff", Times.sql(cutoff)).param("task", DeliveryQueue.TASK_NAME)
                            .query(String.class).list();
                    orphans.forEach(id -> queue.enqueueOrMove(id, clock.instant()));
                });
    }
}
