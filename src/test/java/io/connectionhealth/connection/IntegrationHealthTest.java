package io.connectionhealth.connection;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.connectionhealth.connection.IntegrationHealth.Order.CONNECTIONS;
import static io.connectionhealth.connection.IntegrationHealth.Order.CUSTOMER_ACTS;
import static io.connectionhealth.connection.IntegrationHealth.Order.HEALTHY;
import static io.connectionhealth.connection.IntegrationHealth.Order.INTEGRATION_TYPE;
import static io.connectionhealth.connection.IntegrationHealth.Order.NEW;
import static io.connectionhealth.connection.IntegrationHealth.Order.NOT_WORKING;
import static io.connectionhealth.connection.IntegrationHealth.Order.NOT_WORKING_SHARE;
import static io.connectionhealth.connection.IntegrationHealth.Order.PLATFORM_ACTS;
import static io.connectionhealth.connection.IntegrationHealth.Order.UNHEALTHY_NOW;
import static io.connectionhealth.connection.IntegrationHealth.Order.VENDOR_ACTS;
import static org.assertj.core.api.Assertions.assertThat;

class IntegrationHealthTest extends ServiceTest {

    private final Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    private Actor actor;

    @BeforeEach
    void integrations() {
        actor = newWorkspace();
        withCalls("hubspot", 401);           // Unhealthy, the customer acts
        withCalls("hubspot", 200, 401);      // Unhealthy now, the customer acts
        withCalls("hubspot", 200);           // Healthy
        connections.delete(actor, withCalls("hubspot", 400).id()); // deleted: not counted
        withCalls("zendesk", 400);           // Unhealthy, the platform acts (any other 4xx)
        withCalls("zendesk");                // New
        withCalls("jira", 401);              // its only connection: all of it does not work
        withCalls("asana", 200);
        Actor other = newWorkspace();
        connections.create(other, new NewConnection("hubspot", null, List.of(), List.of(), null, null));
    }

    @Test
    void countsEachIntegrationsConnectionsByStatusAndWhoActs() {
        List<IntegrationHealth> rows = connections.integrationHealth(actor, NOT_WORKING, true, PageRequest.of(100, 0));
        assertThat(rows).extracting(IntegrationHealth::integrationType)
                .as("the most broken first; ties A to Z").containsExactly("hubspot", "jira", "zendesk", "asana");
        assertThat(rows.getFirst()).isEqualTo(new IntegrationHealth("hubspot", 3, 1, 1, 1, 0, 2, 0, 0));
        assertThat(rows.getFirst().notWorking()).isEqualTo(2);
        assertThat(rows.get(2)).isEqualTo(new IntegrationHealth("zendesk", 2, 0, 1, 0, 1, 0, 1, 0));
        assertThat(rows.get(3)).isEqualTo(new IntegrationHealth("asana", 1, 1, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void ordersAndPagesInTheDatabase() {
        assertThat(types(NOT_WORKING, false, 100, 0)).containsExactly("asana", "jira", "zendesk", "hubspot");
        // jira's one connection of one (100 %) before hubspot's 2 of 3 and zendesk's 1 of 2: a share, not a count
        assertThat(types(NOT_WORKING_SHARE, true, 100, 0)).containsExactly("jira", "hubspot", "zendesk", "asana");
        assertThat(types(CONNECTIONS, true, 100, 0)).containsExactly("hubspot", "zendesk", "asana", "jira");
        assertThat(types(UNHEALTHY_NOW, true, 100, 0)).containsExactly("hubspot", "asana", "jira", "zendesk");
        assertThat(types(PLATFORM_ACTS, true, 100, 0)).containsExactly("zendesk", "asana", "hubspot", "jira");
        assertThat(types(CUSTOMER_ACTS, true, 100, 0)).containsExactly("hubspot", "jira", "asana", "zendesk");
        assertThat(types(VENDOR_ACTS, false, 100, 0)).containsExactly("asana", "hubspot", "jira", "zendesk");
        assertThat(types(HEALTHY, true, 100, 0)).containsExactly("asana", "hubspot", "jira", "zendesk");
        assertThat(types(NEW, true, 100, 0)).containsExactly("zendesk", "asana", "hubspot", "jira");
        assertThat(types(INTEGRATION_TYPE, false, 100, 0)).containsExactly("asana", "hubspot", "jira", "zendesk");
        assertThat(types(INTEGRATION_TYPE, true, 100, 0)).containsExactly("zendesk", "jira", "hubspot", "asana");
        assertThat(types(NOT_WORKING, true, 2, 1)).containsExactly("jira", "zendesk");
        assertThat(connections.integrationHealth(newWorkspace(), NOT_WORKING, true, PageRequest.of(100, 0))).isEmpty();
    }

    private List<String> types(IntegrationHealth.Order order, boolean descending, int limit, int offset) {
        return connections.integrationHealth(actor, order, descending, PageRequest.of(limit, offset)).stream()
                .map(IntegrationHealth::integrationType).toList();
    }

    private Connection withCalls(String type, int... statuses) {
        Connection c = connections.create(actor, new NewConnection(type, null, List.of(), List.of(), null, null));
        for (int i = 0; i < statuses.length; i++) {
            post(actor, call(c.id(), t0.plusSeconds(i), statuses[i]));
        }
        return c;
    }
}
