package io.connectionhealth.workspace;

import io.connectionhealth.base.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes API calls, job runs and events older than each workspace's retention, a bounded batch per
 * transaction, so that purging millions of rows never holds one long transaction or lock.
 */
@Service
public class RetentionService {

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);
    static final int BATCH = 5_000;

    /** What one purge deleted. */
    public record PurgeResult(long apiCalls, long jobRuns, long events) {
        public long total() {
            return apiCalls + jobRuns + events;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final WorkspaceService workspaces;
    private final Clock clock;

    RetentionService(JdbcClient jdbc, TransactionTemplate transactions, WorkspaceService workspaces, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    public PurgeResult purgeExpired() {
        Instant now = clock.instant();
        long calls = 0;
        long runs = 0;
        long events = 0;
        for (Workspace workspace : workspaces.all()) {
            Instant cutoff = now.minus(Duration.ofDays(workspace.retentionDays()));
            calls += purge(workspace.id(), cutoff, """
                    delete from api_call where workspace_id = :ws and id in
                        (select id from api_call where workspace_id = :ws and created_at < :cutoff limit :batch)""");
            runs += purge(workspace.id(), cutoff, """
                    delete from job_run where id in
                        (select id from job_run where workspace_id = :ws and finished_at < :cutoff limit :batch)""");
            events += purgeEvents(workspace.id(), cutoff);
        }
        PurgeResult result = new PurgeResult(calls, runs, events);
        if (result.total() > 0) {
            log.info("Retention purge deleted {} API calls, {} job runs and {} events", calls, runs, events);
        }
        return result;
    }

    /** Events go with their delivery attempts, batch by batch. */
    private long purgeEvents(String workspaceId, Instant cutoff) {
        long total = 0;
        while (true) {
            Integer deleted = transactions.execute(tx -> {
                var ids = jdbc.sql("select id from notification_event where workspace_id = ? and created_at < ? limit ?")
                        .params(workspaceId, Times.sql(cutoff), BATCH).query(String.class).list();
                if (ids.isEmpty()) {
                    return 0;
                }
                jdbc.sql("delete from delivery_attempt where event_id in (:ids)").param("ids", ids).update();
                return jdbc.sql("delete from notification_event where id in (:ids)").param("ids", ids).update();
            });
            total += deleted == null ? 0 : deleted;
            if (deleted == null || deleted < BATCH) {
                return total;
            }
        }
    }

    private long purge(String workspaceId, Instant cutoff, String sql) {
        long total = 0;
        while (true) {
            Integer deleted = transactions.execute(tx -> jdbc.sql(sql).param("ws", workspaceId)
                    .param("cutoff", Times.sql(cutoff)).param("batch", BATCH).update());
            total += deleted == null ? 0 : deleted;
            if (deleted == null || deleted < BATCH) {
                return total;
            }
        }
    }
}
