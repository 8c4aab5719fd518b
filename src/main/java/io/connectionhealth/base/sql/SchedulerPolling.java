package io.connectionhealth.base.sql;

import com.github.kagkarlsson.scheduler.PollingStrategyConfig;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, db-scheduler marks due executions picked in the poll itself (lock-and-fetch) instead of fetching them
 * and then picking each from a worker thread. With PostgreSQL's disk full, the second way failed every pick and fetched
 * again at once, about 3,000 times a second (a core busy, 12,500 ERROR lines a second in PostgreSQL's log); a poll
 * that fails waits its interval. H2 has no lock-and-fetch. A {@code db-scheduler.polling-strategy} of the operator's
 * wins.
 */
@Component
class SchedulerPolling implements BeanPostProcessor {

    private final ObjectProvider<Database> database;
    private final Environment environment;

    SchedulerPolling(ObjectProvider<Database> database, Environment environment) {
        this.database = database;
        this.environment = environment;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DbSchedulerProperties properties && !environment.containsProperty("db-scheduler.polling-strategy")
                && database.getObject().isPostgres()) {
            properties.setPollingStrategy(PollingStrategyConfig.Type.LOCK_AND_FETCH);
        }
        return bean;
    }
}
