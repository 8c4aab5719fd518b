package io.connectionhealth.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points the context at the test PostgreSQL, in this run's own schema. */
public class PostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!TestPostgres.configured()) {
            return;
        }
        TestPropertyValues.of(
                "spring.datasource.url=" + TestPostgres.url(),
                "spring.datasource.username=" + TestPostgres.user(),
                "spring.datasource.password=" + TestPostgres.password(),
                "spring.flyway.schemas=" + TestPostgres.schema(),
                "spring.flyway.default-schema=" + TestPostgres.schema()
        ).applyTo(context);
    }
}
