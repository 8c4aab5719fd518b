package io.connectionhealth.connection.ui;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ui.Csv;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionFilter;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.ConnectionSort;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * Read in one snapshot into a temporary file, then sent from it: written straight to the download, the snapshot's
     * transaction, and the pooled database connection under it, waited for as long as the browser took to read
     * 100,000 rows (a code review).
     */
    static int write(Writer out, ConnectionService connections, Actor actor, ConnectionFilter filter,
                     ConnectionSort sort, int maxRows) throws IOException {
        Path file = Files.createTempFile("connections-export-", ".csv");
        try {
            int written;
            try (Writer buffer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                written = read(buffer, connections, actor, filter, sort, maxRows);
            }
            try (Reader rows = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                rows.transferTo(out);
            }
            out.flush();
            return written;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static int read(Writer out, ConnectionService connections, Actor actor, ConnectionFilter filter,
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
