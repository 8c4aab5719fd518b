package io.connectionhealth.notification;

import io.connectionhealth.base.AfterCommit;
import io.connectionhealth.base.Times;
import io.connectionhealth.base.sql.DiskFullAlarm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One delivery attempt of one event: sign, POST, record the attempt, move the event and the endpoint on. Runs on
 * a db-scheduler thread, which holds the event's task instance, so no other instance sends this event meanwhile.
 * The HTTP call runs outside any transaction; its outcome is written in one.
 */
@Component
class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    static final int PULL_FORWARD = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final NotificationSettingsService settings;
    private final WebhookClient client;
    private final RetrySchedule schedule;
    private final WebhookProperties properties;
    private final DeliveryQueue queue;
    private final Clock clock;
    private final SpellLog spells = new SpellLog();
    private final GiveUpLog givenUp = new GiveUpLog();
    private final EventLog events;
    private final DiskFullAlarm diskFull;
    private final DeliveryMetrics metrics;
    /**
     * Attempts that went out but whose outcome could not be written (a full disk, the database lost meanwhile), by
     * event id: the event's retry writes it instead of sending again. Sent again, a PostgreSQL disk audit saw each
     * waiting event reach the receiver every 30 s while the disk stayed full (1,160 events 7 times each).
     */
    private final Map<String, Unrecorded> unrecorded = new ConcurrentHashMap<>();
    static final int MAX_UNRECORDED = 10_000;

    private record Unrecorded(String url, Instant failingWhenSent, SendResult result) {
    }

    DeliveryWorker(JdbcClient jdbc, TransactionTemplate tx, NotificationSettingsService settings,
                   WebhookClient client, WebhookProperties properties, DeliveryQueue queue, Clock clock,
                   DiskFullAlarm diskFull, EventLog events, DeliveryMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.events = events;
        this.tx = tx;
        this.settings = settings;
        this.client = client;
        this.properties = properties;
        this.queue = queue;
        this.schedule = new RetrySchedule(properties.retrySchedule(), properties.jitter());
        this.clock = clock;
        this.diskFull = diskFull;
    }

    /** When to try this event again, or empty when its delivery is over (or parked until re-enabled). */
    Optional<Instant> deliver(String eventId) {
        PendingEvent event = jdbc.sql("""
                        select id, workspace_id, payload, delivery_state, attempt_count, pulled_from
                        from notification_event where id = ?""").param(eventId)
                .query((rs, n) -> new PendingEvent(rs.getString("id"), rs.getString("workspace_id"),
                        rs.getString("payload"), DeliveryState.valueOf(rs.getString("delivery_state")),
                        rs.getInt("attempt_count"), Times.read(rs, "pulled_from")))
                .optional().orElse(null);
        if (event == null || (event.state() != DeliveryState.PENDING && event.state() != DeliveryState.RETRYING)) {
            unrecorded.remove(eventId);
            return Optional.empty();
        }
        Unrecorded sent = unrecorded.get(eventId);
        if (sent != null) {
            return recorded(event, sent);
        }
        NotificationSettings endpoint = settings.forWorkspace(event.workspaceId());
        if (endpoint.url() == null) {
            setState(event.id(), DeliveryState.NOT_SENT, null, 0);
            return Optional.empty();
        }
        if (endpoint.disabled()) {
            if (Boolean.TRUE.equals(tx.execute(status -> parkIfDisabled(event.workspaceId(), event.id(), 0)))) {
                return Optional.empty();
            }
            return Optional.of(clock.instant()); // re-enabled since the read above: send it now
        }
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        String signature = WebhookSigner.signatureHeader(settings.signingSecrets(event.workspaceId(), now),
                event.id(), timestamp, event.payload());
        SendResult result = client.post(endpoint.url(), event.id(), timestamp, signature, event.payload());
        // failing since when, as this attempt went out (null: it was not failing)
        Instant failingWhenSent = NotificationSettings.FAILING.equals(endpoint.state()) ? endpoint.failingSince() : null;
        return recorded(event, new Unrecorded(endpoint.url(), failingWhenSent, result));
    }

    /** Writes an attempt's outcome; if that fails, keeps it for the retry to write (within MAX_UNRECORDED). */
    private Optional<Instant> recorded(PendingEvent event, Unrecorded sent) {
        Outcome outcome;
        try {
            outcome = tx.execute(status -> recordOutcome(event, sent.url(), sent.failingWhenSent(), sent.result()));
        } catch (RuntimeException notWritten) {
            diskFull.check(notWritten);
            if (unrecorded.size() < MAX_UNRECORDED) {
                unrecorded.put(event.id(), sent);
            }
            throw notWritten;
        }
        unrecorded.remove(event.id());
        metrics.attempt(sent.result().success());
        if (outcome.recovered()) {
            pullRetriesForward(event.workspaceId(), outcome.logged());
        }
        return outcome.next();
    }

    /**
     * When to try again (empty: done or parked), whether this success ended a failing spell, and whether that end was
     * logged.
     */
    private record Outcome(Optional<Instant> next, boolean recovered, boolean logged) {
        Outcome(Optional<Instant> next, boolean recovered) {
            this(next, recovered, false);
        }
    }

    private Outcome recordOutcome(PendingEvent event, String urlTried, Instant failingWhenSent, SendResult result) {
        // the settings row first, as saving the settings does before it marks events: one order, no deadlock
        String currentUrl = currentUrlLocked(event.workspaceId());
        // an event purged by retention while the attempt was out gets no record of it, which would outlive the event
        // (RetentionService); what the answer says about the endpoint still counts, and the event's updates find no row
        if (jdbc.sql("select id from notification_event where id = ? for update").param(event.id()).query(String.class)
                .optional().isPresent()) {
            insertAttempt(event.id(), event.workspaceId(), urlTried, result);
        }
        Instant at = result.attemptedAt();
        if (!result.success() && !urlTried.equals(currentUrl)) {
            return toTheNewUrl(event);
        }
        if (result.success()) {
            return delivered(event, at);
        }
        if (result.gone()) {
            return gone(event, at);
        }
        endpointFailing(event, result, at);
        if (parkIfDisabled(event.workspaceId(), event.id(), 1)) {
            return new Outcome(Optional.empty(), false);
        }
        return retryOrGiveUp(event, failingWhenSent, result, at);
    }

    /**
     * The URL changed while this attempt was out: the failure was the old URL's, so the endpoint's state is left alone
     * and the event goes to the new URL now, with a fresh schedule.
     */
    private Outcome toTheNewUrl(PendingEvent event) {
        Instant now = Times.micros(clock.instant());
        jdbc.sql("""
                        update notification_event set delivery_state = 'RETRYING', next_attempt_at = ?, attempt_count = 0,
                            pulled_from = null
                        where id = ? and delivery_state in ('PENDING', 'RETRYING')""")
                .params(Times.sql(now), event.id()).update();
        return new Outcome(Optional.of(now), false);
    }

    /** Delivered: a failing spell, if one was on, is over. */
    private Outcome delivered(PendingEvent event, Instant at) {
        setState(event.id(), DeliveryState.DELIVERED, null, 1);
        Instant spellBegan = instantOfSettings(event.workspaceId(), "failing_since");
        int recovered = jdbc.sql("""
                        update notification_settings set state = 'enabled', failing_since = null
                        where workspace_id = :ws and state = 'failing'""")
                .param("ws", event.workspaceId()).update();
        boolean logged = recovered > 0 && spells.ended(event.workspaceId());
        if (logged) {
            log.info("Webhook endpoint of workspace {} works again: event {} was delivered", event.workspaceId(),
                    event.id());
        }
        // only ever forward: a slow success that began earlier may finish after a later one
        jdbc.sql("""
                        update notification_settings set last_success_at = :at
                        where workspace_id = :ws and (last_success_at is null or last_success_at < :at)""")
                .param("at", Times.sql(at)).param("ws", event.workspaceId()).update();
        return new Outcome(Optional.empty(), recovered > 0 && spellBegan != null && longSpell(spellBegan, at), logged);
    }

    /** 410 Gone: the receiver asks for no more deliveries, so the endpoint is disabled and the event parked. */
    private Outcome gone(PendingEvent event, Instant at) {
        disable(event.workspaceId(), at, "The receiver answered 410 Gone, asking for no more deliveries. "
                + "Pending events are kept; re-enable to send them.");
        // kept with them: a receiver answering 410 by mistake (mid-deploy, say) must not lose the event
        park(event.id(), 1);
        return new Outcome(Optional.empty(), false);
    }

    /** A failed attempt: the endpoint is failing from it on (logged once per spell), and disabled once that lasts. */
    private void endpointFailing(PendingEvent event, SendResult result, Instant at) {
        // an attempt that began before the last success (a slow one) says nothing about the endpoint now
        int nowFailing = jdbc.sql("""
                        update notification_settings set state = 'failing', failing_since = :at
                        where workspace_id = :ws and state = 'enabled' and (last_success_at is null or last_success_at < :at)""")
                .param("at", Times.sql(at)).param("ws", event.workspaceId()).update();
        if (nowFailing > 0) {
            // once per spell, not per attempt: what an operator alerts on (the URL stays out of the log: it may
            // carry a token); a flapping receiver's spells are counted rather than each logged (SpellLog)
            String note = spells.began(event.workspaceId(), at);
            if (note != null) {
                log.warn("Webhook endpoint of workspace {} is failing: event {} got {}; deliveries are retried{}",
                        event.workspaceId(), event.id(), outcome(result), note);
            }
        } else if (spells.lasting(event.workspaceId(), at)) {
            log.warn("Webhook endpoint of workspace {} is failing since {}: event {} got {}; deliveries are retried",
                    event.workspaceId(), spells.since(event.workspaceId()), event.id(), outcome(result));
        }
        int disabled = jdbc.sql("""
                        update notification_settings set state = 'disabled', disabled_at = :at, disabled_reason = :reason
                        where workspace_id = :ws and state = 'failing' and failing_since <= :cutoff""")
                .param("at", Times.sql(at))
                .param("reason", "No successful delivery for " + human(properties.disableAfter()) + " (failing since "
                        + "the first failure after the last success). Pending events are kept; re-enable to send them.")
                .param("ws", event.workspaceId())
                .param("cutoff", Times.sql(at.minus(properties.disableAfter())))
                .update();
        if (disabled > 0) {
            log.warn("Webhook endpoint of workspace {} disabled after {} without a successful delivery",
                    event.workspaceId(), human(properties.disableAfter()));
        }
    }

    /** The next attempt by the retry schedule, or none: the event failed for good. */
    private Outcome retryOrGiveUp(PendingEvent event, Instant failingWhenSent, SendResult result, Instant at) {
        int failures = event.attemptCount() + 1;
        // the delay runs from the end of the failed attempt (SPEC §6): after a 15 s timeout, a 5 s retry comes 5 s later
        Instant ended = at.plusMillis(result.durationMs());
        Optional<Instant> notBefore = schedule.notBefore(ended, result.status(), result.retryAfter()).map(Times::micros);
        // not when the slot is closer than the schedule's first delay: it would follow the failure at once
        if (event.pulledFrom() != null && !event.pulledFrom().isBefore(ended.plus(properties.retrySchedule().getFirst()))) {
            // a retry that a recovery moved to now, failing again: the receiver only looked recovered (a flapping one
            // whose spells span a workspace's sparse events does at each event), so the retry goes back to its slot
            // and the attempt does not count, or the event would spend its attempts at the pace of those events;
            // and never sooner than the answer's Retry-After asks, a 503's included (as for every retry)
            Instant slot = schedule.askedFor(ended, result.retryAfter()).map(Times::micros)
                    .filter(asked -> asked.isAfter(event.pulledFrom())).orElse(event.pulledFrom());
            retryAt(event.id(), slot, 0, notBefore.orElse(null), null);
            return new Outcome(Optional.of(slot), false);
        }
        Optional<Instant> next = schedule.next(ended, failures, result.retryAfter()).map(Times::micros);
        Instant slot = null;
        if (next.isPresent() && notBefore.isEmpty() && failingWhenSent != null
                && recoveredSince(event.workspaceId(), at, failingWhenSent)) {
            // the endpoint recovered while this attempt was out: the retries waiting then were moved to now
            // (pullRetriesForward), and this one, out at that moment, goes now too instead of in up to 10 hours
            slot = next.get();
            next = Optional.of(Times.micros(clock.instant()));
        }
        if (next.isPresent()) {
            retryAt(event.id(), next.get(), 1, notBefore.orElse(null), slot);
        } else {
            setState(event.id(), DeliveryState.FAILED, null, 1);
            AfterCommit.run(metrics::gaveUp);
            String note = givenUp.failed(event.workspaceId(), at);
            if (note != null) {
                log.warn("Webhook event {} of workspace {} failed for good after {} attempts; the last got {}{}",
                        event.id(), event.workspaceId(), failures, outcome(result), note);
            }
        }
        return new Outcome(next, false);
    }

    /**
     * A success after a failing spell is a recovery worth sending the waiting retries at once only if the spell lasted
     * (app.webhooks.recovery-after-failing-for, 1 minute): a receiver failing every other request has spells of
     * seconds, and moving the retries to now at each of its successes used up an event's 8 attempts in 16 seconds
     * instead of spreading them over the schedule's day and more.
     */
    private boolean longSpell(Instant began, Instant endedBy) {
        return !began.plus(properties.recoveryAfterFailingFor()).isAfter(endedBy);
    }

    /**
     * A failing spell left out of the log at its start (SpellLog) is told of once it has lasted a minute, also when no
     * attempt fails after that minute: a storm's retries wait minutes for their slot, and a five-minute outage of a
     * receiver that had failed shortly before left no line at all (a storm audit). Only while the endpoint is failing
     * still: another instance may have seen it recover.
     */
    @Scheduled(fixedDelay = 10, timeUnit = TimeUnit.SECONDS)
    void tellOfLastingSpells() {
        spells.overdue(clock.instant()).forEach((workspaceId, began) -> {
            try {
                if (instantOfSettings(workspaceId, "failing_since") == null) {
                    spells.ended(workspaceId);
                    return;
                }
                log.warn("Webhook endpoint of workspace {} is failing since {}; deliveries are retried ({} events "
                        + "waiting)", workspaceId, began, events.backlog(workspaceId).waiting());
            } catch (DataAccessException databaseAway) {
                log.warn("Webhook endpoint of workspace {} is failing since {}; deliveries are retried", workspaceId,
                        began);
            }
        });
    }

    /** The events given up but left out of the log (GiveUpLog), counted once their minute is over. */
    @Scheduled(fixedDelay = 10, timeUnit = TimeUnit.SECONDS)
    void tellOfUnloggedGiveUps() {
        givenUp.overdue(clock.instant()).forEach((workspaceId, unlogged) ->
                log.warn("Webhook events of workspace {}: {}", workspaceId, unlogged));
    }

    /** A time column of the workspace's settings row; null if unset or there is no row. */
    private Instant instantOfSettings(String workspaceId, String column) {
        return jdbc.sql("select " + column + " from notification_settings where workspace_id = ?").param(workspaceId)
                .query((rs, n) -> Optional.ofNullable(Times.read(rs, column))).list().stream().findFirst()
                .flatMap(at -> at).orElse(null);
    }

    /** A success since this attempt began ended a long spell that was on when it was sent. */
    private boolean recoveredSince(String workspaceId, Instant at, Instant spellBegan) {
        Instant lastSuccess = instantOfSettings(workspaceId, "last_success_at");
        return lastSuccess != null && lastSuccess.isAfter(at) && longSpell(spellBegan, lastSuccess);
    }

    /** The endpoint's URL, read with its settings row locked: a URL being saved meanwhile is waited for. */
    private String currentUrlLocked(String workspaceId) {
        return jdbc.sql("select url from notification_settings where workspace_id = ? for update").param(workspaceId)
                .query(String.class).optional().orElse(null);
    }

    /**
     * The receiver is back after a failing spell: the events waiting for their next retry go now rather than in up to
     * 10 hours, all of them, read {@value #PULL_FORWARD} at a time (only the first 1,000 had moved: the rest of a
     * longer outage's backlog waited for its slots). Not those a 429 asked to wait (Retry-After): a rate limit is
     * about the number of requests, and a burst of them would break it.
     */
    private void pullRetriesForward(String workspaceId, boolean logged) {
        Instant now = Times.micros(clock.instant());
        int moved = 0;
        // read on from the last one seen, in slot order: one the queue would not move keeps its slot and is not read again
        Instant afterAt = now;
        String afterId = "";
        while (true) {
            List<Waiting> waiting = jdbc.sql("""
                            select id, next_attempt_at from notification_event
                            where workspace_id = :ws and delivery_state = 'RETRYING' and next_attempt_at > :now
                              and (not_before is null or not_before <= :now)
                              and (next_attempt_at > :afterAt or (next_attempt_at = :afterAt and id > :afterId))
                            order by next_attempt_at, id limit :limit""")
                    .param("ws", workspaceId).param("now", Times.sql(now)).param("afterAt", Times.sql(afterAt))
                    .param("afterId", afterId).param("limit", PULL_FORWARD)
                    .query((rs, n) -> new Waiting(rs.getString("id"), Times.read(rs, "next_attempt_at"))).list();
            for (Waiting w : waiting) {
                tx.executeWithoutResult(status -> {
                    if (queue.enqueueOrMove(w.id(), now)) {
                        jdbc.sql("""
                                        update notification_event set next_attempt_at = ?,
                                            pulled_from = coalesce(pulled_from, next_attempt_at)
                                        where id = ? and delivery_state = 'RETRYING'""")
                                .params(Times.sql(now), w.id()).update();
                    }
                });
            }
            moved += waiting.size();
            if (waiting.size() < PULL_FORWARD) {
                break;
            }
            afterAt = waiting.getLast().nextAttemptAt();
            afterId = waiting.getLast().id();
        }
        if (moved > 0 && logged) {
            log.info("Webhook endpoint of workspace {} recovered; {} waiting retries moved to now", workspaceId, moved);
        }
    }

    private record Waiting(String id, Instant nextAttemptAt) {
    }

    private void disable(String workspaceId, Instant at, String reason) {
        jdbc.sql("""
                        update notification_settings set state = 'disabled', disabled_at = :at, disabled_reason = :reason
                        where workspace_id = :ws and state <> 'disabled'""")
                .param("at", Times.sql(at)).param("reason", reason).param("ws", workspaceId).update();
        log.warn("Webhook endpoint of workspace {} disabled: {}", workspaceId, reason);
    }

    private void insertAttempt(String eventId, String workspaceId, String url, SendResult r) {
        jdbc.sql("""
                        insert into delivery_attempt (event_id, workspace_id, attempted_at, duration_ms, http_status,
                                                      error, response_body, url)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(eventId, workspaceId, Times.sql(r.attemptedAt()), r.durationMs(), r.status(),
                        WebhookClient.truncate(r.error()), r.responseBody(), url)
                .update();
    }

    /**
     * Parks the event if the endpoint is disabled, reading that with the settings row locked until the transaction
     * ends. Re-enabling updates that row and then requeues the parked events, so an event is parked either before
     * (and that requeue finds it) or not at all: read without the lock, an event could be parked just after the
     * requeue and wait for the next re-enabling.
     */
    private boolean parkIfDisabled(String workspaceId, String eventId, int attemptsAdded) {
        boolean disabled = jdbc.sql("select state from notification_settings where workspace_id = ? for update")
                .param(workspaceId).query(String.class).optional().map(NotificationSettings.DISABLED::equals)
                .orElse(false);
        if (disabled) {
            park(eventId, attemptsAdded);
        }
        return disabled;
    }

    /** Keeps the event waiting for the endpoint's re-enabling: pending or retrying, with no attempt planned. */
    private void park(String eventId, int attemptsAdded) {
        jdbc.sql("""
                        update notification_event
                        set delivery_state = case when attempt_count + :added > 0 then 'RETRYING' else 'PENDING' end,
                            next_attempt_at = null, attempt_count = attempt_count + :added, pulled_from = null
                        where id = :id and delivery_state in ('PENDING', 'RETRYING')""")
                .param("added", attemptsAdded).param("id", eventId).update();
    }

    private void setState(String eventId, DeliveryState state, Instant next, int attemptsAdded) {
        jdbc.sql("""
                        update notification_event
                        set delivery_state = :state, next_attempt_at = :next, attempt_count = attempt_count + :added,
                            pulled_from = null
                        where id = :id and delivery_state in ('PENDING', 'RETRYING')""")
                .param("state", state.name()).param("next", Times.sql(next)).param("added", attemptsAdded)
                .param("id", eventId).update();
    }

    /**
     * Plans the event's next attempt; {@code notBefore} is the time a 429 asked it to wait for, {@code slot} the
     * scheduled time an attempt moved to now would go back to if it fails (null: not moved).
     */
    private void retryAt(String eventId, Instant next, int attemptsAdded, Instant notBefore, Instant slot) {
        jdbc.sql("""
                        update notification_event
                        set delivery_state = 'RETRYING', next_attempt_at = :next, attempt_count = attempt_count + :added,
                            not_before = :notBefore, pulled_from = :slot
                        where id = :id and delivery_state in ('PENDING', 'RETRYING')""")
                .param("next", Times.sql(next)).param("added", attemptsAdded).param("notBefore", Times.sql(notBefore))
                .param("slot", Times.sql(slot)).param("id", eventId).update();
    }

    /** "HTTP 503", or the network's fault ("Timed out: …"), for the log. */
    private static String outcome(SendResult result) {
        return result.status() != null ? "HTTP " + result.status() : String.valueOf(result.error());
    }

    private static String human(java.time.Duration d) {
        if (d.toDays() > 0 && d.toHours() % 24 == 0) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toHours() > 0 && d.toMinutes() % 60 == 0) {
            return d.toHours() + " h";
        }
        return d.toSeconds() + " s";
    }

    /** An event to send; {@code pulledFrom}: the slot its retry had before a recovery moved it to now, or null. */
    private record PendingEvent(String id, String workspaceId, String payload, DeliveryState state,
                                int attemptCount, Instant pulledFrom) {
    }

}
