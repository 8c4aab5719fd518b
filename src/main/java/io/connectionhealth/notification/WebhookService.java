package io.connectionhealth.notification;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.Ids;
import io.connectionhealth.base.Times;
import io.connectionhealth.base.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an admin does with the webhook endpoint beyond its URL and event types: send a test event, resend one
 * event, replay the failed ones, rotate the signing secret, re-enable a disabled endpoint. The dashboard and the
 * API both call these.
 */
@Service
public class WebhookService {

    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);

    public static final String TEST_EVENT_TYPE = "WEBHOOK_TEST";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final NotificationSettingsService settings;
    private final EventLog events;
    private final DeliveryQueue queue;
    private final EventRequeue requeue;
    private final WebhookClient client;
    private final WebhookProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    WebhookService(JdbcClient jdbc, TransactionTemplate tx, NotificationSettingsService settings, EventLog events,
                   DeliveryQueue queue, EventRequeue requeue, WebhookClient client, WebhookProperties properties,
                   JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = settings;
        this.events = events;
        this.queue = queue;
        this.requeue = requeue;
        this.client = client;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /**
     * What waits to be sent: a receiver that is slow or failing shows as a count that grows and an oldest event that
     * ages, while "Last successful delivery: just now" looked as if all were well (a storm audit: events arrived
     * up to 8 minutes late).
     */
    public Backlog backlog(Actor actor) {
        return events.backlog(actor.workspaceId());
    }

    /** The delay after each failed attempt in turn ({@code app.webhooks.retry-schedule}). */
    public List<Duration> retrySchedule() {
        return properties.retrySchedule();
    }

    /** The most a retry comes later than its delay, as a share of it ({@code app.webhooks.jitter}). */
    public double retryJitter() {
        return properties.jitter();
    }

    /**
     * Signs and POSTs a {@value #TEST_EVENT_TYPE} event to the saved URL now, whatever the endpoint's state, and
     * returns the receiver's answer. It is not recorded in the event log and changes no state.
     */
    public TestDelivery sendTest(Actor actor) {
        actor.requireAdmin();
        NotificationSettings endpoint = settings.get(actor);
        if (endpoint.url() == null) {
            throw ValidationException.of("url", "no notification URL is set; save one first");
        }
        Instant now = clock.instant();
        String id = Ids.messageId(now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("workspace_id", actor.workspaceId());
        data.put("message", "A test event from Connection Health, sent on request. Real events carry "
                + "data.connection; this one does not.");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TEST_EVENT_TYPE);
        body.put("timestamp", Times.micros(now).toString());
        body.put("data", data);
        String payload = json.writeValueAsString(body);
        long timestamp = now.getEpochSecond();
        String signature = WebhookSigner.signatureHeader(settings.signingSecrets(actor.workspaceId(), now), id,
                timestamp, payload);
        SendResult r = client.postTest(endpoint.url(), id, timestamp, signature, payload);
        return new TestDelivery(id, endpoint.url(), r.success(), r.status(), r.durationMs(), r.error(),
                r.responseBody(), Times.micros(r.attemptedAt()));
    }

    /** Sends one recorded event again, now, with a fresh retry schedule (same webhook-id, so receivers de-duplicate). */
    @Transactional
    public Notification resend(Actor actor, String eventId) {
        actor.requireAdmin();
        Notification event = events.get(actor, eventId);
        NotificationSettings endpoint = requireSendable(actor);
        Instant now = Times.micros(clock.instant());
        requeue.freshSchedule(event.id(), now); // the event is the workspace's: events.get found it there
        if (!queue.enqueueOrMove(event.id(), now)) {
            throw new DeliveryConflictException("This event is being delivered right now; look again in a moment.");
        }
        return events.get(actor, eventId);
    }

    /**
     * Sends again, now, every event created at or after {@code since} whose delivery failed or is waiting for a retry
     * (e.g. once the receiver is back from an outage), each with a fresh retry schedule; with {@code alsoNotSent}, also
     * those not sent when they happened (no URL then, or their type was not selected) whose type is selected now (e.g.
     * after a type was deselected by mistake). Returns how many were queued.
     */
    public int replay(Actor actor, Instant since, boolean alsoNotSent) {
        actor.requireAdmin();
        if (since == null) {
            throw ValidationException.of("since", "is required (an ISO-8601 timestamp)");
        }
        requireSendable(actor);
        // Keyset on the (time-ordered) id, so an event that fails again during the replay is not taken twice. The
        // selection is read under the settings row's lock, which a save takes too: an event of a type being
        // deselected at this moment is either left alone or queued before that save marks it not sent.
        String notSent = alsoNotSent ? """
                 or (delivery_state = 'NOT_SENT' and position(',' || event_type || ',' in
                     (select ',' || events || ',' from notification_settings s where s.workspace_id = e.workspace_id)) > 0)"""
                : "";
        return requeue.all(() -> lockSettings(actor.workspaceId()), """
                select id from notification_event e
                where workspace_id = ? and (delivery_state in ('FAILED', 'RETRYING')%s)
                  and created_at >= ? and id > ?
                order by id limit ?""".formatted(notSent), actor.workspaceId(), Times.sql(since));
    }

    private void lockSettings(String workspaceId) {
        jdbc.sql("select state from notification_settings where workspace_id = ? for update").param(workspaceId)
                .query(String.class).optional();
    }

    /** How long a rotated-out secret keeps signing beside the new one (app.webhooks.previous-secret-validity). */
    public Duration previousSecretValidity() {
        return properties.previousSecretValidity();
    }

    /** How long a receiver has to answer an attempt or a test event (app.webhooks.response-timeout). */
    public Duration responseTimeout() {
        return properties.responseTimeout();
    }

    @Transactional
    public NotificationSettings rotateSecret(Actor actor) {
        actor.requireAdmin();
        settings.get(actor);
        rotate(actor, null);
        return settings.get(actor);
    }

    /**
     * Rotates only if {@code seen} is still the current secret, and says whether it did: a dialog that promised "the
     * current one keeps signing for 24 hours" had, after another admin's rotation meanwhile, ended the secret the
     * receivers still used at once.
     */
    public boolean rotateSecretIfStill(Actor actor, String seen) {
        actor.requireAdmin();
        settings.get(actor);
        return rotate(actor, seen);
    }

    /** Rotates; with {@code seen}, only if that is still the current secret (null: whatever it is now). */
    private boolean rotate(Actor actor, String seen) {
        Instant now = clock.instant();
        List<Object> params = new ArrayList<>(List.of(Times.sql(now.plus(properties.previousSecretValidity())),
                NotificationSettingsService.newSigningSecret(), Times.sql(now), actor.workspaceId()));
        if (seen != null) {
            params.add(seen);
        }
        boolean rotated = jdbc.sql("""
                        update notification_settings
                        set previous_signing_secret = signing_secret, previous_secret_expires_at = ?,
                            signing_secret = ?, updated_at = ?
                        where workspace_id = ?""" + (seen == null ? "" : " and signing_secret = ?"))
                .params(params).update() == 1;
        if (rotated) {
            log.info("Webhook signing secret of workspace {} rotated by {}; the previous one also signs for {}",
                    actor.workspaceId(), actor.who(), Delays.of(properties.previousSecretValidity()));
        }
        return rotated;
    }

    /**
     * Pauses the deliveries, for a receiver's maintenance say: the endpoint is disabled, as after a 410 or days of
     * failures, and until it is re-enabled the events wait, none lost (an attempt out at this moment still ends as it
     * ends). Pausing a disabled endpoint changes nothing.
     */
    public NotificationSettings pause(Actor actor) {
        actor.requireAdmin();
        if (settings.get(actor).url() == null) {
            throw ValidationException.of("url", "no notification URL is set, so nothing is sent to pause");
        }
        Instant now = Times.micros(clock.instant());
        Integer paused = tx.execute(status -> jdbc.sql("""
                        update notification_settings
                        set state = 'disabled', disabled_at = ?, disabled_reason = ?, updated_at = ?
                        where workspace_id = ? and state <> 'disabled'""")
                .params(Times.sql(now), "Deliveries paused by " + actor.who() + ". Events are kept; re-enable to send them.",
                        Times.sql(now), actor.workspaceId()).update());
        if (paused != null && paused > 0) {
            // an admin's action that stops every delivery: the log says who, as it says when a receiver did
            log.info("Webhook deliveries of workspace {} paused by {}", actor.workspaceId(), actor.who());
        }
        return settings.get(actor);
    }

    /**
     * Re-enables the endpoint (from failing or disabled) and queues the events that waited while it was disabled,
     * each with a fresh retry schedule, and the retries still waiting for their slot (but those a 429 asked to wait).
     */
    public NotificationSettings enable(Actor actor) {
        actor.requireAdmin();
        settings.get(actor);
        tx.executeWithoutResult(status -> jdbc.sql("""
                        update notification_settings
                        set state = 'enabled', failing_since = null, disabled_reason = null, disabled_at = null,
                            updated_at = ?
                        where workspace_id = ?""")
                .params(Times.sql(clock.instant()), actor.workspaceId()).update());
        Instant now = Times.micros(clock.instant());
        requeue.all("""
                select id from notification_event
                where workspace_id = ? and delivery_state in ('PENDING', 'RETRYING')
                  and (next_attempt_at is null
                       or (delivery_state = 'RETRYING' and next_attempt_at > ? and (not_before is null or not_before <= ?)))
                  and id > ?
                order by id limit ?""", actor.workspaceId(), Times.sql(now), Times.sql(now));
        log.info("Webhook endpoint of workspace {} re-enabled by {}", actor.workspaceId(), actor.who());
        return settings.get(actor);
    }

    private NotificationSettings requireSendable(Actor actor) {
        NotificationSettings endpoint = settings.get(actor);
        if (endpoint.url() == null) {
            throw ValidationException.of("url", "no notification URL is set; save one first");
        }
        if (endpoint.disabled()) {
            throw new DeliveryConflictException("The endpoint is disabled: " + endpoint.disabledReason()
                    + " Re-enable it first.");
        }
        return endpoint;
    }
}
