package io.connectionhealth.connection.ui;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ui.Csv;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionFilter;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.ConnectionSort;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import static io.connectionhealth.base.ui.Csv.text;
import static io.connectionhealth.base.ui.Csv.value;

/**
 * The connections of a filter as CSV, in the list's order, read page by page: the list of customers to contact, say,
 * for everyone whose connection is unauthorized.
 */
final class ConnectionsCsv {

    static final int MAX_ROWS = 100_000;
    static final List<String> HEADER = List.of("id", "integration_type", "integration_name", "external_xref",
            "environment", "categories", "status", "health_name", "resolution_owner", "health_description", "is_paused",
            "last_healthy_at", "last_unhealthy_at", "last_unhealthy_code", "credentials_updated_at", "created_at",
            "updated_at");

    private ConnectionsCsv() {
    }

    static int write(Writer out, ConnectionService connections, Actor actor, ConnectionFilter filter,
                     ConnectionSort sort, int maxRows) throws IOException {
        return connections.inOneSnapshot(() -> Csv.<Connection>write(out, HEADER, maxRows,
                (page, last) -> connections.list(actor, filter, sort, page), c -> {
            boolean health = c.health() != null;
            return List.of(c.id(), text(c.integrationType()), text(c.integrationName()), text(c.externalXref()),
                    text(c.environment()), text(String.join(", ", c.categories())), c.status().name(),
                    health ? value(c.health().name()) : "", health ? value(c.health().resolutionOwner()) : "",
                    health ? text(c.health().description()) : "", String.valueOf(c.isPaused()),
                    value(c.lastHealthyAt()), value(c.lastUnhealthyAt()), value(c.lastUnhealthyCode()),
                    value(c.credentialsUpdatedAt()), value(c.createdAt()), value(c.updatedAt()));
        }));
    }
}
