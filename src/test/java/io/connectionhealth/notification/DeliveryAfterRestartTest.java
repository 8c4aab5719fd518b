package io.connectionhealth.notification;

import io.connectionhealth.Application;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.NewConnection;
import io.connectionhealth.workspace.WorkspaceService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.connectionhealth.notification.TestReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries pending when the application stops are sent when it starts again: the first run records events with no
 * scheduler running (as if it stopped right after the commit), the second run, on the same database, sends them.
 */
class DeliveryAfterRestartTest {

    private static ConfigurableApplicationContext start(boolean schedulerEnabled) {
        return new SpringApplicationBuilder(Application.class).run(
                "--spring.datasource.url=jdbc:h2:mem:webhooks-restart;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                "--server.port=0",
                "--app.webhooks.allowed-cidrs=127.0.0.0/8",
                "--db-scheduler.enabled=" + schedulerEnabled,
                "--db-scheduler.polling-interval=200ms");
    }

    @Test
    void eventsRecordedBeforeAStopAreDeliveredAfterTheStart() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            Actor actor;
            List<String> ids;
            try (ConfigurableApplicationContext first = start(false)) {
                actor = Actor.system(first.getBean(WorkspaceService.class).create("Restart " + UUID.randomUUID()).id());
                first.getBean(NotificationSettingsService.class).update(actor, receiver.url("/restart"),
                        List.of(EventType.values()));
                ConnectionService connections = first.getBean(ConnectionService.class);
                for (int i = 0; i < 3; i++) {
                    connections.create(actor, new NewConnection("hubspot", null, List.of(), List.of(), "c" + i, null));
                }
                ids = first.getBean(EventLog.class).list(actor, NotificationFilter.ALL, PageRequest.of(10, 0)).stream()
                        .map(Notification::id).toList();
                assertThat(ids).hasSize(3);
                Thread.sleep(500);
                assertThat(receiver.count()).isZero();
                assertThat(first.getBean(JdbcClient.class)
                        .sql("select count(*) from scheduled_tasks where task_name = 'webhook-delivery'")
                        .query(Integer.class).single()).isEqualTo(3);
            }
            try (ConfigurableApplicationContext second = start(true)) {
                await(Duration.ofSeconds(10), "the three events after the restart", () -> receiver.count() == 3);
                assertThat(receiver.received().stream().map(r -> r.header("webhook-id")).sorted().toList())
                        .isEqualTo(ids.stream().sorted().toList());
                EventLog events = second.getBean(EventLog.class);
                await(Duration.ofSeconds(5), "all delivered", () -> events.list(actor, NotificationFilter.ALL,
                        PageRequest.of(10, 0)).stream().allMatch(n -> n.state() == DeliveryState.DELIVERED));
            }
        }
    }
}
