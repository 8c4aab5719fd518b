package io.connectionhealth.support;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated test class (usually an empty subclass of an H2 test) against the PostgreSQL named by
 * TEST_POSTGRES_URL (and TEST_POSTGRES_USER / TEST_POSTGRES_PASSWORD), in a schema of its own for this run.
 * Without TEST_POSTGRES_URL the class is skipped, and says why.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@ExtendWith(PostgresCondition.class)
@ContextConfiguration(initializers = PostgresInitializer.class)
public @interface PostgresVariant {
}
