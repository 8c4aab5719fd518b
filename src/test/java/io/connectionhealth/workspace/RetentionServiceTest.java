package io.connectionhealth.workspace;

import io.connectionhealth.base.Actor;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.signal.ApiCallFilter;
import io.connectionhealth.signal.ApiCallInput;
import io.connectionhealth.signal.SignalLog;
import io.connectionhealth.signal.JobRunInput;
import io.connectionhealth.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionServiceTest extends ServiceTest {

    @Autowired
    RetentionService retention;
    @Autowired
    SignalLog log;
    @Autowired
    JdbcClient jdbc;

    @Test
    void deletesExactlyWhatIsPastEachWorkspacesWindowInBatches() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Actor actor = newWorkspace();
        Actor shortLived = newWorkspace();
        retentionOf(shortLived, 1);

        clock.set(now.minus(Duration.ofDays(61)));
        Connection old = connection(actor);          // its CONNECTION_CREATED event is 61 days old
        clock.set(now);
        Connection c = connection(actor);
        Connection s = connection(shortLived);

        int expired = RetentionService.BATCH * 2 + 17;   // more than one batch
        List<ApiCallInput> calls = new ArrayList<>();
        for (int i = 0; i < expired; i++) {
            // 3,000 calls share each instant, so that batches end in the middle of a run of equal timestamps
            calls.add(call(c.id(), now.minus(Duration.ofDays(61)).plusMillis(i / 3000), 200));
        }
        for (int from = 0; from < calls.size(); from += 10_000) {
            ingestion.ingestApiCalls(actor, calls.subList(from, Math.min(calls.size(), from + 10_000)));
        }
        post(actor, call(c.id(), now.minus(Duration.ofDays(60)).plus(Duration.ofMinutes(1)), 200));
        post(actor, call(c.id(), now.minus(Duration.ofDays(60)), 200));   // exactly at the cutoff: not past it
        post(actor, call(c.id(), now.minus(Duration.ofDays(1)), 200));
        post(shortLived, call(s.id(), now.minus(Duration.ofHours(25)), 200), call(s.id(), now.minus(Duration.ofHours(23)), 200));
        ingestion.ingestJobRun(actor, new JobRunInput(c.id(), null, now.minus(Duration.ofDays(70)), false, null, null, List.of()));
        ingestion.ingestJobRun(actor, new JobRunInput(c.id(), null, now.minus(Duration.ofDays(2)), false, null, null, List.of()));

        clock.set(now);
        RetentionService.PurgeResult purged = retention.purgeExpired();

        assertThat(purged.apiCalls()).isGreaterThanOrEqualTo(expired + 1);   // + the short-lived workspace's one
        assertThat(log.count(actor, ApiCallFilter.forConnection(c.id()), 100_000)).isEqualTo(3);
        assertThat(log.count(shortLived, ApiCallFilter.forConnection(s.id()), 100)).isEqualTo(1);
        assertThat(log.jobRuns(actor, c.id(), io.connectionhealth.base.PageRequest.of(10, 0))).hasSize(1);
        assertThat(eventsOf(actor, old.id())).isEmpty();
        assertThat(eventsOf(actor, c.id())).isNotEmpty();
        // the connection's health is not a log: it stays
        assertThat(connections.get(actor, c.id()).lastHealthyAt()).isEqualTo(now.minus(Duration.ofDays(1)));
    }

    @Test
    void anEventStillToBeSentStaysPastTheRetentionWithItsAttempts() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Actor actor = newWorkspace();
        retentionOf(actor, 1);
        Map<String, String> eventByState = new LinkedHashMap<>();
        for (String state : List.of("PENDING", "RETRYING", "DELIVERED", "FAILED", "NOT_SENT")) {
            clock.set(now.minus(Duration.ofDays(2)));   // its CONNECTION_CREATED event is two days old
            Connection c = connection(actor);
            String event = eventsOf(actor, c.id()).getFirst().id();
            // the states a receiver's answers leave (a retry schedule of ~28 h outlasts a 1-day retention)
            jdbc.sql("update notification_event set delivery_state = ? where id = ?").params(state, event).update();
            jdbc.sql("insert into delivery_attempt (event_id, workspace_id, attempted_at, duration_ms, http_status)"
                    + " values (?, ?, ?, 5, 500)").params(event, actor.workspaceId(), java.sql.Timestamp.from(clock.instant()))
                    .update();
            eventByState.put(state, event);
        }
        clock.set(now);

        RetentionService.PurgeResult purged = retention.purgeExpired();

        assertThat(purged.events()).as("other workspaces may have had some due too").isGreaterThanOrEqualTo(3);
        List<String> left = jdbc.sql("select delivery_state from notification_event where workspace_id = ? order by delivery_state")
                .param(actor.workspaceId()).query(String.class).list();
        assertThat(left).containsExactly("PENDING", "RETRYING");
        List<String> attemptsOf = jdbc.sql("select event_id from delivery_attempt where workspace_id = ?")
                .param(actor.workspaceId()).query(String.class).list();
        assertThat(attemptsOf).containsExactlyInAnyOrder(eventByState.get("PENDING"), eventByState.get("RETRYING"));
    }

    /** The purge's subject here is the purge: set directly, since saving a shorter retention starts one itself. */
    private void retentionOf(Actor actor, int days) {
        jdbc.sql("update workspace set retention_days = ? where id = ?").params(days, actor.workspaceId()).update();
    }

    @Test
    void aShorterRetentionIsPurgedAtOnceNotAtTheNextHourlyRun() throws InterruptedException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        Actor actor = newWorkspace();
        Connection c = connection(actor);
        post(actor, call(c.id(), now.minus(Duration.ofDays(10)), 200), call(c.id(), now.minus(Duration.ofDays(1)), 200));

        assertThat(workspaces.updateRetention(actor, 5).purgingNow()).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (log.count(actor, ApiCallFilter.forConnection(c.id()), 100) > 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(log.count(actor, ApiCallFilter.forConnection(c.id()), 100))
                .as("the 10-day-old call deleted by the scheduler, not an hour later").isEqualTo(1);
        assertThat(workspaces.updateRetention(actor, 30).purgingNow()).as("a longer retention deletes nothing").isFalse();
    }

    /**
     * A retention shortened while a purge runs (the purge cannot be brought forward then) is purged by that run: it
     * reads the workspaces again at its end.
     */
    @Test
    void aRetentionShortenedDuringAPurgeIsPurgedByIt(@Autowired org.springframework.transaction.PlatformTransactionManager
                                                             transactionManager) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now.minusSeconds(1));
        Actor early = newWorkspace();   // purged first: workspaces go oldest first
        clock.set(now);
        Actor late = newWorkspace();
        retentionOf(early, 30);
        Connection e = connection(early);
        Connection l = connection(late);
        post(early, call(e.id(), now.minus(Duration.ofDays(40)), 200), call(e.id(), now.minus(Duration.ofDays(10)), 200));
        post(late, call(l.id(), now.minus(Duration.ofDays(61)), 200));

        // the later workspace's expired call is locked, so the purge waits there, after the early one's first pass
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // threads of their own: the common pool has one on a two-core machine
        java.util.concurrent.Executor threads = runnable -> Thread.ofPlatform().start(runnable);
        var holder = java.util.concurrent.CompletableFuture.runAsync(() ->
                new org.springframework.transaction.support.TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
                    jdbc.sql("select id from api_call where workspace_id = ? for update").param(late.workspaceId())
                            .query(String.class).list();
                    locked.countDown();
                    try {
                        release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }), threads);
        assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        var purging = java.util.concurrent.CompletableFuture.supplyAsync(retention::purgeExpired, threads);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (log.count(early, ApiCallFilter.forConnection(e.id()), 100) > 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(log.count(early, ApiCallFilter.forConnection(e.id()), 100)).as("the early workspace's first pass")
                .isEqualTo(1);
        retentionOf(early, 5);   // while the purge waits on the later workspace
        release.countDown();
        holder.get(30, java.util.concurrent.TimeUnit.SECONDS);
        purging.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(log.count(early, ApiCallFilter.forConnection(e.id()), 100)).as("its 10-day-old call, by the same run")
                .isZero();
        assertThat(log.count(late, ApiCallFilter.forConnection(l.id()), 100)).isZero();
    }
}
