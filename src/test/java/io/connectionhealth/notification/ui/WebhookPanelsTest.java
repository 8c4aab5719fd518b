package io.connectionhealth.notification.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import io.connectionhealth.base.ui.Confirmation;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.page.ExtendedClientDetails;
import io.connectionhealth.base.Actor;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.NewConnection;
import io.connectionhealth.notification.TestReceiver.Answer;
import io.connectionhealth.notification.*;
import io.connectionhealth.support.ApiTest;
import io.connectionhealth.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static io.connectionhealth.notification.TestReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Karibu tests of the webhook panels, on the same application context (and database) as {@link WebhookDeliveryTest}. */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:webhooks;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "app.webhooks.allowed-cidrs=127.0.0.0/8",
        "app.webhooks.retry-schedule=300ms,300ms,300ms",
        "app.webhooks.recovery-after-failing-for=3s", // WebhookDeliveryTest.OUTAGE: the same context
        "app.webhooks.jitter=0",
        "app.webhooks.previous-secret-validity=20h",
        "db-scheduler.polling-interval=200ms"})
class WebhookPanelsTest extends ApiTest {

    static TestReceiver receiver;

    @Autowired
    NotificationSettingsService settings;
    @Autowired
    WebhookService webhooks;
    @Autowired
    EventLog events;
    @Autowired
    ConnectionService connections;
    @Autowired
    MutableClock clock;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Actor admin;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new TestReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private String path;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        admin = Actor.ui(workspaces.create("Panels " + UUID.randomUUID()).id(), Actor.Role.ADMIN, "admin");
        // a path of its own: an earlier test's event still being retried must not take this test's scripted answer
        path = "/panels-" + UUID.randomUUID();
        settings.update(admin, receiver.url(path), List.of(EventType.values()));
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        receiver.reset();
    }

    private static String text(Span span) {
        return span.getText();
    }

    @Test
    void theEndpointPanelSaysWhatWaitsAndReadsItAgainWhileOpen() {
        webhooks.pause(admin);
        for (int i = 0; i < 2; i++) {
            connections.create(admin, new NewConnection("hubspot", null, List.of(), List.of(), "waiting-" + i, null));
        }
        WebhookEndpointPanel panel = new WebhookEndpointPanel(settings, webhooks, admin, clock);
        UI.getCurrent().add(panel);
        assertThat(_get(panel, Span.class, s -> s.withId("webhook-backlog")).getText())
                .isEqualTo("2 events wait to be sent, the oldest recorded just now: they go once the endpoint is "
                        + "re-enabled.");
        assertThat(UI.getCurrent().getPollInterval()).as("read again while the page is open").isEqualTo(30_000);

        // sent meanwhile (another admin re-enabled it): the next poll shows nothing waiting
        webhooks.enable(admin);
        await(Duration.ofSeconds(10), "both delivered", () -> webhooks.backlog(admin).waiting() == 0);
        assertThat(_find(panel, Button.class, s -> s.withText("Pause deliveries…"))).as("as the page last read it")
                .isEmpty();
        com.vaadin.flow.component.ComponentUtil.fireEvent(UI.getCurrent(),
                new com.vaadin.flow.component.PollEvent(UI.getCurrent(), true));
        assertThat(_find(panel, Span.class, s -> s.withId("webhook-backlog"))).isEmpty();
        Button pause = _get(panel, Button.class, s -> s.withText("Pause deliveries…"));
        assertThat(pause.getParent().orElseThrow().getChildren()).as("outside what a poll rebuilds (the focus stays)")
                .noneMatch(c -> c instanceof Span);

        UI.getCurrent().remove(panel);
        assertThat(UI.getCurrent().getPollInterval()).as("no poll once the panel is gone").isEqualTo(-1);
    }

    @Test
    void theEndpointPanelMasksRevealsRotatesAndSendsATestEvent() {
        WebhookEndpointPanel panel = new WebhookEndpointPanel(settings, webhooks, admin, clock);
        UI.getCurrent().add(panel);
        assertThat(panel.getElement().toString()).as("the schedule in force, not the default")
                .contains("retried on any non-2xx answer or timeout (after 300 ms, 300 ms, 300 ms in turn, never sooner "
                        + "than a Retry-After asks)");
        String secret = settings.get(admin).signingSecret();
        com.vaadin.flow.component.textfield.TextField field = _get(panel,
                com.vaadin.flow.component.textfield.TextField.class, s -> s.withLabel("Signing secret"));
        assertThat(field.getValue()).startsWith("whsec_•").doesNotContain(secret.substring(6, 20));
        _click(_get(panel, Button.class, s -> s.withText("Reveal")));
        assertThat(field.getValue()).isEqualTo(secret);

        Button rotate = _get(panel, Button.class, s -> s.withText("Rotate secret…"));
        _click(rotate);
        _click(rotate); // a double click asks once: a second dialog's confirm had rotated again, ending the old secret
        assertThat(_find(Confirmation.class)).filteredOn(Confirmation::isOpened).hasSize(1);
        Confirmation first = _get(Confirmation.class);
        assertThat(first.getElement().getTextRecursively()).doesNotContain("stops signing")
                .as("the grace in force, not the default").contains("keeps signing alongside it for 20 h (the "
                        + "webhook-signature header carries both), so update your receiver within those 20 h.");
        _click(first.confirm);
        assertThat(field.getValue()).isEqualTo(settings.get(admin).signingSecret()).isNotEqualTo(secret);
        assertThat(_find(panel, Span.class).stream().map(WebhookPanelsTest::text))
                .anyMatch(t -> t.startsWith("The previous secret also signs until"));
        _click(_get(panel, Button.class, s -> s.withText("Rotate secret…")));
        Confirmation again = _get(Confirmation.class);
        assertThat(again.getElement().getTextRecursively()).as("a second rotation within the day ends the first secret")
                .contains("The secret before the current one, which was to sign until").contains("stops signing now");
        assertThat(again.confirm.getText()).isEqualTo("Rotate, ending the previous secret");
        String second = settings.get(admin).signingSecret();
        _click(again.cancel);
        assertThat(settings.get(admin).signingSecret()).isEqualTo(second);

        // another admin rotates while this dialog is open: confirming it must not end the secret receivers still use
        _click(_get(panel, Button.class, s -> s.withText("Rotate secret…")));
        Confirmation stale = _get(Confirmation.class);
        webhooks.rotateSecret(admin);
        NotificationSettings theirs = settings.get(admin);
        _click(stale.confirm);
        assertThat(settings.get(admin).signingSecret()).as("nothing rotated").isEqualTo(theirs.signingSecret());
        assertThat(settings.get(admin).previousSecretExpiresAt()).as("the one before theirs keeps its day")
                .isEqualTo(theirs.previousSecretExpiresAt());
        expectNotifications("New signing secret created.", "The secret was rotated elsewhere meanwhile, so this did nothing: the page shows the secrets "
                + "as they are now. Rotate again if you still want a new one.");

        receiver.answerAt(path, Answer.of(200, "hello from the receiver"));
        Button sendTest = _get(panel, Button.class, s -> s.withText("Send test event"));
        AtomicBoolean edited = new AtomicBoolean(true);
        panel.checkUnsavedUrl(edited::get);
        int before = receiver.received().size();
        _click(sendTest);
        assertThat(panel.getElement().getTextRecursively()).as("a typed URL not saved yet: no false green")
                .contains("The URL above is not saved: save it first. The test event goes to the saved URL, http");
        assertThat(receiver.received()).hasSize(before);
        edited.set(false);
        _click(sendTest);
        assertThat(sendTest.isEnabled()).as("disabled while the receiver answers").isFalse();
        assertThat(panel.getElement().getTextRecursively())
                .contains("Sending a test event… the receiver has up to " + Delays.of(webhooks.responseTimeout()));
        await(Duration.ofSeconds(10), "the test result", () -> {
            MockVaadin.runUIQueue();
            return _find(panel, Span.class).stream().map(WebhookPanelsTest::text).anyMatch("Delivered: HTTP 200"::equals);
        });
        assertThat(sendTest.isEnabled()).isTrue();
        assertThat(panel.getElement().toString()).contains("hello from the receiver");
        assertThat(_get(panel, com.vaadin.flow.component.html.Div.class, spec -> spec.withId("webhook-test-result"))
                .getElement().getTextRecursively()).as("when, since it stays on the page").contains("test event sent 20");
        assertThat(_get(panel, com.vaadin.flow.component.html.Div.class, spec -> spec.withId("webhook-test-result"))
                .getElement().getAttribute("role")).as("read out: the focus stays on the button").isEqualTo("status");
    }

    @Test
    void aDisabledEndpointSaysWhyAndCanBeReEnabled() {
        receiver.answerAt(path, Answer.of(410));
        connections.create(admin, new NewConnection("hubspot", null, List.of(), List.of(), "x", null));
        await(Duration.ofSeconds(5), "disabled", () -> settings.get(admin).disabled());
        WebhookEndpointPanel panel = new WebhookEndpointPanel(settings, webhooks, admin, clock);
        UI.getCurrent().add(panel);
        assertThat(_find(panel, Span.class).stream().map(WebhookPanelsTest::text)).contains("Disabled");
        assertThat(panel.getElement().toString()).contains("410 Gone");
        DeliveryLogPanel log = new DeliveryLogPanel(events, webhooks, connections, admin, clock);
        UI.getCurrent().add(log);
        panel.onResume(log::refreshAfterSending);
        receiver.answerAt(path, Answer.of(200));
        _click(_get(panel, Button.class, s -> s.withText("Re-enable endpoint")));
        assertThat(settings.get(admin).state()).isEqualTo(NotificationSettings.ENABLED);
        assertThat(_find(panel, Span.class).stream().map(WebhookPanelsTest::text)).contains("Enabled");
        assertThat(UI.getCurrent().getPollInterval()).as("the page asks again while the waiting events go out")
                .isEqualTo(1000);
        await(Duration.ofSeconds(10), "the log read again", () -> {
            MockVaadin.runUIQueue();
            return UI.getCurrent().getPollInterval() == 30_000; // the endpoint panel's own, while it is open
        });
    }

    @Test
    void reEnablingAnEndpointWhoseUrlWasRemovedMeanwhileSaysNothingIsSent() {
        WebhookEndpointPanel panel = new WebhookEndpointPanel(settings, webhooks, admin, clock);
        UI.getCurrent().add(panel);
        _click(_get(panel, Button.class, s -> s.withText("Pause deliveries…")));
        _click(_get(Confirmation.class).confirm);
        expectNotifications("Deliveries paused; events wait until the endpoint is re-enabled.");
        settings.update(admin, null, List.of(EventType.values())); // through the API, say

        _click(_get(panel, Button.class, s -> s.withText("Re-enable endpoint")));
        expectNotifications(WebhookEndpointPanel.NO_URL_TO_SEND_TO);
        assertThat(_find(panel, Span.class).stream().map(WebhookPanelsTest::text)).contains("No URL");
    }

    @Test
    void anAdminPausesTheDeliveriesAndTheEventsWaitUntilReEnabled() {
        WebhookEndpointPanel panel = new WebhookEndpointPanel(settings, webhooks, admin, clock);
        UI.getCurrent().add(panel);
        assertThat(buttons(panel, "Re-enable endpoint")).isEmpty();
        _click(_get(panel, Button.class, s -> s.withText("Pause deliveries…")));
        _click(_get(Confirmation.class).confirm);
        assertThat(settings.get(admin).state()).isEqualTo(NotificationSettings.DISABLED);
        assertThat(panel.getElement().getTextRecursively()).contains("Deliveries paused by admin. Events are kept");
        assertThat(buttons(panel, "Pause deliveries…")).isEmpty();
        connections.create(admin, new NewConnection("hubspot", null, List.of(), List.of(), "paused", null));
        String id = events.list(admin, NotificationFilter.ALL, io.connectionhealth.base.PageRequest.of(1, 0)).getFirst().id();
        await(Duration.ofSeconds(5), "parked", () -> events.get(admin, id).nextAttemptAt() == null
                && events.get(admin, id).state() == DeliveryState.PENDING);
        assertThat(receiver.received(id)).isEmpty();
        // a test goes out while paused; its green answer says the events still wait
        _click(_get(panel, Button.class, s -> s.withText("Send test event")));
        await(Duration.ofSeconds(10), "the test result", () -> {
            MockVaadin.runUIQueue();
            return _find(panel, Span.class).stream().map(WebhookPanelsTest::text).anyMatch("Delivered: HTTP 200"::equals);
        });
        assertThat(_get(panel, com.vaadin.flow.component.html.Paragraph.class,
                s -> s.withId("webhook-test-still-stopped")).getText()).startsWith("Deliveries stay stopped");
        assertThat(_get(panel, com.vaadin.flow.component.html.Paragraph.class,
                s -> s.withId("webhook-test-not-recorded")).getText()).startsWith("Test events are not recorded");
        assertThat(receiver.received(id)).isEmpty();

        _click(_get(panel, Button.class, s -> s.withText("Re-enable endpoint")));
        await(Duration.ofSeconds(5), "delivered once re-enabled", () -> events.get(admin, id).state() == DeliveryState.DELIVERED);
        assertThat(buttons(panel, "Pause deliveries…")).hasSize(1);
        _click(_get(panel, Button.class, s -> s.withText("Send test event")));
        await(Duration.ofSeconds(10), "the test result", () -> {
            MockVaadin.runUIQueue();
            return _find(panel, Span.class).stream().map(WebhookPanelsTest::text).anyMatch("Delivered: HTTP 200"::equals);
        });
        _assertNone(panel, com.vaadin.flow.component.html.Paragraph.class, s -> s.withId("webhook-test-still-stopped"));
        Actor viewer = Actor.ui(admin.workspaceId(), Actor.Role.VIEWER, "viewer");
        assertThatThrownBy(() -> webhooks.pause(viewer)).isInstanceOf(io.connectionhealth.base.ForbiddenException.class);
        WebhookEndpointPanel viewers = new WebhookEndpointPanel(settings, webhooks, viewer, clock);
        UI.getCurrent().add(viewers);
        assertThat(buttons(viewers, "Pause deliveries…")).isEmpty();
    }

    /** A new connection's event, waiting an hour for its next try (the receiver answered 503). */
    private String retryingEvent(String customer) {
        receiver.answerAt(path, new Answer(503, java.util.Map.of("Retry-After", "3600"), "maintenance"));
        connections.create(admin, new NewConnection("hubspot", null, List.of(), List.of(), customer, null));
        String id = events.list(admin, NotificationFilter.ALL, io.connectionhealth.base.PageRequest.of(1, 0)).getFirst().id();
        await(Duration.ofSeconds(5), "waiting an hour", () -> events.get(admin, id).state() == DeliveryState.RETRYING);
        return id;
    }

    /** The workspace's delivery log, opened: its grid. */
    @SuppressWarnings("unchecked")
    private com.vaadin.flow.component.grid.Grid<Notification> openDeliveryLog() {
        DeliveryLogPanel log = new DeliveryLogPanel(events, webhooks, connections, admin, clock);
        UI.getCurrent().add(log);
        return _get(log, com.vaadin.flow.component.grid.Grid.class);
    }

    /** The visible buttons with this text. */
    private static List<Button> buttons(com.vaadin.flow.component.Component in, String text) {
        return _find(in, Button.class, s -> s.withText(text));
    }

    /** A deletion's row says so: its status alone ("New") had read as what the connection became. */
    @Test
    void aDeletionSaysItWasOne() {
        String id = connections.create(admin, new NewConnection("hubspot", null, List.of(), List.of(), "gone", null)).id();
        connections.delete(admin, id);
        DeliveryLogPanel log = new DeliveryLogPanel(events, webhooks, connections, admin, clock);
        UI.getCurrent().add(log);
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.grid.Grid<Notification> grid = _get(log, com.vaadin.flow.component.grid.Grid.class);
        assertThat(GridKt._get(grid, 0).event()).isEqualTo(EventType.CONNECTION_DELETED);
        assertThat(GridKt._getFormatted(grid, 0, "change")).isEqualTo("Deleted while New");
        assertThat(GridKt._getFormatted(grid, 1, "change")).isEqualTo("New");
    }

    @Test
    void theDeliveryLogListsEventsWithTheirStateAndResends() {
        connections.create(admin, new NewConnection("hubspot", null, List.of(), List.of(), "y", null));
        String id = events.list(admin, NotificationFilter.ALL, io.connectionhealth.base.PageRequest.of(1, 0)).getFirst().id();
        await(Duration.ofSeconds(5), "delivered", () -> events.get(admin, id).state() == DeliveryState.DELIVERED);
        DeliveryLogPanel log = new DeliveryLogPanel(events, webhooks, connections, admin, clock);
        UI.getCurrent().add(log);
        assertThat(GridKt._size(log.getChildren().filter(c -> c instanceof com.vaadin.flow.component.grid.Grid)
                .map(c -> (com.vaadin.flow.component.grid.Grid<?>) c).findFirst().orElseThrow())).isEqualTo(1);
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.grid.Grid<Notification> grid = _get(log, com.vaadin.flow.component.grid.Grid.class);
        assertThat(((Span) GridKt._getCellComponent(grid, 0, "delivery")).getText()).isEqualTo("Delivered");
        assertThat(GridKt._getFormatted(grid, 0, "change")).as("a created connection's status").isEqualTo("New");
        // on a phone whether it went out comes after the time (behind the event's name it was off to the right)
        log.fitTo(390);
        assertThat(grid.getColumns().stream().map(c -> c.getKey())).startsWith("when", "delivery", "event");
        log.fitTo(1280);
        assertThat(grid.getColumns().stream().map(c -> c.getKey())).startsWith("when", "event", "delivery");
        // Enter in a focused row shows its attempts, as a click does
        Notification first = GridKt._get(grid, 0);
        com.vaadin.flow.component.ComponentUtil.fireEvent(grid, new com.vaadin.flow.component.grid.CellFocusEvent<>(
                grid, true, grid.getDataCommunicator().getKeyMapper().key(first), null, "body"));
        com.github.mvysny.kaributesting.v10.ShortcutsKt._fireShortcut(grid, com.vaadin.flow.component.Key.ENTER);
        assertThat(grid.isDetailsVisible(first)).isTrue();
        com.github.mvysny.kaributesting.v10.ShortcutsKt._fireShortcut(grid, com.vaadin.flow.component.Key.ENTER);
        assertThat(grid.isDetailsVisible(first)).isFalse();
        // not on the Resend cell: there Enter is the grid's, moving into the cell for the button's own Enter
        for (String control : List.of("resend", "connection")) {
            com.vaadin.flow.component.ComponentUtil.fireEvent(grid, new com.vaadin.flow.component.grid.CellFocusEvent<>(
                    grid, true, grid.getDataCommunicator().getKeyMapper().key(first),
                    internalId(grid.getColumnByKey(control)), "body"));
            com.github.mvysny.kaributesting.v10.ShortcutsKt._fireShortcut(grid, com.vaadin.flow.component.Key.ENTER);
            assertThat(grid.isDetailsVisible(first)).as(control).isFalse();
        }
        com.vaadin.flow.component.ComponentUtil.fireEvent(grid, new com.vaadin.flow.component.grid.CellFocusEvent<>(
                grid, true, grid.getDataCommunicator().getKeyMapper().key(first),
                internalId(grid.getColumnByKey("change")), "body"));
        com.github.mvysny.kaributesting.v10.ShortcutsKt._fireShortcut(grid, com.vaadin.flow.component.Key.ENTER);
        assertThat(grid.isDetailsVisible(first)).as("a plain cell").isTrue();
        grid.setDetailsVisible(first, false);
        com.vaadin.flow.component.html.Anchor link =
                (com.vaadin.flow.component.html.Anchor) GridKt._getCellComponent(grid, 0, "connection");
        assertThat(link.getText()).as("the customer, then the integration").isEqualTo("\u2068y\u2069 · \u2068hubspot\u2069");
        assertThat(link.getTitle()).hasValue("y · hubspot · " + first.connectionId());
        assertThat(link.getHref()).startsWith("connections/");
        assertThat(grid.getColumnByKey("resend").isFrozenToEnd()).as("in reach where the grid scrolls sideways").isTrue();
        _click((Button) GridKt._getCellComponent(grid, 0, "resend"));
        await(Duration.ofSeconds(5), "resent", () -> receiver.received(id).size() == 2);
        // the row and the endpoint's badge are read again once it had time to go out (at once, they showed the
        // attempt before until Refresh; seen in Chromium)
        assertThat(UI.getCurrent().getPollInterval()).as("the page asks again while it goes out").isEqualTo(1000);
        await(Duration.ofSeconds(10), "the log read again", () -> {
            MockVaadin.runUIQueue();
            return UI.getCurrent().getPollInterval() == -1;
        });

        // the URL once for attempts that all went to it, and again after it changed
        await(Duration.ofSeconds(5), "both attempts logged", () -> events.get(admin, id).attempts().size() == 2);
        settings.update(admin, receiver.url(path + "/new"), List.of(EventType.values()));
        receiver.answerAt(path + "/new", Answer.of(500, "token".repeat(1_000)));
        webhooks.resend(admin, id);
        await(Duration.ofSeconds(5), "the third attempt logged", () -> events.get(admin, id).attempts().size() >= 3);
        var details = GridKt._getItemDetailsComponent(grid, events.get(admin, id));
        assertThat(_find(details, Span.class).stream().map(Span::getText)
                .filter(t -> t.startsWith("To "))).containsExactly("To " + receiver.url(path),
                "To " + receiver.url(path + "/new"));
        // the receiver's answer without a space in it wraps within the cell, where it can be read
        var bodies = _find(details, com.vaadin.flow.component.html.Pre.class);
        assertThat(bodies).extracting(com.vaadin.flow.component.html.Pre::getText)
                .anySatisfy(text -> assertThat(text).startsWith("token".repeat(100)));
        assertThat(bodies).allSatisfy(body -> assertThat(body.getStyle().get("overflow-wrap")).isEqualTo("anywhere"));

        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.select.Select<EventType> eventFilter = _get(log,
                com.vaadin.flow.component.select.Select.class, spec -> spec.withLabel("Event"));
        com.github.mvysny.kaributesting.v10.LocatorJ._setValue(eventFilter, EventType.CONNECTION_DELETED);
        assertThat(GridKt._size(grid)).isZero();
        assertThat(grid.getEmptyStateText()).isEqualTo("No events match these filters.");
        com.github.mvysny.kaributesting.v10.LocatorJ._setValue(eventFilter, EventType.CONNECTION_CREATED);
        assertThat(GridKt._size(grid)).isEqualTo(1);

        DeliveryLogPanel forConnection = DeliveryLogPanel.forConnection(events, webhooks, connections, admin, clock, "no-such");
        UI.getCurrent().add(forConnection);
        assertThat(GridKt._size(_get(forConnection, com.vaadin.flow.component.grid.Grid.class))).isZero();
    }

    @Test
    void resendingARowThatWasDeliveredSinceTheListWasLoadedAsksFirst() {
        String id = retryingEvent("z");
        com.vaadin.flow.component.grid.Grid<Notification> grid = openDeliveryLog();
        Button staleResend = (Button) GridKt._getCellComponent(grid, 0, "resend");
        webhooks.resend(admin, id); // another admin, or the retry, gets it through meanwhile
        await(Duration.ofSeconds(5), "delivered", () -> events.get(admin, id).state() == DeliveryState.DELIVERED);

        _click(staleResend);
        Confirmation asked = _get(Confirmation.class);
        assertThat(asked.getElement().getTextRecursively()).contains("This event was delivered at").contains("HTTP 200");
        assertThat(receiver.received(id)).as("nothing sent before the answer").hasSize(2);
        _click(asked.confirm);
        await(Duration.ofSeconds(5), "sent again once confirmed", () -> receiver.received(id).size() == 3);
    }

    /** Another tab shortened the retention and its purge took the event: a warning and a fresh list, no error. */
    @Test
    void resendingARowThatThePurgeRemovedSaysSoAndReadsTheLogAgain() {
        String id = retryingEvent("purged");
        com.vaadin.flow.component.grid.Grid<Notification> grid = openDeliveryLog();
        int rows = GridKt._size(grid);
        Button staleResend = (Button) GridKt._getCellComponent(grid, 0, "resend");
        jdbc.sql("delete from delivery_attempt where event_id = ?").param(id).update();
        jdbc.sql("delete from notification_event where id = ?").param(id).update();

        _click(staleResend);
        expectNotifications("This event was removed meanwhile: the retention purge deletes events older than the "
                + "workspace's retention. Nothing was sent; the log is up to date now.");
        assertThat(GridKt._size(grid)).isEqualTo(rows - 1);
        assertThat(receiver.received(id)).as("nothing sent").hasSize(1);
    }

    @Test
    void replayReadsItsTimeInTheBrowsersZoneAsTheLogShowsTimes() {
        UI ui = UI.getCurrent();
        // Tokyo is 9 hours ahead of UTC all year: a picker read as UTC would be 9 hours off
        // with a window's size, as a browser gives it: without one, the panel's asking for the width fetched the
        // details again, and the zone with them
        ui.getInternals().setExtendedClientDetails(new ExtendedClientDetails(ui, "1280", "800", "1280", "800", null, null,
                null, null, null, null, "Asia/Tokyo", null, null, null, null, null, null, null));
        receiver.answerAt(path, Answer.of(500), Answer.of(500), Answer.of(500), Answer.of(500));
        connections.create(admin, new NewConnection("hubspot", null, List.of(), List.of(), "z", null));
        Notification event = events.list(admin, NotificationFilter.ALL, io.connectionhealth.base.PageRequest.of(1, 0))
                .getFirst();
        await(Duration.ofSeconds(10), "failed", () -> events.get(admin, event.id()).state() == DeliveryState.FAILED);
        DeliveryLogPanel log = new DeliveryLogPanel(events, webhooks, connections, admin, clock);
        ui.add(log);
        DateTimePicker since = _get(log, DateTimePicker.class);
        Button replay = _get(log, Button.class, s -> s.withText("Replay now"));
        assertThat(since.getHelperText()).isEqualTo("Your time zone: Asia/Tokyo");
        assertThat(since.getDatePickerI18n().getDateFormats()).as("written as the logs' pickers write it")
                .containsExactly("yyyy-MM-dd");
        assertThat(since.getLocale()).isEqualTo(java.util.Locale.UK);
        assertThat(since.isAutoOpen()).as("no calendar on focus, which took the Tab after a typed date").isFalse();
        LocalDateTime createdInTokyo = LocalDateTime.ofInstant(event.createdAt(), ZoneId.of("Asia/Tokyo"));
        assertThat(since.getValue()).isBefore(createdInTokyo).isAfter(createdInTokyo.minusDays(2));
        // no list of times, which read "9pm" by its own rules, and a value on the step: one with seconds looped in the
        // browser between the text shown and the value read back, until the stack overflowed
        assertThat(since.getStep()).isEqualTo(Duration.ofMinutes(1));
        assertThat(since.getValue().getSecond()).isZero();
        assertThat(since.getValue().getNano()).isZero();

        since.setValue(createdInTokyo.plusMinutes(1));
        _click(replay);
        expectNotifications("Nothing queued: no failed or retrying events since then, other than any being sent "
                + "right now.");
        assertThat(events.get(admin, event.id()).state()).isEqualTo(DeliveryState.FAILED);
        assertThat(ui.getPollInterval()).as("nothing to wait for").isEqualTo(-1);

        // far back (a year typed 2008 for 2026, say) it asks first: every failed event the log keeps would go again
        since.setValue(LocalDateTime.of(2008, 12, 26, 1, 10));
        _click(replay);
        io.connectionhealth.base.ui.Confirmation asking = _get(io.connectionhealth.base.ui.Confirmation.class);
        assertThat(asking.getHeaderTitle()).startsWith("Replay ").endsWith(" days of events?");
        assertThat(asking.getElement().getTextRecursively()).contains("since 2008-12-26 01:10");
        _click(asking.cancel);
        assertThat(events.get(admin, event.id()).state()).isEqualTo(DeliveryState.FAILED);

        receiver.answerAt(path, Answer.of(200));
        since.setValue(createdInTokyo.minusMinutes(1));
        _click(replay);
        _assertNone(io.connectionhealth.base.ui.Confirmation.class);
        expectNotifications("1 event queued for delivery now.");
        assertThat(ui.getPollInterval()).as("the log is read again once it had time to go out").isEqualTo(1000);
        await(Duration.ofSeconds(5), "delivered", () -> events.get(admin, event.id()).state() == DeliveryState.DELIVERED);
        await(Duration.ofSeconds(10), "the log read again", () -> {
            MockVaadin.runUIQueue();
            return ui.getPollInterval() == -1;
        });

        settings.update(admin, receiver.url(path), List.of(EventType.CONNECTION_HEALTHY));
        connections.create(admin, new NewConnection("hubspot", null, List.of(), List.of(), "y", null));
        Notification notSent = events.list(admin, NotificationFilter.ALL, io.connectionhealth.base.PageRequest.of(1, 0))
                .getFirst();
        assertThat(notSent.state()).isEqualTo(DeliveryState.NOT_SENT);
        settings.update(admin, receiver.url(path), List.of(EventType.values()));
        _click(replay);
        expectNotifications("Nothing queued: no failed or retrying events since then, other than any being sent "
                + "right now.");
        _get(log, Checkbox.class, s -> s.withLabel(
                "Also events not sent then (no URL, or their type not selected) whose type is selected now"))
                .setValue(true);
        _click(replay);
        expectNotifications("1 event queued for delivery now.");
        await(Duration.ofSeconds(5), "delivered", () -> events.get(admin, notSent.id()).state() == DeliveryState.DELIVERED);
    }

    @Test
    void aViewerSeesTheMaskedSecretOnlyAndNoResend() {
        Actor viewer = new Actor(admin.workspaceId(), Actor.Role.VIEWER, "ui", "viewer");
        WebhookEndpointPanel panel = new WebhookEndpointPanel(settings, webhooks, viewer, clock);
        DeliveryLogPanel log = new DeliveryLogPanel(events, webhooks, connections, viewer, clock);
        UI.getCurrent().add(panel, log);
        assertThat(_find(panel, Button.class, s -> s.withText("Reveal"))).allMatch(b -> !b.isVisible());
        assertThat(_find(panel, Button.class, s -> s.withText("Send test event"))).allMatch(b -> !b.isVisible());
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.grid.Grid<Notification> grid = _get(log, com.vaadin.flow.component.grid.Grid.class);
        assertThat(grid.getColumnByKey("resend")).isNull();
    }

    /** The id the browser names a column by in its cell focus events (the column keeps it to itself). */
    private static String internalId(com.vaadin.flow.component.grid.Grid.Column<?> column) {
        try {
            java.lang.reflect.Method id = com.vaadin.flow.component.grid.Grid.Column.class
                    .getDeclaredMethod("getInternalId");
            id.setAccessible(true);
            return (String) id.invoke(column);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
