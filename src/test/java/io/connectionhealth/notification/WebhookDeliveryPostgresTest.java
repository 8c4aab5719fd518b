package io.connectionhealth.notification;

import io.connectionhealth.support.TestPostgres;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Every webhook test again on the PostgreSQL of TEST_POSTGRES_URL, in a schema of its own (not the one the other
 * PostgreSQL tests share, whose schedulers would otherwise pick these deliveries). The two-scheduler test is the
 * proof that several instances on one PostgreSQL send each event once.
 */
@EnabledIfEnvironmentVariable(named = "TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "PostgreSQL variant skipped: set TEST_POSTGRES_URL (e.g. jdbc:postgresql://127.0.0.1:5432/test) to run it")
@ContextConfiguration(initializers = WebhookDeliveryPostgresTest.OwnSchema.class)
class WebhookDeliveryPostgresTest extends WebhookDeliveryTest {

    static class OwnSchema implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        static final String SCHEMA = TestPostgres.schema() + "_webhooks";

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            if (!TestPostgres.configured()) {
                return;
            }
            String base = System.getenv("TEST_POSTGRES_URL").strip();
            Runtime.getRuntime().addShutdownHook(new Thread(OwnSchema::drop));
            TestPropertyValues.of(
                    "spring.datasource.url=" + base + (base.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA,
                    "spring.datasource.username=" + TestPostgres.user(),
                    "spring.datasource.password=" + TestPostgres.password(),
                    "spring.flyway.schemas=" + SCHEMA,
                    "spring.flyway.default-schema=" + SCHEMA
            ).applyTo(context);
        }

        private static void drop() {
            try (Connection c = DriverManager.getConnection(System.getenv("TEST_POSTGRES_URL"), TestPostgres.user(),
                    TestPostgres.password())) {
                c.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
            } catch (SQLException e) {
                System.err.println("Could not drop test schema " + SCHEMA + ": " + e.getMessage());
            }
        }
    }
}
