package io.connectionhealth.connection.ui;

import io.connectionhealth.base.Actor;
import io.connectionhealth.connection.ConnectionService;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The customers (external_xref) of the connections a log's rows name, read once per page of rows and kept while the
 * page is open, up to {@link #MAX} of them: a log shows the customer, since an id says nothing to a reader.
 */
public final class CustomerNames {

    static final int MAX = 10_000;

    private final Map<String, String> byConnection = new HashMap<>();
    private final ConnectionService connections;
    private final Actor actor;

    public CustomerNames(ConnectionService connections, Actor actor) {
        this.connections = connections;
        this.actor = actor;
    }

    /** Reads the customers of these connections not read yet (null ids are skipped). */
    public void learn(Collection<String> connectionIds) {
        if (byConnection.size() > MAX) {
            byConnection.clear();
        }
        byConnection.putAll(connections.customers(actor, connectionIds.stream().filter(Objects::nonNull)
                .filter(id -> !byConnection.containsKey(id)).collect(Collectors.toSet())));
    }

    /** The connection's customer, or null when it has none or was not read. */
    public String of(String connectionId) {
        return connectionId == null ? null : byConnection.get(connectionId);
    }

    /** The id's first eight characters, for a list; the full id goes in a tooltip. */
    public static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) + "…" : id;
    }
}
