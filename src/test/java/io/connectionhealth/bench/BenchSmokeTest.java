package io.connectionhealth.bench;

import io.connectionhealth.support.ApiTest;
import io.connectionhealth.workspace.RetentionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that the benchmark's load generator runs end to end (ingest, raw, api phases and the table) against the test
 * application at a tiny size. It asserts the shape of the output only: timings belong to bench/run.sh, not to tests.
 */
class BenchSmokeTest extends ApiTest {

    @TempDir
    Path dir;
    @Autowired
    RetentionService retention;

    @Test
    void theBenchmarkRunsAndPrintsATable() throws Exception {
        Path results = dir.resolve("results.tsv");
        Bench.run("all", "--db=h2", "--base-url=" + uri("").toString(), "--api-key=" + newWorkspaceKey(),
                "--jdbc-url=jdbc:h2:mem:ch", "--state=" + dir.resolve("state.properties"), "--results=" + results,
                "--calls=1500", "--connections=20", "--log-rows=4000", "--connection-rows=300", "--runs=8", "--warmup-seconds=1",
                "--transitions=0");

        String table = Bench.table(results);
        assertThat(table).startsWith("| Measure | H2: API | H2: raw JDBC |");
        assertThat(table).contains("Ingestion (calls/s)", "1,500 calls over 20 connections", "Log: page 20 of one busy connection",
                "Connections: text search", "4000 rows");
        assertThat(Files.readAllLines(results)).hasSizeGreaterThanOrEqualTo(12);
    }

    /** The purge phase, with the purge started in-process instead of by the schedule bench/run.sh shortens. */
    @Test
    void thePurgePhaseRunsAndPrintsItsRows() throws Exception {
        Path results = dir.resolve("purge.tsv");
        Bench.runPurge(retention::purgeExpired, "purge-all", "--db=h2", "--base-url=" + uri("").toString(),
                "--api-key=" + newWorkspaceKey(), "--jdbc-url=jdbc:h2:mem:ch", "--state=" + dir.resolve("purge.properties"),
                "--results=" + results, "--connections=20", "--purge-rows=12000", "--purge-calls=2000");

        String table = Bench.table(results);
        assertThat(table).contains("Retention purge of 12,000 expired calls while ingesting", "12,000 rows in",
                "Retention purge: expired calls deleted per second while ingesting");
    }
}
