package io.connectionhealth.connection;

import io.connectionhealth.base.Actor;
import io.connectionhealth.support.ServiceTest;
import io.connectionhealth.workspace.RetentionService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrationTypesTest extends ServiceTest {

    @Autowired
    private RetentionService retention;

    @Test
    void listsEachTypeOfTheWorkspaceOnceInOrderLeavingOutDeletedConnections() {
        Actor actor = newWorkspace();
        for (String type : List.of("zendesk", "hubspot", "salesforce", "hubspot", "asana", "zendesk")) {
            create(actor, type);
        }
        Connection onlyOne = create(actor, "pipedrive");
        post(actor, call(onlyOne.id(), clock.instant(), 200));
        connections.delete(actor, onlyOne.id());
        Connection oneOfTwo = create(actor, "asana");
        connections.delete(actor, oneOfTwo.id());
        Connection withoutCalls = create(actor, "trello");
        connections.delete(actor, withoutCalls.id());
        Connection callsPurged = create(actor, "monday");
        post(actor, call(callsPurged.id(), clock.instant().minus(Duration.ofDays(61)), 200));
        connections.delete(actor, callsPurged.id());
        retention.purgeExpired();
        // deleted 61 days ago, so its calls went with retention; one that came after the deletion is not looked for
        java.time.Instant now = clock.instant();
        clock.set(now.minus(Duration.ofDays(61)));
        Connection deletedLongAgo = create(actor, "jira");
        connections.delete(actor, deletedLongAgo.id());
        clock.set(now);
        post(actor, call(deletedLongAgo.id(), now.minusSeconds(5), 200));
        create(newWorkspace(), "other-workspace");

        assertThat(connections.integrationTypes(actor)).containsExactly("asana", "hubspot", "salesforce", "zendesk");
        // the log's filter offers a deleted connection's type while the log holds its calls, not once retention took
        // them (nor when it had none): picking it would find nothing
        assertThat(connections.integrationTypesInTheLog(actor))
                .containsExactly("asana", "hubspot", "pipedrive", "salesforce", "zendesk");
        assertThat(connections.integrationTypes(newWorkspace())).isEmpty();
    }

    /** The Connections page's Environment filter offers these: each once, in order, the default's too. */
    @Test
    void listsEachEnvironmentOfTheWorkspaceOnceInOrderLeavingOutDeletedConnections() {
        Actor actor = newWorkspace();
        for (String environment : List.of("Sandbox", "Staging", "Sandbox")) {
            connections.create(actor, new NewConnection("hubspot", null, List.of(), List.of(), null, environment));
        }
        create(actor, "hubspot"); // Production, the default
        Connection deleted = connections.create(actor, new NewConnection("jira", null, List.of(), List.of(), null, "QA"));
        connections.delete(actor, deleted.id());
        connections.create(newWorkspace(), new NewConnection("jira", null, List.of(), List.of(), null, "Elsewhere"));

        assertThat(connections.environments(actor)).containsExactly("Production", "Sandbox", "Staging");
        assertThat(connections.environments(newWorkspace())).isEmpty();
    }

    private Connection create(Actor actor, String type) {
        return connections.create(actor, new NewConnection(type, null, List.of(), List.of(), null, null));
    }
}
