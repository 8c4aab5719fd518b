package io.connectionhealth.support;

import io.connectionhealth.base.Actor;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.NewConnection;
import io.connectionhealth.notification.EventLog;
import io.connectionhealth.notification.Notification;
import io.connectionhealth.notification.NotificationFilter;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.signal.ApiCallInput;
import io.connectionhealth.signal.ApiCallType;
import io.connectionhealth.signal.IngestResult;
import io.connectionhealth.signal.SignalIngestion;
import io.connectionhealth.workspace.WorkspaceService;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Base of the service integration tests: the whole application on H2 (a {@link PostgresVariant} subclass runs the
 * same tests on PostgreSQL). Every test works in a workspace of its own, so tests never see each other's rows.
 */
@SpringBootTest
@Import(TestClockConfig.class)
public abstract class ServiceTest {

    @Autowired
    protected WorkspaceService workspaces;
    @Autowired
    protected ConnectionService connections;
    @Autowired
    protected SignalIngestion ingestion;
    @Autowired
    protected EventLog events;
    @Autowired
    protected MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    protected Actor newWorkspace() {
        return Actor.api(workspaces.create("Test " + UUID.randomUUID()).id(), "test-key", Actor.Role.ADMIN);
    }

    protected Connection connection(Actor actor, String... categories) {
        return connections.create(actor, new NewConnection("hubspot", "HubSpot", List.of(categories), List.of(),
                "customer-" + UUID.randomUUID(), null));
    }

    protected static ApiCallInput call(String connectionId, Instant at, int status) {
        return new ApiCallInput(null, connectionId, at, ApiCallType.INBOUND, "GET", "/crm/contact", status, false,
                null, null, 120L, 1024L, null);
    }

    protected IngestResult post(Actor actor, ApiCallInput... calls) {
        return ingestion.ingestApiCalls(actor, List.of(calls));
    }

    /** The connection's events, oldest first. */
    protected List<Notification> eventsOf(Actor actor, String connectionId) {
        return events.list(actor, new NotificationFilter(connectionId, null, null, null), PageRequest.of(1000, 0))
                .reversed();
    }
}
