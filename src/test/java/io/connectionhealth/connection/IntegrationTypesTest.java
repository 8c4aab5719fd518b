package io.connectionhealth.connection;

import io.connectionhealth.base.Actor;
import io.connectionhealth.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrationTypesTest extends ServiceTest {

    @Test
    void listsEachTypeOfTheWorkspaceOnceInOrderLeavingOutDeletedConnections() {
        Actor actor = newWorkspace();
        for (String type : List.of("zendesk", "hubspot", "salesforce", "hubspot", "asana", "zendesk")) {
            create(actor, type);
        }
        Connection onlyOne = create(actor, "pipedrive");
        connections.delete(actor, onlyOne.id());
        Connection oneOfTwo = create(actor, "asana");
        connections.delete(actor, oneOfTwo.id());
        create(newWorkspace(), "other-workspace");

        assertThat(connections.integrationTypes(actor)).containsExactly("asana", "hubspot", "salesforce", "zendesk");
        assertThat(connections.integrationTypes(newWorkspace())).isEmpty();
    }

    private Connection create(Actor actor, String type) {
        return connections.create(actor, new NewConnection(type, null, List.of(), List.of(), null, null));
    }
}
