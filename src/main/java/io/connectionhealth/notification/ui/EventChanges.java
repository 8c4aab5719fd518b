package io.connectionhealth.notification.ui;

import io.connectionhealth.base.ui.Badges;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.ResolutionOwner;
import io.connectionhealth.notification.EventType;
import io.connectionhealth.notification.Notification;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a recorded event says happened to its connection, in the words the rest of the dashboard uses. */
public final class EventChanges {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventChanges() {
    }

    /**
     * "Healthy → Unhealthy now · UNAUTHORIZED, Customer acts", from the event's body. A second CONNECTION_UNHEALTHY
     * in a row is sent because the health name, and so perhaps who must act, changed (SPEC §4): shown with its name
     * and owner it no longer looks like the first one again. The status alone for other events ("Deleted while" it
     * for a deletion); empty if the body cannot be read.
     */
    public static String describe(Notification n) {
        try {
            JsonNode data = JSON.readTree(n.payload()).path("data");
            String before = data.path("previous_status").isString() ? data.path("previous_status").stringValue() : null;
            String after = data.path("connection").path("status").stringValue("");
            String status = before == null || before.equals(after) ? statusLabel(after)
                    : statusLabel(before) + " → " + statusLabel(after);
            if (n.event() == EventType.CONNECTION_UPDATED) {
                // the body does not say what changed, but an update that recorded new credentials stamps both times
                // alike; on its own, "Unhealthy now" had read as a change of status
                JsonNode connection = data.path("connection");
                String credentials = connection.path("credentials_updated_at").stringValue(null);
                return credentials != null && credentials.equals(connection.path("updated_at").stringValue(null))
                        ? status + " · credentials updated" : status;
            }
            if (n.event() == EventType.CONNECTION_DELETED) {
                return "Deleted while " + status; // its status alone had read as what it became
            }
            if (n.event() != EventType.CONNECTION_UNHEALTHY) {
                return status;
            }
            JsonNode health = data.path("connection").path("health");
            String name = health.path("name").stringValue(null);
            String owner = health.path("resolution_owner").stringValue(null);
            return status + (name == null ? "" : " · " + name)
                    + (owner == null ? "" : ", " + Badges.label(ResolutionOwner.valueOf(owner)) + " acts");
        } catch (RuntimeException unreadable) {
            return ""; // a body this version did not write: the row still lists the event
        }
    }

    /** The status the event's body gives its connection, or null if it cannot be read. */
    public static ConnectionStatus statusAfter(Notification n) {
        try {
            return ConnectionStatus.valueOf(JSON.readTree(n.payload()).path("data").path("connection").path("status")
                    .stringValue(""));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** The connection's integration as the event's body names it (its name, else its type), or null. */
    public static String integration(Notification n) {
        try {
            JsonNode connection = JSON.readTree(n.payload()).path("data").path("connection");
            String name = connection.path("integration_name").stringValue(null);
            return name != null && !name.isBlank() ? name : connection.path("integration_type").stringValue(null);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String statusLabel(String name) {
        try {
            return Badges.label(ConnectionStatus.valueOf(name));
        } catch (IllegalArgumentException unknown) {
            return name;
        }
    }
}
