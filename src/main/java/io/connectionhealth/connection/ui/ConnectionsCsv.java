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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConnectionsCsv.class);

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
        return write(out, connections, actor, filter, sort, maxRows, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Where the temporary file cannot be written (a full or read-only temporary directory) the rows go to the download
     * as they are read, as before there was a file: the export had come out empty, its failure logged as the browser
     * leaving (an audit). Nothing has been sent by then.
     */
    static int write(Writer out, ConnectionService connections, Actor actor, ConnectionFilter filter,
                     ConnectionSort sort, int maxRows, Path temporaryDirectory) throws IOException {
        Path file = null;
        try {
            int written;
            try {
                file = Files.createTempFile(temporaryDirectory, "connections-export-", ".csv");
                try (Writer buffer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    written = read(buffer, connections, actor, filter, sort, maxRows);
                }
            } catch (IOException notWritten) {
                LOG.warn("A connections CSV export could not be written to a temporary file in {} ({}); it is sent as "
                        + "it is read, holding a database connection until the download ends", temporaryDirectory,
                        notWritten.toString());
                return read(out, connections, actor, filter, sort, maxRows);
            }
            try (Reader rows = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                rows.transferTo(out);
            }
            out.flush();
            return written;
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
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
