package io.connectionhealth.notification;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.standardwebhooks.Webhook;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.ConnectionUpdate;
import io.connectionhealth.connection.NewConnection;
import io.connectionhealth.notification.TestReceiver.Answer;
import io.connectionhealth.signal.ApiCallInput;
import io.connectionhealth.signal.ApiCallType;
import io.connectionhealth.signal.SignalIngestion;
import io.connectionhealth.support.ApiTest;
import io.connectionhealth.support.DiskFullTrigger;
import io.connectionhealth.support.MutableClock;
import io.connectionhealth.workspace.RetentionService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.connectionhealth.notification.TestReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Webhook delivery end to end: real events recorded by the services, delivered by db-scheduler to a real receiver
 * on loopback (allow-listed here), with a retry schedule in milliseconds. Its own H2 database, so the schedulers of
 * other cached test contexts never pick these deliveries.
 */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:webhooks;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "app.webhooks.allowed-cidrs=127.0.0.0/8",
        "app.webhooks.retry-schedule=300ms,300ms,300ms",
        "app.webhooks.recovery-after-failing-for=" + WebhookDeliveryTest.OUTAGE,
        "app.webhooks.jitter=0",
        "app.webhooks.previous-secret-validity=20h",
        "db-scheduler.polling-interval=200ms"})
class WebhookDeliveryTest extends ApiTest {

    /** A failing spell this long before a success is an outage that ended (app.webhooks.recovery-after-failing-for). */
    static final String OUTAGE = "3s";
    private static final Duration OUTAGE_LENGTH = Duration.ofSeconds(3);

    static TestReceiver receiver;

    @Autowired
    ConnectionService connections;
    @Autowired
    SignalIngestion ingestion;
    @Autowired
    EventLog events;
    @Autowired
    NotificationSettingsService settings;
    @Autowired
    WebhookService webhooks;
    @Autowired
    MutableClock clock;
    @Autowired
    DataSource dataSource;
    @Autowired
    CustomTask<Void> deliveryTask;
    @Autowired
    RetentionService retention;
    @Autowired
    DeliveryWorker worker;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new TestReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @AfterEach
    void resetReceiverAndClock() {
        receiver.reset();
        clock.reset();
    }

    /** A fresh workspace whose endpoint points at the receiver under its own path, every event type selected. */
    Actor workspaceSendingTo(String path) {
        Actor actor = Actor.api(workspaces.create("Webhook test " + UUID.randomUUID()).id(), "test-key", Actor.Role.ADMIN);
        settings.update(actor, receiver.url(path), List.of(EventType.values()));
        return actor;
    }

    Connection connection(Actor actor) {
        return connections.create(actor, new NewConnection("hubspot", "HubSpot", List.of("crm"), List.of(),
                "customer-" + UUID.randomUUID(), null));
    }

    List<TestReceiver.Received> at(String path) {
        return receiver.received().stream().filter(r -> r.path().equals(path)).toList();
    }

    private Notification only(Actor actor) {
        List<Notification> all = events.list(actor, NotificationFilter.ALL, PageRequest.of(10, 0));
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private Notification reload(Actor actor, String id) {
        return events.get(actor, id);
    }

    private static Map<String, List<String>> headersOf(TestReceiver.Received r) {
        return Map.of("webhook-id", List.of(r.header("webhook-id")),
                "webhook-timestamp", List.of(r.header("webhook-timestamp")),
                "webhook-signature", List.of(r.header("webhook-signature")));
    }

    @Test
    void anEventArrivesSignedAsTheReferenceLibraryVerifiesAndIsLoggedDelivered() throws Exception {
        Actor actor = workspaceSendingTo("/signed");
        long start = System.nanoTime();
        Connection c = connection(actor);
        await(Duration.ofSeconds(5), "the CREATED event at the receiver", () -> !at("/signed").isEmpty());
        TestReceiver.Received r = at("/signed").getFirst();
        long latencyMs = (r.arrivedNanos() - start) / 1_000_000;
        System.out.println("Latency from the API call to the webhook's arrival: " + latencyMs + " ms");

        String secret = settings.get(actor).signingSecret();
        assertThat(secret).startsWith("whsec_");
        new Webhook(secret).verify(r.body(), headersOf(r));
        assertThat(r.header("content-type")).startsWith("application/json");

        Notification event = only(actor);
        assertThat(r.header("webhook-id")).isEqualTo(event.id());
        assertThat(r.body()).isEqualTo(event.payload());
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("type").stringValue()).isEqualTo("CONNECTION_CREATED");
        assertThat(body.get("data").get("connection").get("id").stringValue()).isEqualTo(c.id());
        await(Duration.ofSeconds(5), "delivered state", () -> reload(actor, event.id()).state() == DeliveryState.DELIVERED);
        Notification delivered = reload(actor, event.id());
        assertThat(delivered.attempts()).hasSize(1);
        assertThat(delivered.attempts().getFirst().status()).isEqualTo(200);
        assertThat(delivered.attempts().getFirst().responseBody()).isEqualTo("{\"ok\":true}");
        assertThat(settings.get(actor).lastSuccessAt()).isNotNull();
    }

    @Test
    void latencyFromTheChangeToTheArrivalIsWellUnderASecond() {
        Actor actor = workspaceSendingTo("/latency");
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int before = at("/latency").size();
            long start = System.nanoTime();
            connection(actor);
            await(Duration.ofSeconds(5), "event " + i, () -> at("/latency").size() > before);
            millis.add((at("/latency").get(before).arrivedNanos() - start) / 1_000_000);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        long p50 = sorted.get(sorted.size() / 2);
        long p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
        System.out.println("Latency from the service call to the webhook's arrival over 40 events: p50 " + p50
                + " ms, p95 " + p95 + " ms, max " + sorted.getLast() + " ms");
        assertThat(p50).isLessThan(300);
    }

