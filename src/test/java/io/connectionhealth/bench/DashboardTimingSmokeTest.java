package io.connectionhealth.bench;

import io.connectionhealth.base.Actor;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.NewConnection;
import io.connectionhealth.e2e.BrowserTest;
import io.connectionhealth.signal.ApiCallInput;
import io.connectionhealth.signal.ApiCallType;
import io.connectionhealth.signal.SignalIngestion;
import io.connectionhealth.workspace.WorkspaceService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that the benchmark's dashboard phase runs (headless Chromium against the test application, two loads per
 * view — Connections, the filtered logs, the busy connection's page — one session for the memory figure) and writes
 * its rows; shapes only, no timings. Skipped before Spring starts where Chromium or chromedriver is not installed. It shares the browser tests' application and database, so it adds
 * only healthy connections (DashboardEndToEndTest counts the unhealthy ones).
 */
@BrowserTest
class DashboardTimingSmokeTest {

    @LocalServerPort
    int port;
    @Autowired
    WorkspaceService workspaces;
    @Autowired
    ConnectionService connections;
    @Autowired
    SignalIngestion ingestion;

    @TempDir
    Path dir;

    @Test
    void theDashboardPhaseRunsAndWritesItsRows() throws Exception {
        Actor system = Actor.system(workspaces.defaultWorkspace().id());
        Connection busy = null;
        for (int i = 0; i < 3; i++) {
            Connection c = connections.create(system, new NewConnection("bench_type_" + i, "Bench connection " + i,
                    List.of("crm"), List.of(), "bench-xref-" + i, "production"));
            busy = busy == null ? c : busy;
            List<ApiCallInput> calls = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                calls.add(new ApiCallInput(null, c.id(), Instant.now().minusSeconds(60L * (k + 1)), ApiCallType.INBOUND,
                        "GET", "/v1/contacts/" + k, 200, false, null, null, 100L, 1000L, null));
            }
            ingestion.ingestApiCalls(system, calls);
        }
        Path results = dir.resolve("results.tsv");

        DashboardTiming.run("--db=h2", "--base-url=http://localhost:" + port, "--results=" + results,
                "--admin-password=" + BrowserTest.ADMIN_PASSWORD, "--hot=" + busy.id(), "--loads=2", "--warmups=0", "--sessions=1",
                "--app-pid=" + ProcessHandle.current().pid(), "--poll-seconds=1");

        List<String> rows = Files.readAllLines(results);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).startsWith("h2\tdashboard.connections\t").matches("(?s).*\t[0-9.]+ / [0-9.]+ / [0-9.]+\t.*");
        assertThat(rows.get(1)).startsWith("h2\tdashboard.logs\t").matches("(?s).*\t[0-9.]+ / [0-9.]+ / [0-9.]+\t.*");
        assertThat(rows.get(2)).startsWith("h2\tdashboard.detail\t").matches("(?s).*\t[0-9.]+ / [0-9.]+ / [0-9.]+\t.*")
                .contains("the chart: Last 24 hours, from ").contains(": 5 successful, 0 failed calls");
        assertThat(rows.get(3)).startsWith("h2\tdashboard.memory\t").contains("MiB / session");
        // a second is too short for a poll (every 30 s): this proves only that the figure is taken
        assertThat(rows.get(4)).startsWith("h2\tdashboard.poll\t").contains(" ms with them open; ");
        assertThat(Bench.table(results)).contains("Dashboard: Connections view", "Dashboard: API call logs filtered",
                "Dashboard: the busy connection's page");
    }
}
