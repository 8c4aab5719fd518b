package io.connectionhealth.workspace;

import io.connectionhealth.base.Times;
import io.connectionhealth.base.api.IdempotentCreates;
import io.connectionhealth.base.sql.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Deletes API calls, job runs and events older than each workspace's retention, a bounded batch per
 * transaction, so that purging millions of rows never holds one long transaction or lock.
 */
@Service
public class RetentionService {

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);
    static final int BATCH = 5_000;
    /** Passes over the workspaces whose retention was shortened during the one before; then the next run's turn. */
    static final int MAX_PASSES = 3;

    /** What one purge deleted. */
    public record PurgeResult(long apiCalls, long jobRuns, long events) {
        public long total() {
            return apiCalls + jobRuns + events;
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transactions;
    private final WorkspaceService workspaces;
    private final Clock clock;
    private final RetentionProperties properties;
    private final Database database;
    private final IdempotentCreates idempotent;

    RetentionService(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transactions,
                     WorkspaceService workspaces, Clock clock, RetentionProperties properties, Database database,
                     IdempotentCreates idempotent) {
        this.idempotent = idempotent;
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transactions = transactions;
        this.workspaces = workspaces;
        this.clock = clock;
        this.properties = properties;
        this.database = database;
    }

    public PurgeResult purgeExpired() {
        Instant now = clock.instant();
        long started = System.nanoTime();
        long calls = 0;
        long runs = 0;
        long events = 0;
        // a retention shortened while this purge runs cannot bring the next one forward (PurgeTrigger), so the
        // workspaces are read again at the end and those kept shorter now are purged again (an audit: calls the
        // admin had just agreed to delete stayed listed for an hour)
        Map<String, Integer> purgedWith = new HashMap<>();
        List<Workspace> due = workspaces.all();
        for (int pass = 0; pass < MAX_PASSES && !due.isEmpty(); pass++) {
            for (Workspace workspace : due) {
                purgedWith.put(workspace.id(), workspace.retentionDays());
                PurgeResult one = purge(workspace.id(), now.minus(Duration.ofDays(workspace.retentionDays())));
                calls += one.apiCalls();
                runs += one.jobRuns();
                events += one.events();
            }
            // only those purged by this run: a workspace created meanwhile is the next run's (a test's new workspace
            // had a batch of its calls deleted while they were being stored, by a purge another test brought forward)
            due = workspaces.all().stream().filter(w -> purgedWith.containsKey(w.id())
                    && w.retentionDays() < purgedWith.get(w.id())).toList();
        }
        PurgeResult result = new PurgeResult(calls, runs, events);
        long keys = idempotent.purge();
        // also when nothing was due: an operator reads in the log that the purge runs
        log.info("Retention purge deleted {} API calls, {} job runs and {} events in {} s ({} idempotency keys older "
                        + "than a day)", calls, runs, events,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9), keys);
        return result;
    }

    /** One workspace's expired calls, job runs and events. */
    private PurgeResult purge(String workspaceId, Instant cutoff) {
        long calls = database.isPostgres() ? purgeApiCallsPostgres(workspaceId, cutoff)
                // by full primary key: H2 would use only the workspace_id prefix of the key for "id in (…)"
                : purge(workspaceId, cutoff, "select id from api_call where workspace_id = :ws and created_at < :cutoff limit :batch",
                ids -> jdbcTemplate.batchUpdate("delete from api_call where workspace_id = ? and id = ?",
                        ids.stream().map(id -> new Object[]{workspaceId, id}).toList()));
        long runs = purge(workspaceId, cutoff, "select id from job_run where workspace_id = :ws and finished_at < :cutoff limit :batch",
                ids -> jdbc.sql("delete from job_run where id in (:ids)").param("ids", ids).update());
        // events go with their delivery attempts; the events first, whose row locks an attempt being recorded waits
        // for (DeliveryWorker), so that no attempt is recorded after the attempts were deleted. An event still to be
        // sent stays, however old: the retry schedule (~28 h) or a disabled endpoint can outlast a 1-day retention,
        // and SPEC §4 promises at least once. The delete tests the state again: a replay may have queued it since.
        long events = purge(workspaceId, cutoff, "select id from notification_event where workspace_id = :ws and created_at < :cutoff"
                        + " and delivery_state not in ('PENDING', 'RETRYING') limit :batch",
                ids -> {
                    jdbc.sql("delete from notification_event where id in (:ids)"
                            + " and delivery_state not in ('PENDING', 'RETRYING')").param("ids", ids).update();
                    jdbc.sql("delete from delivery_attempt where event_id in (:ids) and not exists"
                            + " (select 1 from notification_event e where e.id = delivery_attempt.event_id)")
                            .param("ids", ids).update();
                });
        return new PurgeResult(calls, runs, events);
    }

    /**
     * PostgreSQL, where the call log is largest: one statement per batch that takes the oldest expired calls by the
     * (workspace_id, created_at) index, starting where the previous batch ended — a deleted row's index entry stays
     * until VACUUM, so starting from the oldest each time would step over all of them again — and deletes them by
     * ctid, without a primary-key lookup per row. About 5 × less database CPU per row than selecting keys and
     * deleting by key (docs/benchmarks.md). Rows tied with a batch's last created_at are taken by the next one.
     */
    private long purgeApiCallsPostgres(String workspaceId, Instant cutoff) {
        long total = 0;
        Instant from = null;
        while (true) {
            long started = System.nanoTime();
            var batch = jdbc.sql("""
                            with batch as (
                                delete from api_call where ctid = any(array(
                                    select ctid from api_call
                                    where workspace_id = :ws and created_at < :cutoff %s
                                    order by created_at limit :batch))
                                returning created_at)
                            select count(*) as deleted, max(created_at) as last from batch"""
                            .formatted(from == null ? "" : "and created_at >= :from"))
                    .param("ws", workspaceId).param("cutoff", Times.sql(cutoff)).param("batch", BATCH)
                    .param("from", Times.sql(from))
                    .query((rs, n) -> new DeletedBatch(rs.getLong("deleted"), Times.read(rs, "last"))).single();
            total += batch.deleted();
            if (batch.deleted() < BATCH || !pause(started)) {
                return total;
            }
            from = batch.last();
        }
    }

    private record DeletedBatch(long deleted, Instant last) {
    }

    /**
     * Yields to ingestion after a batch begun at {@code batchStarted} (app.retention.duty-cycle); false when the
     * thread was interrupted (the application stops): the purge ends there and the next one goes on.
     */
    private boolean pause(long batchStarted) {
        Duration pause = properties.pauseAfter(Duration.ofNanos(System.nanoTime() - batchStarted));
        if (pause.isZero()) {
            return true;
        }
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Selects a batch of expired keys, then deletes by key — index lookups on both databases (H2 plans a
     * DELETE … IN (SELECT … LIMIT) badly) — one transaction per batch, until a batch comes back short.
     */
    private long purge(String workspaceId, Instant cutoff, String selectKeys, Consumer<List<String>> deleteKeys) {
        long total = 0;
        while (true) {
            long started = System.nanoTime();
            Integer deleted = transactions.execute(tx -> {
                List<String> ids = jdbc.sql(selectKeys).param("ws", workspaceId).param("cutoff", Times.sql(cutoff))
                        .param("batch", BATCH).query(String.class).list();
                if (!ids.isEmpty()) {
                    deleteKeys.accept(ids);
                }
                return ids.size();
            });
            total += deleted == null ? 0 : deleted;
            if (deleted == null || deleted < BATCH || !pause(started)) {
                return total;
            }
        }
    }
}