    @Test
    void aReceiverFailingThreeTimesGetsTheEventOnTheFourthAttemptWithTheSameId() {
        receiver.answerAt("/flaky", Answer.of(500, "down"), Answer.of(500, "down"), Answer.of(500, "down"));
        Actor actor = workspaceSendingTo("/flaky");
        connection(actor);
        String id = only(actor).id();
        await(Duration.ofSeconds(10), "delivered after retries", () -> reload(actor, id).state() == DeliveryState.DELIVERED);

        Notification event = reload(actor, id);
        assertThat(event.attempts()).extracting(DeliveryAttempt::status).containsExactly(500, 500, 500, 200);
        assertThat(event.attempts().getFirst().responseBody()).isEqualTo("down");
        assertThat(at("/flaky")).hasSize(4).allSatisfy(r -> assertThat(r.header("webhook-id")).isEqualTo(id));
        assertThat(settings.get(actor).state()).isEqualTo(NotificationSettings.ENABLED);
        assertThat(settings.get(actor).failingSince()).isNull();
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void whatAnAdminDoesToTheEndpointIsLoggedWithWhoDidIt(org.springframework.boot.test.system.CapturedOutput log) {
        // a pause stops every delivery: the log had said nothing of it (a webhook audit), nor of a new secret or URL
        Actor actor = workspaceSendingTo("/audited?token=secret-in-url");
        webhooks.rotateSecret(actor);
        webhooks.pause(actor);
        webhooks.pause(actor); // already paused: nothing happens, nothing logged
        webhooks.enable(actor);
        String ws = actor.workspaceId();
        assertThat(log.getOut())
                .contains("Webhook settings of workspace " + ws + " saved by API key test-key: a URL, 7 event type(s) selected")
                .contains("Webhook signing secret of workspace " + ws + " rotated by API key test-key; the previous one "
                        + "also signs for 20 h")
                .containsOnlyOnce("Webhook deliveries of workspace " + ws + " paused by API key test-key")
                .contains("Webhook endpoint of workspace " + ws + " re-enabled by API key test-key")
                .doesNotContain("secret-in-url");
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void whileRetryingTheEndpointIsFailingAndTheEventSaysWhen(org.springframework.boot.test.system.CapturedOutput log) {
        receiver.otherwise(Answer.of(503));
        Actor actor = workspaceSendingTo("/failing");
        connection(actor);
        String id = only(actor).id();
        await(Duration.ofSeconds(5), "a first failure", () -> reload(actor, id).state() == DeliveryState.RETRYING);
        assertThat(settings.get(actor).state()).isEqualTo(NotificationSettings.FAILING);
        assertThat(settings.get(actor).failingSince()).isNotNull();
        await(Duration.ofSeconds(10), "schedule used up", () -> reload(actor, id).state() == DeliveryState.FAILED);
        assertThat(reload(actor, id).attempts()).hasSize(4);
        assertThat(reload(actor, id).nextAttemptAt()).isNull();
        // what an operator alerts on: once when the spell begins, once when the event is given up
        assertThat(log.getOut()).containsOnlyOnce("Webhook endpoint of workspace " + actor.workspaceId()
                        + " is failing: event " + id + " got HTTP 503")
                .contains("Webhook event " + id + " of workspace " + actor.workspaceId()
                        + " failed for good after 4 attempts; the last got HTTP 503")
                .doesNotContain("/failing");
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void eventsGivenUpTogetherAreOneLineAndACount(org.springframework.boot.test.system.CapturedOutput log) {
        receiver.otherwise(Answer.of(503));
        Actor actor = workspaceSendingTo("/storm");
        String ws = actor.workspaceId();
        for (int i = 0; i < 4; i++) {
            connection(actor);
        }
        await(Duration.ofSeconds(15), "all four given up", () -> events.list(actor, NotificationFilter.ALL,
                PageRequest.of(10, 0)).stream().allMatch(n -> n.state() == DeliveryState.FAILED));
        String givenUp = " of workspace " + ws + " failed for good after 4 attempts";
        assertThat(log.getOut()).containsOnlyOnce(givenUp).doesNotContain("Webhook events of workspace " + ws);
        clock.set(clock.instant().plus(GiveUpLog.QUIET));
        worker.tellOfUnloggedGiveUps();
        assertThat(log.getOut()).containsOnlyOnce("Webhook events of workspace " + ws + ": 3 more failed for good "
                + "since ").containsOnlyOnce(givenUp);
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aSpellLeftOutAtItsStartIsLoggedOnceItHasLastedThoughNoAttemptFailsAfter(
            org.springframework.boot.test.system.CapturedOutput log) {
        // a first spell, logged, and its end
        receiver.otherwise(Answer.of(503));
        Actor actor = workspaceSendingTo("/spells");
        String ws = actor.workspaceId();
        connection(actor);
        String first = only(actor).id();
        await(Duration.ofSeconds(5), "a first failure", () -> reload(actor, first).state() == DeliveryState.RETRYING);
        receiver.otherwise(Answer.of(200));
        await(Duration.ofSeconds(5), "delivered", () -> reload(actor, first).state() == DeliveryState.DELIVERED);
        assertThat(log.getOut()).containsOnlyOnce("Webhook endpoint of workspace " + ws + " works again");
        // a second one within the quiet period: left out at its start; its event's retries are used up in a second
        receiver.otherwise(Answer.of(503));
        connection(actor);
        String second = events.list(actor, NotificationFilter.ALL, PageRequest.of(10, 0)).getFirst().id();
        await(Duration.ofSeconds(10), "the schedule used up", () -> reload(actor, second).state() == DeliveryState.FAILED);
        assertThat(log.getOut()).doesNotContain("Webhook endpoint of workspace " + ws + " is failing since");
        // a minute on, no attempt has failed since; the endpoint is told of all the same, once
        clock.advance(SpellLog.LASTING.plusSeconds(1));
        worker.tellOfLastingSpells();
        worker.tellOfLastingSpells();
        assertThat(log.getOut()).containsOnlyOnce("Webhook endpoint of workspace " + ws + " is failing since ")
                .contains("deliveries are retried (0 events waiting)");
    }

    @Test
    void retryAfterIsHonoured() {
        receiver.answerAt("/retry-after", new Answer(429, Map.of("Retry-After", "3"), "slow down"));
        Actor actor = workspaceSendingTo("/retry-after");
        connection(actor);
        String id = only(actor).id();
        await(Duration.ofSeconds(5), "a first failure", () -> reload(actor, id).state() == DeliveryState.RETRYING);
        Notification retrying = reload(actor, id);
        Instant attempted = retrying.attempts().getFirst().attemptedAt();
        assertThat(Duration.between(attempted, retrying.nextAttemptAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(RetrySchedule.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Instant.parse("2015-10-21T07:27:00Z")))
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void a410DisablesTheEndpointAtOnceAndItsEventAndLaterOnesWaitForReEnabling() {
        receiver.answerAt("/gone", Answer.of(410, "gone"));
        Actor actor = workspaceSendingTo("/gone");
        Connection c = connection(actor);
        String first = only(actor).id();
        await(Duration.ofSeconds(5), "the 410", () -> settings.get(actor).state().equals(NotificationSettings.DISABLED));
        await(Duration.ofSeconds(5), "its attempt recorded", () -> !reload(actor, first).attempts().isEmpty());
        assertThat(reload(actor, first).state()).as("parked, not failed").isEqualTo(DeliveryState.RETRYING);
        assertThat(reload(actor, first).nextAttemptAt()).isNull();
        NotificationSettings endpoint = settings.get(actor);
        assertThat(endpoint.state()).isEqualTo(NotificationSettings.DISABLED);
        assertThat(endpoint.disabledReason()).contains("410");
        assertThat(endpoint.disabledAt()).isNotNull();

        connections.update(actor, c.id(), new io.connectionhealth.connection.ConnectionUpdate(null, null, null, null,
                true, false));
        Notification paused = events.list(actor, NotificationFilter.ALL, PageRequest.of(10, 0)).stream()
                .filter(n -> !n.id().equals(first)).findFirst().orElseThrow();
        await(Duration.ofSeconds(5), "the second event parked",
                () -> reload(actor, paused.id()).nextAttemptAt() == null);
        assertThat(reload(actor, paused.id()).state()).isEqualTo(DeliveryState.PENDING);
        assertThat(at("/gone")).hasSize(1);
        assertThatThrownBy(() -> webhooks.resend(actor, first)).isInstanceOf(DeliveryConflictException.class);

        webhooks.enable(actor);
        assertThat(settings.get(actor).state()).isEqualTo(NotificationSettings.ENABLED);
        await(Duration.ofSeconds(5), "the waiting events delivered after re-enabling",
                () -> events.list(actor, NotificationFilter.ALL, PageRequest.of(10, 0)).stream()
                        .allMatch(n -> n.state() == DeliveryState.DELIVERED));
        assertThat(receiver.received(first)).as("the 410'd event too, with its id").hasSize(2);
    }

    @Test
    void redirectsAreNotFollowedAndCountAsFailures() {
        receiver.answerAt("/moved", new Answer(302, Map.of("Location", receiver.url("/elsewhere")), ""));
        Actor actor = workspaceSendingTo("/moved");
        connection(actor);
        String id = only(actor).id();
        await(Duration.ofSeconds(5), "the redirect recorded", () -> !reload(actor, id).attempts().isEmpty());
        DeliveryAttempt attempt = reload(actor, id).attempts().getFirst();
        assertThat(attempt.status()).isEqualTo(302);
        assertThat(attempt.error()).contains("Redirect not followed");
        assertThat(at("/elsewhere")).isEmpty();
        await(Duration.ofSeconds(5), "delivered on the retry", () -> reload(actor, id).state() == DeliveryState.DELIVERED);
        assertThat(at("/elsewhere")).isEmpty();
    }

    @Test
    void afterARotationBothSecretsSignForTheGrace() throws Exception {
        Actor actor = workspaceSendingTo("/rotated");
        String old = settings.get(actor).signingSecret();
        NotificationSettings rotated = webhooks.rotateSecret(actor);
        assertThat(rotated.signingSecret()).isNotEqualTo(old).startsWith("whsec_");
        assertThat(rotated.previousSecretExpiresAt()).as("app.webhooks.previous-secret-validity=20h")
                .isBetween(Instant.now().plus(Duration.ofHours(19)), Instant.now().plus(Duration.ofHours(21)));
        connection(actor);
        await(Duration.ofSeconds(5), "the event", () -> !at("/rotated").isEmpty());
        TestReceiver.Received r = at("/rotated").getFirst();
        assertThat(r.header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        new Webhook(old).verify(r.body(), headersOf(r));
        new Webhook(rotated.signingSecret()).verify(r.body(), headersOf(r));

        clock.set(Instant.now().plus(Duration.ofHours(21)));
        assertThat(settings.signingSecrets(actor.workspaceId(), clock.instant())).containsExactly(rotated.signingSecret());
    }

    @Test
    void aTestEventShowsTheReceiversAnswer() throws Exception {
        Actor actor = workspaceSendingTo("/test-event");
        receiver.answerAt("/test-event", Answer.of(200, "thanks"), Answer.of(500, "x".repeat(10_000)));
        TestDelivery ok = webhooks.sendTest(actor);
        assertThat(ok.delivered()).isTrue();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.responseBody()).isEqualTo("thanks");
        TestReceiver.Received r = at("/test-event").getFirst();
        new Webhook(settings.get(actor).signingSecret()).verify(r.body(), headersOf(r));
        assertThat(JSON.readTree(r.body()).get("type").stringValue()).isEqualTo(WebhookService.TEST_EVENT_TYPE);

        TestDelivery failed = webhooks.sendTest(actor);
        assertThat(failed.delivered()).isFalse();
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.responseBody()).hasSize(WebhookClient.MAX_BODY_BYTES);
        assertThat(events.list(actor, NotificationFilter.ALL, PageRequest.of(10, 0))).isEmpty();
    }

    @Test
    void aTestEventIsNotQueuedBehindDeliveriesTheReceiverHolds() {
        // a storm audit: with every delivery thread's connection held by a hanging receiver, the test waited for one
        // and then reported the wait as the receiver's answer time (8-15 s), or timed out
        Actor actor = workspaceSendingTo("/hanging");
        CountDownLatch gate = new CountDownLatch(1);
        receiver.holdUntil(gate, body -> !body.contains(WebhookService.TEST_EVENT_TYPE));
        try {
            for (int i = 0; i < 25; i++) {
                connection(actor);
            }
            await(Duration.ofSeconds(10), "20 deliveries held at the receiver", () -> at("/hanging").size() >= 20);
            TestDelivery test = webhooks.sendTest(actor);
            assertThat(test.delivered()).as(String.valueOf(test.error())).isTrue();
            // the time it reports is the receiver's, which answered at once: not a wait for one of the held
            // deliveries' connections to reach its 15 s deadline (it had reported 14.9 s here)
            assertThat(test.durationMs()).isLessThan(5_000);
            assertThat(receiver.answered("/hanging")).as("the test answered while the deliveries were still held")
                    .isEqualTo(1);
        } finally {
            gate.countDown();
        }
    }

    @Test
    void anAnswerWithANulCharacterIsRecordedWithTheEventDelivered() {
        // PostgreSQL stores no U+0000 in text: the attempt's record failed, and the event was sent again every 30 s
        receiver.answerAt("/binary", Answer.of(200, "ok\u0000done"));
        Actor actor = workspaceSendingTo("/binary");
        connection(actor);
        String id = only(actor).id();
        await(Duration.ofSeconds(5), "delivered", () -> reload(actor, id).state() == DeliveryState.DELIVERED);
        assertThat(reload(actor, id).attempts()).extracting(DeliveryAttempt::responseBody)
                .containsExactly("ok\uFFFDdone");
        assertThat(at("/binary")).hasSize(1);
    }

    @Test
    void anEventPurgedWhileItsAttemptIsOutLeavesNoRecordOfTheAttemptBehind() {
        CountDownLatch gate = new CountDownLatch(1);
        receiver.holdUntil(gate);
        Actor actor = workspaceSendingTo("/purged");
        connection(actor);
        String id = only(actor).id();
        await(Duration.ofSeconds(5), "the attempt out", () -> at("/purged").size() == 1);
        receiver.holdUntil(null);
        clock.advance(Duration.ofDays(400));
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        String stored = "select count(*) from notification_event where id = ?";
        retention.purgeExpired();
        assertThat(sql.queryForObject(stored, Integer.class, id)).as("an event still to be delivered is kept").isOne();
        // what removing the URL meanwhile does to it; then it is the purge's
        sql.update("update notification_event set delivery_state = 'NOT_SENT' where id = ?", id);
        retention.purgeExpired();
        assertThat(sql.queryForObject(stored, Integer.class, id)).isZero();
        clock.reset();
        gate.countDown();
        await(Duration.ofSeconds(5), "the attempt over", () -> sql.queryForObject(
                "select count(*) from scheduled_tasks where task_instance = ?", Integer.class, id) == 0);
        assertThat(sql.queryForObject("select count(*) from delivery_attempt where event_id = ?", Integer.class, id))
                .as("an attempt recorded after its event was purged would stay for good").isZero();
    }

    @Test
    void anAttemptWhoseOutcomeCouldNotBeWrittenIsWrittenByTheRetryNotSentAgain() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        receiver.holdUntil(gate);
        Actor actor = workspaceSendingTo("/unwritten");
        connection(actor);
        String id = only(actor).id();
        await(Duration.ofSeconds(5), "the attempt out", () -> at("/unwritten").size() == 1);
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        DiskFullTrigger.install(dataSource, "delivery_attempt"); // the disk fills while the attempt is out
        Instant sentAt;
        try {
            receiver.holdUntil(null);
            gate.countDown();
            await(Duration.ofSeconds(5), "the outcome refused", () -> sql.queryForObject(
                    "select coalesce(consecutive_failures, 0) from scheduled_tasks where task_instance = ?", Integer.class, id) > 0);
            sentAt = Instant.now();
        } finally {
            DiskFullTrigger.remove(dataSource, "delivery_attempt");
        }
        assertThat(worker.deliver(id)).as("written now: delivered, nothing more to send").isEmpty();
        assertThat(at("/unwritten")).as("not sent again: it had reached the receiver every 30 s while the disk was full")
                .hasSize(1);
        Notification event = reload(actor, id);
        assertThat(event.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(event.attempts()).hasSize(1);
        assertThat(event.attempts().getFirst().attemptedAt()).as("the attempt's own time").isBefore(sentAt);
    }

    @Test
    void theRetryDelayCountsFromTheEndOfTheFailedAttemptNotItsStart() {
        // a slow failure (the receiver takes a second to answer 500): counted from the attempt's start, the 300 ms
        // delay would already be over when the answer came, and the retry would follow at once
        receiver.answerAt("/slow-500", Answer.of(500), Answer.of(200));
        receiver.slowFor(Duration.ofSeconds(1));
        Actor actor = workspaceSendingTo("/slow-500");
        connection(actor);
        String id = only(actor).id();
        await(Duration.ofSeconds(10), "delivered on the retry", () -> reload(actor, id).state() == DeliveryState.DELIVERED);
        List<DeliveryAttempt> attempts = reload(actor, id).attempts();
        assertThat(attempts).extracting(DeliveryAttempt::status).containsExactly(500, 200);
        DeliveryAttempt failed = attempts.getFirst();
        assertThat(failed.durationMs()).isGreaterThanOrEqualTo(1000);
        assertThat(attempts.get(1).attemptedAt())
                .isAfterOrEqualTo(failed.attemptedAt().plusMillis(failed.durationMs()).plusMillis(300));
    }

    @Test
    void failedEventsAreReplayedAndOneEventIsResentWithTheSameId() {
        receiver.otherwise(Answer.of(500));
        Actor actor = workspaceSendingTo("/replay");
        Instant since = Instant.now().minusSeconds(1);
        connection(actor);
        connection(actor);
        await(Duration.ofSeconds(10), "both failed", () -> events.list(actor, NotificationFilter.ALL,
                PageRequest.of(10, 0)).stream().allMatch(n -> n.state() == DeliveryState.FAILED));
        receiver.otherwise(Answer.of(200));
        assertThat(webhooks.replay(actor, since, false)).isEqualTo(2);
        await(Duration.ofSeconds(5), "both delivered", () -> events.list(actor, NotificationFilter.ALL,
                PageRequest.of(10, 0)).stream().allMatch(n -> n.state() == DeliveryState.DELIVERED));
        assertThat(webhooks.replay(actor, since, false)).isZero();

        String id = events.list(actor, NotificationFilter.ALL, PageRequest.of(10, 0)).getFirst().id();
        int before = receiver.received(id).size();
        assertThat(webhooks.resend(actor, id).state()).isEqualTo(DeliveryState.PENDING);
        await(Duration.ofSeconds(5), "resent", () -> receiver.received(id).size() == before + 1);
        await(Duration.ofSeconds(5), "delivered again", () -> reload(actor, id).state() == DeliveryState.DELIVERED);
        assertThat(reload(actor, id).attempts()).hasSize(before + 1);
    }

    /** A workspace sending to the path whose receiver answered its two events "503, retry in an hour". */
    private Actor twoEventsWaitingAnHour(String path) {
        Answer later = new Answer(503, Map.of("Retry-After", "3600"), "maintenance");
        receiver.answerAt(path, later, later);
        Actor actor = workspaceSendingTo(path);
        connection(actor);
        connection(actor);
        await(Duration.ofSeconds(5), "both waiting an hour", () -> events.list(actor, NotificationFilter.ALL,
                PageRequest.of(10, 0)).stream().allMatch(n -> n.state() == DeliveryState.RETRYING));
        return actor;
    }

    @Test
    void retriesOfATypeNoLongerSelectedAreNotSentButResendStillSendsOne() {
        Actor actor = twoEventsWaitingAnHour("/deselected");
        settings.update(actor, receiver.url("/deselected"), List.of(EventType.CONNECTION_HEALTHY));
        List<Notification> waiting = events.list(actor, NotificationFilter.ALL, PageRequest.of(10, 0));
        assertThat(waiting).as("an empty list, or one without their type, sends none (SPEC §5)")
                .allMatch(n -> n.state() == DeliveryState.NOT_SENT && n.nextAttemptAt() == null);
        assertThat(at("/deselected")).hasSize(2);

        receiver.answerAt("/deselected", Answer.of(200));
        webhooks.resend(actor, waiting.getFirst().id());
        await(Duration.ofSeconds(5), "the one asked for", () -> reload(actor, waiting.getFirst().id()).state()
                == DeliveryState.DELIVERED);
        assertThat(reload(actor, waiting.getLast().id()).state()).isEqualTo(DeliveryState.NOT_SENT);
    }

    @Autowired
    DeliveryQueue queue;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    void anExecutionAnotherInstanceInsertsAtThatMomentLeavesTheTransactionUsable() throws Exception {
        receiver.answerAt("/raced", Answer.of(200));
        Actor actor = workspaceSendingTo("/raced");
        connection(actor);
        String id = only(actor).id();
        await(Duration.ofSeconds(5), "delivered", () -> reload(actor, id).state() == DeliveryState.DELIVERED);
        // another instance queues the same event and has not committed: this one's insert waits, then fails
        CountDownLatch queuedThere = new CountDownLatch(1);
        CountDownLatch commitThere = new CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var there = pool.submit(() -> tx.executeWithoutResult(status -> {
                queue.enqueueOrMove(id, Instant.now().plus(Duration.ofHours(1)));
                queuedThere.countDown();
                try {
                    commitThere.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(queuedThere.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            var here = pool.submit(() -> tx.execute(status -> {
                boolean moved = queue.enqueueOrMove(id, Instant.now().plus(Duration.ofHours(2)));
                return moved && queue.isQueued(id); // a statement after it still runs in this transaction
            }));
            Thread.sleep(500);
            commitThere.countDown();
            there.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(here.get(15, java.util.concurrent.TimeUnit.SECONDS)).as("moved, and the transaction went on")
                    .isTrue();
        } finally {
            commitThere.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aReplayAskedToAlsoSendsTheEventsNotSentWhoseTypeIsSelectedNow() {
        receiver.answerAt("/reselected", Answer.of(200));
        Actor actor = workspaceSendingTo("/reselected");
        Instant since = Instant.now().minusSeconds(1);
        settings.update(actor, receiver.url("/reselected"), List.of(EventType.CONNECTION_HEALTHY));
        Connection c = connection(actor);
        connections.update(actor, c.id(), new ConnectionUpdate(null, null, null, null, true, false));
        List<Notification> notSent = events.list(actor, NotificationFilter.ALL, PageRequest.of(10, 0));
        assertThat(notSent).extracting(Notification::state).containsOnly(DeliveryState.NOT_SENT).hasSize(3);
        assertThat(webhooks.replay(actor, since, false)).as("failed and retrying only").isZero();
        assertThat(webhooks.replay(actor, since, true)).as("their types are still not selected").isZero();

        settings.update(actor, receiver.url("/reselected"), List.of(EventType.CONNECTION_CREATED));
        assertThat(webhooks.replay(actor, Instant.now().plusSeconds(60), true)).as("none created since").isZero();
        assertThat(webhooks.replay(actor, since, true)).isEqualTo(1);
        String created = notSent.stream().filter(n -> n.event() == EventType.CONNECTION_CREATED).findFirst()
                .orElseThrow().id();
        await(Duration.ofSeconds(5), "the created event delivered", () -> reload(actor, created).state()
                == DeliveryState.DELIVERED);
        assertThat(at("/reselected")).hasSize(1);
        assertThat(events.list(actor, NotificationFilter.ALL, PageRequest.of(10, 0)))
                .filteredOn(n -> !n.id().equals(created)).extracting(Notification::state)
                .containsOnly(DeliveryState.NOT_SENT);
    }

    @Test
    void anEventWhoseAttemptHasJustEndedIsNotSentWhenItsTypeIsDeselected() {
        Actor actor = twoEventsWaitingAnHour("/just-ended");
        String id = events.list(actor, NotificationFilter.ALL, PageRequest.of(10, 0)).getFirst().id();
        // the moment after the attempt wrote its outcome (a retry in an hour) and before db-scheduler let go of it
        var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
        jdbc.sql("update scheduled_tasks set picked = true where task_name = ? and task_instance = ?")
                .params(DeliveryQueue.TASK_NAME, id).update();
        try {
            settings.update(actor, receiver.url("/just-ended"), List.of(EventType.CONNECTION_HEALTHY));
        } finally {
            jdbc.sql("update scheduled_tasks set picked = false where task_name = ? and task_instance = ?")
                    .params(DeliveryQueue.TASK_NAME, id).update();
        }
        assertThat(reload(actor, id).state()).as("waiting for its retry, not being sent").isEqualTo(DeliveryState.NOT_SENT);
    }

    @Test
    void anEventBeingSentWhenItsTypeIsDeselectedIsLeftToItsAttempt() {
        receiver.answerAt("/in-flight", Answer.of(200));
        CountDownLatch gate = new CountDownLatch(1);
        receiver.holdUntil(gate);
        Actor actor = workspaceSendingTo("/in-flight");
        connection(actor);
        String id = only(actor).id();
        await(Duration.ofSeconds(5), "the attempt out", () -> at("/in-flight").size() == 1);
        receiver.holdUntil(null);
        settings.update(actor, receiver.url("/in-flight"), List.of());
        assertThat(reload(actor, id).state()).as("being sent: not marked").isNotEqualTo(DeliveryState.NOT_SENT);
        gate.countDown();
        await(Duration.ofSeconds(10), "delivered, and said so", () -> reload(actor, id).state() == DeliveryState.DELIVERED);
    }

    @Test
    void sendNowOfATypeNotSelectedIsRetriedLikeAnyDelivery() {
        receiver.answerAt("/asked-for", Answer.of(500), Answer.of(200));
        Actor actor = workspaceSendingTo("/asked-for");
        settings.update(actor, receiver.url("/asked-for"), List.of(EventType.CONNECTION_HEALTHY));
        connection(actor);
        String id = only(actor).id();
        assertThat(reload(actor, id).state()).isEqualTo(DeliveryState.NOT_SENT);
        webhooks.resend(actor, id);
        await(Duration.ofSeconds(15), "asked for: retried after its 500 until delivered",
                () -> reload(actor, id).state() == DeliveryState.DELIVERED);
        assertThat(reload(actor, id).attempts()).hasSize(2);
    }

    @Test
    void withoutAUrlTheWaitingRetriesAreNotSentAndNothingIsFailing() {
        Actor actor = twoEventsWaitingAnHour("/removed");
        assertThat(settings.get(actor).state()).isEqualTo(NotificationSettings.FAILING);
        settings.update(actor, null, List.of(EventType.values()));
        assertThat(settings.get(actor).state()).isEqualTo(NotificationSettings.ENABLED);
        assertThat(settings.get(actor).failingSince()).isNull();
        assertThat(events.list(actor, NotificationFilter.ALL, PageRequest.of(10, 0)))
                .allMatch(n -> n.state() == DeliveryState.NOT_SENT);
    }

    @Test
    void whenTheReceiverIsBackTheWaitingRetriesGoAtOnce() {
        Actor actor = twoEventsWaitingAnHour("/back");
        assertThat(settings.get(actor).state()).isEqualTo(NotificationSettings.FAILING);
        sleep(OUTAGE_LENGTH);
        connection(actor);
        await(Duration.ofSeconds(5), "all three delivered", () -> events.list(actor, NotificationFilter.ALL,
                PageRequest.of(10, 0)).stream().allMatch(n -> n.state() == DeliveryState.DELIVERED));
        assertThat(settings.get(actor).state()).isEqualTo(NotificationSettings.ENABLED);
    }

    @Test
    void aBacklogOfOverAThousandWaitingRetriesGoesAtOnceWhenTheReceiverIsBack() {
        // only the first 1,000 had moved to now; the rest of a long outage's backlog waited for its slots (hours)
        Answer later = new Answer(503, Map.of("Retry-After", "3600"), "maintenance");
        receiver.answerAt("/backlog", java.util.Collections.nCopies(1_050, later).toArray(Answer[]::new));
        Actor actor = workspaceSendingTo("/backlog");
        List<ApiCallInput> calls = new ArrayList<>();
        Instant start = clock.instant().minusSeconds(600);
        for (int i = 0; i < 50; i++) {
            Connection c = connection(actor);
            for (int j = 0; j < 20; j++) { // 401, 200, 401, …: each call moves the connection, one event each
                calls.add(new ApiCallInput(null, c.id(), start.plusMillis(j * 100L + i), ApiCallType.INBOUND, "GET",
                        "/crm", j % 2 == 0 ? 401 : 200, false, null, null, 10L, null, null));
            }
        }
        ingestion.ingestApiCalls(actor, calls);
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        String waiting = "select count(*) from notification_event where workspace_id = ? and delivery_state = 'RETRYING'";
        await(Duration.ofSeconds(60), "1,050 events waiting an hour",
                () -> sql.queryForObject(waiting, Integer.class, actor.workspaceId()) == 1_050);
        sleep(OUTAGE_LENGTH);
        // the receiver's 1,050 answers are used up: 200 from now on
        connection(actor);
        await(Duration.ofSeconds(60), "every one delivered", () -> sql.queryForObject("""
                select count(*) from notification_event where workspace_id = ? and delivery_state = 'DELIVERED'""",
                Integer.class, actor.workspaceId()) == 1_051);
    }

    @Test
    void aRetryMovedToNowByARecoveryThatFailsAgainGoesBackToItsSlotUncounted() {
        // a receiver that only looks recovered, as a flapping one does at each of a workspace's sparse events (a
        // success after a spell of a minute or more): each such success moved the waiting retries to now, and each
        // failure counted, so an event its receiver refuses spent its attempts at the pace of the events
        Actor actor = twoEventsWaitingAnHour("/looks-recovered");
        Map<String, Instant> slots = events.list(actor, NotificationFilter.ALL, PageRequest.of(10, 0)).stream()
                .collect(Collectors.toMap(Notification::id, Notification::nextAttemptAt));
        sleep(OUTAGE_LENGTH);
        receiver.answerAt("/looks-recovered", Answer.of(200), Answer.of(500),
                new Answer(503, Map.of("Retry-After", "7200"), "down again"));
        connection(actor);
        await(Duration.ofSeconds(10), "both moved retries tried and failed again", () -> slots.keySet().stream()
                .map(id -> reload(actor, id)).allMatch(n -> n.attempts().size() == 2 && n.state() == DeliveryState.RETRYING
                        && n.nextAttemptAt().isAfter(Instant.now())));
        sleep(Duration.ofMillis(1500)); // the schedule's next delay is 300 ms: two polls would have sent them again
        for (String id : slots.keySet()) {
            Notification n = reload(actor, id);
            assertThat(n.attempts().getFirst().status()).isEqualTo(503);
            if (n.attempts().getLast().status() == 500) {
                assertThat(n.nextAttemptAt()).as("back to its slot").isEqualTo(slots.get(id));
            } else {
                assertThat(n.nextAttemptAt()).as("later, as the answer's Retry-After asks")
                        .isAfter(Instant.now().plusSeconds(7000));
            }
            assertThat(new JdbcTemplate(dataSource).queryForObject(
                    "select attempt_count from notification_event where id = ?", Integer.class, id))
                    .as("the early attempt does not count against the schedule").isEqualTo(1);
        }
    }

    @Test
    void aSuccessAfterAFailureOfSecondsLeavesTheRetriesToTheirSchedule() {
        // a receiver failing every other request: moving the retries to now at each of its successes had used up an
        // event's 8 attempts in 16 seconds
        Actor actor = twoEventsWaitingAnHour("/flapping");
        receiver.answerAt("/flapping", Answer.of(200));
        connection(actor);
        await(Duration.ofSeconds(5), "the third delivered", () -> events.list(actor, NotificationFilter.ALL,
                PageRequest.of(10, 0)).stream().anyMatch(n -> n.state() == DeliveryState.DELIVERED));
        assertThat(settings.get(actor).state()).as("the spell is over").isEqualTo(NotificationSettings.ENABLED);
        sleep(Duration.ofMillis(1500)); // two polls of the scheduler: a retry moved to now would have gone
        assertThat(events.list(actor, NotificationFilter.ALL, PageRequest.of(10, 0)))
                .filteredOn(n -> n.state() == DeliveryState.RETRYING).hasSize(2)
                .allMatch(n -> n.nextAttemptAt().isAfter(Instant.now().plusSeconds(3000)));
    }

    @Test
    void aRetryA429AskedToWaitIsNotSentSoonerWhenTheReceiverRecovers() {
        receiver.answerAt("/limited", new Answer(429, Map.of("Retry-After", "3600"), "slow down"));
        Actor actor = workspaceSendingTo("/limited");
        connection(actor);
        String limited = only(actor).id();
        await(Duration.ofSeconds(5), "the 429", () -> reload(actor, limited).state() == DeliveryState.RETRYING);
        assertThat(settings.get(actor).state()).isEqualTo(NotificationSettings.FAILING);
        sleep(OUTAGE_LENGTH); // an outage that ends, whose recovery would move the other retries

        connection(actor);
        await(Duration.ofSeconds(5), "the second event delivered", () -> events.list(actor, NotificationFilter.ALL,
                PageRequest.of(10, 0)).stream().anyMatch(n -> n.state() == DeliveryState.DELIVERED));
        assertThat(settings.get(actor).state()).as("recovered").isEqualTo(NotificationSettings.ENABLED);
        sleep(Duration.ofMillis(1500)); // two polls of the scheduler: a retry moved to now would have gone
        assertThat(reload(actor, limited).state()).isEqualTo(DeliveryState.RETRYING);
        assertThat(reload(actor, limited).nextAttemptAt()).isAfter(Instant.now().plusSeconds(3000));
        assertThat(receiver.received(limited)).hasSize(1);
    }

    @Test
    void reEnablingSendsTheRetriesWaitingForTheirSlotToo() {
        receiver.answerAt("/re-enable", new Answer(503, Map.of("Retry-After", "3600"), "maintenance"), Answer.of(410));
        Actor actor = workspaceSendingTo("/re-enable");
        connection(actor);
        String waiting = only(actor).id();
        await(Duration.ofSeconds(5), "the first waiting an hour", () -> reload(actor, waiting).state() == DeliveryState.RETRYING);
        connection(actor);
        await(Duration.ofSeconds(5), "the 410", () -> settings.get(actor).state().equals(NotificationSettings.DISABLED));
        assertThat(reload(actor, waiting).nextAttemptAt()).isAfter(Instant.now().plusSeconds(3000));

        webhooks.enable(actor);
        await(Duration.ofSeconds(5), "the waiting retry delivered after re-enabling",
                () -> reload(actor, waiting).state() == DeliveryState.DELIVERED);
    }

    @Test
    void aSlowAttemptThatFailsAfterASuccessLeavesTheEndpointEnabled() {
        // the first event's request is held until the second is delivered (200); then it takes the 503
        receiver.answerAt("/slow-failure", Answer.of(200), Answer.of(503));
        CountDownLatch gate = new CountDownLatch(1);
        receiver.holdUntil(gate);
        Actor actor = workspaceSendingTo("/slow-failure");
        connection(actor);
        String slow = only(actor).id();
        await(Duration.ofSeconds(5), "the slow attempt out", () -> at("/slow-failure").size() == 1);
        assertThat(org.springframework.jdbc.core.simple.JdbcClient.create(dataSource)
                .sql("select picked_by from scheduled_tasks where task_instance = ?").param(slow)
                .query(String.class).single())
                .as("who holds it: this process, not just this host")
                .endsWith("#" + ProcessHandle.current().pid());
        receiver.holdUntil(null);
        connection(actor);
        await(Duration.ofSeconds(10), "the second event delivered", () -> events.list(actor, NotificationFilter.ALL,
                PageRequest.of(10, 0)).stream().anyMatch(n -> n.state() == DeliveryState.DELIVERED));
        gate.countDown();
        await(Duration.ofSeconds(10), "the slow attempt failed", () -> !reload(actor, slow).attempts().isEmpty());
        assertThat(reload(actor, slow).attempts().getFirst().status()).isEqualTo(503);
        assertThat(settings.get(actor).state()).as("a failure that began before the last success")
                .isEqualTo(NotificationSettings.ENABLED);
        assertThat(settings.get(actor).failingSince()).isNull();
    }

    @Test
    void anAttemptOutWhenTheReceiverRecoversIsRetriedAtOnceLikeTheWaitingOnes() {
        Answer later = new Answer(503, Map.of("Retry-After", "3600"), "maintenance");
        // the first event fails (the endpoint is failing); the second's request is held while a third is delivered
        // and the recovery sends the first again; then the held one takes its 503
        receiver.answerAt("/out-at-recovery", later, Answer.of(200), Answer.of(200), later, Answer.of(200));
        Actor actor = workspaceSendingTo("/out-at-recovery");
        connection(actor);
        String waiting = only(actor).id();
        await(Duration.ofSeconds(5), "the first waiting an hour", () -> reload(actor, waiting).state() == DeliveryState.RETRYING);
        assertThat(settings.get(actor).state()).isEqualTo(NotificationSettings.FAILING);
        sleep(OUTAGE_LENGTH);
        CountDownLatch gate = new CountDownLatch(1);
        receiver.holdUntil(gate);
        String held = connection(actor).id();
        await(Duration.ofSeconds(5), "the second's attempt out", () -> at("/out-at-recovery").size() == 2);
        receiver.holdUntil(null);
        connection(actor);
        await(Duration.ofSeconds(10), "the recovery delivered the first", () -> reload(actor, waiting).state()
                == DeliveryState.DELIVERED);
        String heldEvent = events.list(actor, new NotificationFilter(held, null, null, null), PageRequest.of(10, 0))
                .getLast().id();
        gate.countDown();
        await(Duration.ofSeconds(5), "the held event, failed once the receiver was back, delivered soon after",
                () -> reload(actor, heldEvent).state() == DeliveryState.DELIVERED);
        assertThat(reload(actor, heldEvent).attempts()).extracting(DeliveryAttempt::status).containsExactly(503, 200);
    }

    @Test
    void aNewUrlEndsTheFailingSpellAndTheWaitingRetriesGoToItAtOnce() {
        Actor actor = twoEventsWaitingAnHour("/old-url");

        // saving the same URL (other event types) changes nothing about the spell
        settings.update(actor, receiver.url("/old-url"), List.of(EventType.CONNECTION_UNHEALTHY, EventType.CONNECTION_CREATED));
        assertThat(settings.get(actor).state()).isEqualTo(NotificationSettings.FAILING);
        assertThat(events.list(actor, NotificationFilter.ALL, PageRequest.of(10, 0)))
                .allMatch(n -> n.state() == DeliveryState.RETRYING);

        settings.update(actor, receiver.url("/new-url"), List.of(EventType.values()));
        assertThat(settings.get(actor).state()).isEqualTo(NotificationSettings.ENABLED);
        assertThat(settings.get(actor).failingSince()).isNull();
        await(Duration.ofSeconds(5), "both received at the new URL", () -> at("/new-url").size() == 2);
        // the receiver has answered; the worker records the outcome a moment later
        await(Duration.ofSeconds(5), "both logged delivered", () -> events.list(actor, NotificationFilter.ALL,
                PageRequest.of(10, 0)).stream().allMatch(n -> n.state() == DeliveryState.DELIVERED));
        assertThat(at("/old-url")).hasSize(2);
    }

    @Test
    void anAttemptToTheOldUrlThatFailsAfterTheNewOneIsSavedCountsForNothingAndTheEventGoesToTheNewUrl() {
        receiver.answerAt("/old-slow", Answer.of(503), new Answer(503, Map.of("Retry-After", "3600"), "old receiver, slow"));
        Actor actor = workspaceSendingTo("/old-slow");
        connection(actor);
        String id = only(actor).id();
        await(Duration.ofSeconds(5), "a first failure", () -> reload(actor, id).state() == DeliveryState.RETRYING);
        receiver.slowFor(Duration.ofMillis(1500));
        await(Duration.ofSeconds(5), "the retry is out", () -> at("/old-slow").size() == 2);
        receiver.slowFor(Duration.ZERO);

        long start = System.nanoTime();
        settings.update(actor, receiver.url("/new-fast"), List.of(EventType.values()));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("saving does not wait for the attempt that is out")
                .isLessThan(Duration.ofMillis(900));
        assertThat(settings.get(actor).state()).isEqualTo(NotificationSettings.ENABLED);

        // the old receiver's answer (retry in an hour) arrives after the save: the event goes to the new URL at once
        await(Duration.ofSeconds(5), "delivered to the new URL", () -> at("/new-fast").size() == 1);
        await(Duration.ofSeconds(5), "logged delivered", () -> reload(actor, id).state() == DeliveryState.DELIVERED);
        assertThat(reload(actor, id).attempts()).extracting(DeliveryAttempt::status).containsExactly(503, 503, 200);
        assertThat(reload(actor, id).attempts()).as("the log says which URL failed")
                .extracting(DeliveryAttempt::url).containsExactly(receiver.url("/old-slow"), receiver.url("/old-slow"),
                        receiver.url("/new-fast"));
        assertThat(settings.get(actor).state()).isEqualTo(NotificationSettings.ENABLED);
        assertThat(settings.get(actor).failingSince()).isNull();
    }

    @Test
    void replaySendsWaitingRetriesNow() {
        receiver.answerAt("/replay-now", new Answer(503, Map.of("Retry-After", "3600"), ""));
        Actor actor = workspaceSendingTo("/replay-now");
        Instant since = Instant.now().minusSeconds(1);
        connection(actor);
        String id = only(actor).id();
        await(Duration.ofSeconds(5), "waiting an hour", () -> reload(actor, id).state() == DeliveryState.RETRYING);
        assertThat(webhooks.replay(actor, since, false)).isEqualTo(1);
        await(Duration.ofSeconds(5), "delivered", () -> reload(actor, id).state() == DeliveryState.DELIVERED);
        assertThat(reload(actor, id).attempts()).extracting(DeliveryAttempt::status).containsExactly(503, 200);
    }

    @Test
    void fiveDaysWithoutSuccessDisableTheEndpointAndKeepThePendingEvent() {
        receiver.otherwise(Answer.of(500));
        Actor actor = workspaceSendingTo("/five-days");
        connection(actor);
        String id = only(actor).id();
        await(Duration.ofSeconds(5), "a first failure", () -> reload(actor, id).state() == DeliveryState.RETRYING);
        clock.set(Instant.now().plus(Duration.ofDays(5)).plusSeconds(1));
        await(Duration.ofSeconds(5), "disabled", () -> settings.get(actor).disabled());
        assertThat(settings.get(actor).disabledReason()).contains("5 days");
        Notification kept = reload(actor, id);
        assertThat(kept.state()).isEqualTo(DeliveryState.RETRYING);
        assertThat(kept.nextAttemptAt()).isNull();
        assertThat(kept.attempts()).hasSize(2);
    }

    @Test
    void urlsOfInternalAddressesOutsideTheAllowListAreRefusedWhenSaved() {
        Actor actor = workspaceSendingTo("/saved");
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/hook",
                "http://[::1]:8080/hook", "http://100.64.0.1/", "http://0.0.0.0/")) {
            assertThatThrownBy(() -> settings.update(actor, url, List.of(EventType.values())))
                    .as(url).isInstanceOf(ValidationException.class).hasMessageContaining("APP_WEBHOOKS_ALLOWED_CIDRS");
        }
        settings.update(actor, "http://127.0.0.1:9/allowed-here", List.of(EventType.values()));
        settings.update(actor, "https://hooks.example.com/x", List.of(EventType.values()));
    }

    @Test
    void aThousandStatusChangesInABurstAreAllDelivered() {
        Actor actor = workspaceSendingTo("/burst");
        settings.update(actor, receiver.url("/burst"), List.of(EventType.CONNECTION_HEALTHY, EventType.CONNECTION_UNHEALTHY));
        Connection c = connection(actor);
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        List<ApiCallInput> calls = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            calls.add(new ApiCallInput(null, c.id(), t0.plusMillis(i * 10L), ApiCallType.INBOUND, "GET", "/crm",
                    i % 2 == 0 ? 200 : 401, false, null, null, 100L, 10L, null));
        }
        long start = System.nanoTime();
        ingestion.ingestApiCalls(actor, calls);
        await(Duration.ofSeconds(60), "1,000 deliveries", () -> at("/burst").size() >= 1000);
        System.out.println("1,000 events delivered in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(at("/burst").stream().map(r -> r.header("webhook-id")).distinct().count()).isEqualTo(1000);
        await(Duration.ofSeconds(10), "all logged delivered", () -> events.list(actor,
                new NotificationFilter(null, null, DeliveryState.DELIVERED, null), PageRequest.of(1000, 0)).size() == 1000);
    }

    @Test
    void twoMoreSchedulersOnTheSameDatabaseDeliverEachEventExactlyOnce() {
        Actor actor = workspaceSendingTo("/instances");
        settings.update(actor, receiver.url("/instances"), List.of(EventType.CONNECTION_HEALTHY, EventType.CONNECTION_UNHEALTHY));
        Connection c = connection(actor);
        List<ApiCallInput> calls = new ArrayList<>();
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        for (int i = 0; i < 300; i++) {
            calls.add(new ApiCallInput(null, c.id(), t0.plusMillis(i * 10L), ApiCallType.INBOUND, "GET", "/crm",
                    i % 2 == 0 ? 200 : 401, false, null, null, 100L, 10L, null));
        }
        // The context's own scheduler is asleep till its next poll, so the two new ones race it and each other.
        Map<String, AtomicInteger> done = new ConcurrentHashMap<>();
        List<Scheduler> instances = new ArrayList<>();
        for (String name : List.of("instance-a", "instance-b")) {
            instances.add(Scheduler.create(dataSource, List.of(deliveryTask)).threads(8)
                    .pollingInterval(Duration.ofMillis(50)).schedulerName(new SchedulerName.Fixed(name))
                    .addSchedulerListener(new AbstractSchedulerListener() {
                        @Override
                        public void onExecutionComplete(ExecutionComplete complete) {
                            done.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                        }
                    })
                    .build());
        }
        try {
            instances.forEach(Scheduler::start);
            ingestion.ingestApiCalls(actor, calls);
            await(Duration.ofSeconds(30), "300 deliveries", () -> at("/instances").size() >= 300);
            await(Duration.ofSeconds(10), "all logged delivered", () -> events.list(actor,
                    new NotificationFilter(null, null, DeliveryState.DELIVERED, null), PageRequest.of(1000, 0)).size() == 300);
        } finally {
            instances.forEach(Scheduler::stop);
        }
        Map<String, Long> perId = at("/instances").stream()
                .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
        assertThat(perId).hasSize(300);
        assertThat(perId.values()).allMatch(n -> n == 1);
        System.out.println("Deliveries completed per extra scheduler: " + done);
        assertThat(done.keySet()).as("both extra schedulers delivered some").hasSize(2);
    }

    // --- the REST API ---------------------------------------------------------------------------------------------

    @Test
    void theApiSendsATestEventRotatesReEnablesResendsAndReplays() {
        Actor admin = Actor.system(workspaces.create("API webhook test " + UUID.randomUUID()).id());
        String key = apiKeys.create(admin, "test", io.connectionhealth.workspace.ApiKeyAccess.FULL).secret();
        assertThat(post(key, "/api/v1/workspace/notification-settings/test", "").status()).isEqualTo(400);
        assertThat(post(key, "/api/v1/workspace/notification-settings/disable", "").status()).as("no URL to pause")
                .isEqualTo(400);
        Response put = put(key, "/api/v1/workspace/notification-settings",
                "{\"url\":\"" + receiver.url("/api") + "\",\"events\":[\"CONNECTION_CREATED\"]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        Response refused = put(key, "/api/v1/workspace/notification-settings",
                "{\"url\":\"http://169.254.169.254/\",\"events\":[]}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");

        receiver.answerAt("/api", Answer.of(202, "accepted"));
        JsonNode test = post(key, "/api/v1/workspace/notification-settings/test", "").json();
        assertThat(test.get("delivered").booleanValue()).isTrue();
        assertThat(test.get("status").intValue()).isEqualTo(202);
        assertThat(test.get("response_body").stringValue()).isEqualTo("accepted");
        assertThat(test.get("duration_ms").isNumber()).isTrue();

        JsonNode before = get(key, "/api/v1/workspace/notification-settings").json();
        assertThat(before.get("state").stringValue()).isEqualTo("enabled");
        assertThat(before.has("failing_since")).isTrue();
        JsonNode rotated = post(key, "/api/v1/workspace/notification-settings/rotate-secret", "").json();
        assertThat(rotated.get("signing_secret").stringValue()).isNotEqualTo(before.get("signing_secret").stringValue());
        assertThat(rotated.get("previous_secret_expires_at").isString()).isTrue();
        JsonNode api = send(null, java.net.http.HttpRequest.newBuilder(uri("/api/v1/openapi.json")).GET()).json();
        assertThat(api.at("/paths/~1api~1v1~1workspace~1notification-settings~1rotate-secret/post/description")
                .stringValue()).as("the grace in force, not the default")
                .startsWith("The previous secret keeps signing beside the new one for 20 h, so receivers can switch "
                        + "without losing events. Two secrets sign at most: a rotation within those 20 h ends the oldest "
                        + "secret at once.");
        JsonNode paused = post(key, "/api/v1/workspace/notification-settings/disable", "").json();
        assertThat(paused.get("state").stringValue()).isEqualTo("disabled");
        assertThat(paused.get("disabled_reason").stringValue()).startsWith("Deliveries paused by API key ");
        assertThat(post(key, "/api/v1/workspace/notification-settings/enable", "").json().get("state").stringValue())
                .isEqualTo("enabled");

        createConnection(key, "{\"integration_type\":\"hubspot\"}");
        await(Duration.ofSeconds(5), "delivered", () -> "delivered".equals(
                get(key, "/api/v1/notifications").json().get(0).get("delivery_state").stringValue()));
        JsonNode listed = get(key, "/api/v1/notifications").json().get(0);
        assertThat(listed.get("attempts").get(0).get("status").intValue()).isEqualTo(200);
        assertThat(listed.get("attempts").get(0).has("duration_ms")).isTrue();
        String id = listed.get("id").stringValue();
        Response resent = post(key, "/api/v1/notifications/" + id + "/resend", "");
        assertThat(resent.status()).isEqualTo(202);
        assertThat(post(key, "/api/v1/notifications/msg_nope/resend", "").status()).isEqualTo(404);
        await(Duration.ofSeconds(5), "resent", () -> receiver.received(id).size() == 2);
        assertThat(get(key, "/api/v1/notifications?delivery_state=failed").json().size()).isZero();
        assertThat(get(key, "/api/v1/notifications?delivery_state=nope").status()).isEqualTo(400);

        Response replay = post(key, "/api/v1/notifications/replay", "{\"since\":\"2026-01-01T00:00:00Z\"}");
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().get("queued").intValue()).isZero();
        Response alsoNotSent = post(key, "/api/v1/notifications/replay",
                "{\"since\":\"2026-01-01T00:00:00Z\",\"include_not_sent\":true}");
        assertThat(alsoNotSent.status()).isEqualTo(202);
        assertThat(alsoNotSent.json().get("queued").intValue()).isZero();
        for (String bad : List.of("{}", "{\"since\":\"yesterday\"}", "{\"since\":1}", "{\"from\":\"2026-01-01T00:00:00Z\"}", "[]",
                "{\"since\":\"2026-01-01T00:00:00Z\",\"include_not_sent\":\"yes\"}",
                "{\"since\":\"2026-01-01T00:00:00Z\",\"include_not_sent\":null}")) {
            Response r = post(key, "/api/v1/notifications/replay", bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.contentType()).isEqualTo("application/problem+json");
        }
        assertThat(Arrays.asList(get(null, "/api/v1/workspace/notification-settings").status())).containsExactly(401);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
