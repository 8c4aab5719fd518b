package io.connectionhealth.notification;

import io.connectionhealth.base.Actor;
import io.connectionhealth.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import static io.connectionhealth.notification.TestReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every webhook test again on the PostgreSQL of TEST_POSTGRES_URL, in a schema of its own (not the one the other
 * PostgreSQL tests share, whose schedulers would otherwise pick these deliveries). The two-scheduler test is the
 * proof that several instances on one PostgreSQL send each event once.
 */
@EnabledIfEnvironmentVariable(named = "TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "PostgreSQL variant skipped: set TEST_POSTGRES_URL (e.g. jdbc:postgresql://127.0.0.1:5432/test) to run it")
@ContextConfiguration(initializers = WebhookDeliveryPostgresTest.OwnSchema.class)
class WebhookDeliveryPostgresTest extends WebhookDeliveryTest {

    /**
     * PostgreSQL with its disk full reads on: the scheduler's default polling fetched due deliveries, failed to mark each
     * picked, and fetched again at once, about 3,000 times a second. Lock-and-fetch fails in the poll, which waits. (H2
     * has no lock-and-fetch; it closes itself at a full disk, so its polls fail on the connection and wait.)
     */
    @Test
    void onAFullPostgresDiskTheSchedulerRetriesItsPollAtItsIntervalNotInALoop() throws Exception {
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        sql.execute("create sequence refused_picks");
        // the disk refuses the scheduler's updates (its picks); the events' new rows still fit, as pages with room do
        sql.execute("""
                create function refuse_pick() returns trigger language plpgsql as $$ begin
                perform nextval('refused_picks');
                raise exception 'could not extend file "base/5/16498": No space left on device' using errcode = 'disk_full';
                end $$""");
        sql.execute("create trigger refuse_pick before update on scheduled_tasks for each row execute function refuse_pick()");
        Actor actor = workspaceSendingTo("/full-disk-polls");
        long refused;
        try {
            for (int i = 0; i < 20; i++) {
                connection(actor); // CONNECTION_CREATED, due at once
            }
            Thread.sleep(2000); // past the checks each new event asks for
            long before = sql.queryForObject("select last_value from refused_picks", Long.class);
            Thread.sleep(3000);
            refused = sql.queryForObject("select last_value from refused_picks", Long.class) - before;
        } finally {
            sql.execute("drop trigger refuse_pick on scheduled_tasks");
            sql.execute("drop function refuse_pick()");
            sql.execute("drop sequence refused_picks");
        }
        // measured: 15 in 3 s; with the default polling, a failed pick for each due execution, again and again: 300
        assertThat(refused).as("in 3 s, polls that wait their interval, not a loop").isBetween(1L, 40L);
        await(Duration.ofSeconds(10), "delivered once the disk has room", () -> at("/full-disk-polls").size() == 20);
    }

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
