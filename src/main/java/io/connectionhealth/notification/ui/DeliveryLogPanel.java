package io.connectionhealth.notification.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.ui.Paging;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ui.Badges;
import io.connectionhealth.base.ui.Confirmation;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.base.ui.GridFocus;
import io.connectionhealth.base.ui.Polling;
import io.connectionhealth.base.ui.RowOpening;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.ui.CustomerNames;
import io.connectionhealth.notification.DeliveryAttempt;
import io.connectionhealth.notification.DeliveryConflictException;
import io.connectionhealth.notification.DeliveryState;
import io.connectionhealth.notification.EventLog;
import io.connectionhealth.notification.EventType;
import io.connectionhealth.notification.Notification;
import io.connectionhealth.notification.NotificationFilter;
import io.connectionhealth.notification.WebhookService;
import io.connectionhealth.base.ui.ScreenReaderText;
import io.connectionhealth.base.ui.WindowWidth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The delivery log: every recorded event with its delivery state (pending, retrying at …, delivered, failed, not
 * sent), its attempts (open a row), Resend, and "Replay now" (failed and retrying events created since a time). Loaded lazily, newest first, paged in
 * SQL. {@link #forConnection} shows one connection's events (for the connection detail), without the replay bar.
 */
public class DeliveryLogPanel extends VerticalLayout {

    final Select<DeliveryState> stateFilter = new Select<>();
    final Select<EventType> eventFilter = new Select<>();
    final Grid<Notification> grid = new Grid<>();
    final DateTimePicker replaySince = new DateTimePicker("Failed and retrying events created since");
    final Checkbox alsoNotSent = new Checkbox(
            "Also events not sent then (no URL, or their type not selected) whose type is selected now");
    final Button replay = new Button("Replay now");
    final Button refresh = new Button("Refresh");
    private static final int RESUME_POLL_MILLIS = 1000;
    private static final Duration RESUME_REFRESH_DELAY = Duration.ofSeconds(4);

    private final EventLog events;
    private final WebhookService webhooks;
    private final ConnectionService connections;
    /** The customers of the connections on the pages fetched so far. */
    private final CustomerNames customers;
    /** Also refreshed with the log: the endpoint's state, which a replay or a resend may have changed. */
    private Runnable onFiltersChanged = () -> {
    };
    private Runnable alsoOnRefresh = () -> {
    };
    private final Actor actor;
    private final Clock clock;
    private final String connectionId;

    public DeliveryLogPanel(EventLog events, WebhookService webhooks, ConnectionService connections, Actor actor,
                            Clock clock) {
        this(events, webhooks, connections, actor, clock, null);
    }

    /** One connection's events with their delivery state, attempts and Resend. */
    public static DeliveryLogPanel forConnection(EventLog events, WebhookService webhooks, ConnectionService connections,
                                                 Actor actor, Clock clock, String connectionId) {
        return new DeliveryLogPanel(events, webhooks, connections, actor, clock, connectionId);
    }

    private DeliveryLogPanel(EventLog events, WebhookService webhooks, ConnectionService connections, Actor actor,
                             Clock clock, String connectionId) {
        this.events = events;
        this.webhooks = webhooks;
        this.connections = connections;
        this.actor = actor;
        this.customers = new CustomerNames(connections, actor);
        this.clock = clock;
        this.connectionId = connectionId;
        setPadding(false);
        setId(connectionId == null ? "delivery-log" : "connection-events");

        stateFilter.setLabel("Delivery state");
        stateFilter.setItems(DeliveryState.values());
        stateFilter.setEmptySelectionAllowed(true);
        stateFilter.setEmptySelectionCaption("Any");
        stateFilter.setItemLabelGenerator(s -> s == null ? "Any" : Badges.enumLabel(s));
        stateFilter.addValueChangeListener(e -> filterChanged(e.isFromClient()));
        eventFilter.setLabel("Event");
        eventFilter.setItems(EventType.values());
        eventFilter.setEmptySelectionAllowed(true);
        eventFilter.setEmptySelectionCaption("Any");
        eventFilter.setItemLabelGenerator(t -> t == null ? "Any" : t.name());
        eventFilter.addValueChangeListener(e -> filterChanged(e.isFromClient()));
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        refresh.addClickListener(e -> refreshAll());
        HorizontalLayout filters = new HorizontalLayout(stateFilter, eventFilter, refresh);
        filters.setWrap(true);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setAriaLabel("Webhook deliveries");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        // what the admin watches — the delivery state and the last attempt — comes right after the event, in widths
        // that hold "Retrying in 55 min" and "8 · last: HTTP 503" whole; the change and the connection take the room
        // left and show the rest on hover. Widths in rem: an em is smaller in the header's cells than in the body's,
        // and the header stood up to 40 px left of its column (and the frozen Resend's over Delivery's on a phone)
        grid.addComponentColumn(n -> Formats.time(n.createdAt(), clock.instant())).setHeader("When").setKey("when")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(n -> n.event().name()).setHeader("Event").setKey("event").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(n -> WebhookFormats.deliveryBadge(n, clock.instant())).setHeader("Delivery")
                .setKey("delivery").setWidth("10rem").setFlexGrow(0);
        grid.addColumn(DeliveryLogPanel::attemptSummary).setHeader("Attempts").setKey("attempts").setWidth("10rem")
                .setFlexGrow(0).setTooltipGenerator(DeliveryLogPanel::attemptSummary);
        List<Grid.Column<Notification>> withControls = new ArrayList<>();
        if (connectionId == null) {
            withControls.add(grid.addComponentColumn(this::connectionLink).setHeader("Connection").setKey("connection")
                    .setWidth("8rem").setFlexGrow(1));
        }
        grid.addColumn(EventChanges::describe).setHeader("Change").setKey("change").setWidth("9rem").setFlexGrow(2)
                .setTooltipGenerator(EventChanges::describe);
        if (actor.isAdmin()) {
            withControls.add(grid.addComponentColumn(this::resendButton).setHeader(ScreenReaderText.of("Resend"))
                    .setKey("resend").setAutoWidth(true).setFlexGrow(0)
                    .setFrozenToEnd(true)); // in reach on a narrow screen, where the grid scrolls sideways
        }
        WindowWidth.follow(this, this::fitTo);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(this::details));
        grid.setDetailsVisibleOnClick(true);
        // Enter shows a row's attempts as a click does, and as Enter opens a row in the other grids
        RowOpening.onEnter(grid, n -> grid.setDetailsVisible(n, !grid.isDetailsVisible(n)),
                withControls.toArray(Grid.Column[]::new));
        grid.setEmptyStateText("No events yet.");
        grid.setItems(query -> {
            // a grid without a count ends its list at a short page: more than 1,000 rows asked for come in several
            List<Notification> rows = Paging.fetch(query.getOffset(), query.getLimit(), page -> events.list(actor,
                    new NotificationFilter(connectionId, eventFilter.getValue(), stateFilter.getValue(), null), page))
                    .toList();
            if (connectionId == null) {
                customers.learn(rows.stream().map(Notification::connectionId).toList());
            }
            return rows.stream();
        });
        if (connectionId != null) {
            grid.setHeight("24em");
        } else {
            grid.setHeight("32em");
        }

        // in the browser's zone, as the log above shows its times
        // on the field's step: a value with seconds is shown without them, read back as another value and shown again,
        // which in the browser looped until its stack overflowed
        replaySince.setValue(LocalDateTime.ofInstant(clock.instant().minus(Duration.ofDays(1)), Formats.zone())
                .truncatedTo(ChronoUnit.MINUTES));
        replaySince.setHelperText("Your time zone: " + Formats.zoneName());
        // to the minute, without the list of times a 15-minute step adds: the time is typed and read as the logs'
        // pickers read it ("9pm" had become 09:00)
        replaySince.setStep(Duration.ofMinutes(1));
        Formats.writtenAsThePage(replaySince);
        Formats.strictDatesAndTimes(replaySince);
        replaySince.setI18n(new DateTimePicker.DateTimePickerI18n()
                .setBadInputErrorMessage("Not a date and time: type the date as yyyy-mm-dd and the time as 24-hour HH:mm")
                .setIncompleteInputErrorMessage("Give both a date and a time, the time as 24-hour HH:mm"));
        replay.addClickListener(e -> replay());
        HorizontalLayout replayBar = new HorizontalLayout(replaySince, alsoNotSent, replay);
        replayBar.setAlignItems(FlexComponent.Alignment.BASELINE);
        replayBar.setWrap(true);
        replayBar.setWidthFull(); // the picker's 100% is the page's width on a phone, not the bar's own
        replaySince.setMaxWidth("100%");
        replayBar.setVisible(connectionId == null && actor.isAdmin());

        if (connectionId == null) {
            add(new H3("Delivery log"));
        }
        add(filters, grid, replayBar);
    }

    /**
     * On a phone whether an event went out comes right after its time: behind the event's name it was off to the right,
     * and the frozen Resend covered the name.
     */
    void fitTo(int windowWidth) {
        List<String> order = windowWidth < WindowWidth.PHONE
                ? List.of("when", "delivery", "event", "attempts", "connection", "change", "resend")
                : List.of("when", "event", "delivery", "attempts", "connection", "change", "resend");
        grid.setColumnOrder(order.stream().map(grid::getColumnByKey).filter(java.util.Objects::nonNull).toList());
    }

    /**
     * The customer and the integration ("krusty-krab · Salesforce": a customer often has several), else the id's
     * start; a link to the connection's page (a deleted one's page says so).
     */
    private Component connectionLink(Notification n) {
        if (n.connectionId() == null) {
            return new Span("—");
        }
        String id = n.connectionId();
        String shortId = CustomerNames.shortId(id);
        String customer = customers.of(id);
        String integration = EventChanges.integration(n);
        Anchor link = new Anchor("connections/" + id, (customer == null ? shortId
                : Formats.isolated(Formats.clipped(customer, 30)))
                + (integration == null ? "" : " · " + Formats.isolated(Formats.clipped(integration, 30))));
        link.setTitle((customer == null ? "" : customer + " · ") + (integration == null ? "" : integration + " · ") + id);
        return link;
    }

    private void filterChanged(boolean byUser) {
        grid.setEmptyStateText(stateFilter.getValue() == null && eventFilter.getValue() == null ? "No events yet."
                : "No events match these filters.");
        grid.getDataProvider().refreshAll();
        if (byUser) {
            onFiltersChanged.run();
        }
    }

    /** What to do after the user changes a filter (the Settings page keeps them in its address). */
    public void onFiltersChanged(Runnable listener) {
        onFiltersChanged = listener;
    }

    /** Shows the log filtered so (from an address); null is "Any". */
    public void showFilters(DeliveryState state, EventType event) {
        stateFilter.setValue(state);
        eventFilter.setValue(event);
    }

    public DeliveryState stateShown() {
        return stateFilter.getValue();
    }

    public EventType eventShown() {
        return eventFilter.getValue();
    }

    /** The log and whatever else shows delivery state (the endpoint's badge). */
    public void alsoRefresh(Runnable other) {
        alsoOnRefresh = other;
    }

    private void refreshAll() {
        grid.getDataProvider().refreshAll();
        alsoOnRefresh.run();
    }

    /**
     * After a change that sends events at once (a new URL, the endpoint re-enabled, a resend, a replay): the log now,
     * and again once they had a few seconds to go out. The page polls meanwhile (no server push here).
     */
    public void refreshAfterSending() {
        refreshAll();
        UI ui = UI.getCurrent();
        if (ui == null) {
            return;
        }
        String key = "delivery-log-refresh-" + System.nanoTime(); // each waits for its own refresh
        Polling.start(ui, key, RESUME_POLL_MILLIS);
        Thread.ofVirtual().name("delivery-log-refresh").start(() -> {
            try {
                Thread.sleep(RESUME_REFRESH_DELAY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                ui.access(() -> {
                    refreshAll();
                    Polling.stop(ui, key);
                });
            } catch (UIDetachedException closed) {
                // the page was closed or left meanwhile: nobody to show the log to
            }
        });
    }

    private static String attemptSummary(Notification n) {
        if (n.attempts().isEmpty()) {
            return "none";
        }
        DeliveryAttempt last = n.attempts().getLast();
        return n.attempts().size() + (n.attempts().size() == 1 ? " · " : " · last: ") + WebhookFormats.outcome(last);
    }

    private Component resendButton(Notification n) {
        boolean neverSent = n.state() == DeliveryState.NOT_SENT;
        Button resend = new Button(neverSent ? "Send now" : "Resend");
        resend.setTooltipText(neverSent ? "Not sent (no URL, or its type was not selected, when it happened or was due): "
                + "sends it to the URL now, whatever types are selected" : "Sends it again now, with the same webhook-id");
        resend.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        resend.addClickListener(e -> {
            Notification now;
            try {
                now = events.get(actor, n.id());
            } catch (NotFoundException purged) {
                removedMeanwhile();
                return;
            }
            if (now.state() == DeliveryState.DELIVERED && n.state() != DeliveryState.DELIVERED) {
                // the row was read before a retry got through: the receiver has it, and would get it twice
                refreshAll();
                DeliveryAttempt last = now.attempts().getLast();
                Confirmation.open("Delivered meanwhile", "This event was delivered at " + Formats.exact(last.attemptedAt())
                        + " (" + WebhookFormats.outcome(last) + "), after this list was loaded. Resending sends it "
                        + "again with the same webhook-id; a receiver that does not drop duplicates handles it twice.",
                        "Resend anyway", false, () -> resend(n.id()));
                return;
            }
            resend(n.id());
        });
        return resend;
    }

    private void resend(String eventId) {
        try {
            webhooks.resend(actor, eventId);
            show("Event queued for delivery now.", NotificationVariant.LUMO_SUCCESS);
            GridFocus.keepOnCell(grid);
            refreshAfterSending(); // read at once, the row still showed the attempt before until Refresh
        } catch (ValidationException | DeliveryConflictException ex) {
            show(readable(ex), NotificationVariant.LUMO_WARNING);
        } catch (NotFoundException purged) {
            removedMeanwhile();
        }
    }

    /** The retention purge deleted the event after the list was read (a retention shortened in another tab, say). */
    private void removedMeanwhile() {
        refreshAll();
        show("This event was removed meanwhile: the retention purge deletes events older than the workspace's "
                + "retention. Nothing was sent; the log is up to date now.", NotificationVariant.LUMO_WARNING);
    }

    private Component details(Notification n) {
        VerticalLayout box = new VerticalLayout();
        box.setPadding(false);
        box.setSpacing(false);
        Span id = new Span("webhook-id " + n.id());
        id.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        box.add(id);
        if (n.attempts().isEmpty()) {
            box.add(new Span(n.state() == DeliveryState.NOT_SENT
                    ? "Not sent: there was no URL, or this event type was not selected, when it happened or was due."
                    : "No attempt yet."));
        }
        String lastUrl = null;
        for (DeliveryAttempt a : n.attempts()) {
            if (a.url() != null && !a.url().equals(lastUrl)) {
                // once, and again where it changed: after the URL was edited, which attempts went to the old one
                Span to = new Span("To " + a.url());
                to.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
                Formats.wrapAnywhere(to);
                box.add(to);
                lastUrl = a.url();
            }
            Div line = new Div(new Span(Formats.exact(a.attemptedAt()) + " · " + a.durationMs() + " ms · "),
                    a.status() != null && a.status() >= 200 && a.status() < 300
                            ? WebhookFormats.badge(WebhookFormats.outcome(a), "success small")
                            : WebhookFormats.badge(WebhookFormats.outcome(a), "error small"));
            box.add(line);
            if (a.responseBody() != null && !a.responseBody().isEmpty()) {
                Pre body = new Pre(a.responseBody());
                // wrapped anywhere: a body without spaces (a token, minified JSON) ran 38,000 px past the cell's edge,
                // out of reach (an audit)
                body.getStyle().set("white-space", "pre-wrap").set("overflow-wrap", "anywhere").set("max-width", "100%")
                        .set("max-height", "8em").set("overflow", "auto").set("margin", "0 0 0.5em 0");
                box.add(body);
            }
        }
        return box;
    }

    private void replay() {
        if (replaySince.getValue() == null) {
            replaySince.setErrorMessage("Choose a date and time: the field is empty or holds something that is not one");
            replaySince.setInvalid(true);
            return;
        }
        replaySince.setInvalid(false);
        Instant since = replaySince.getValue().atZone(Formats.zone()).toInstant();
        long daysBack = Duration.between(since, clock.instant()).toDays();
        if (daysBack >= ASK_FROM_DAYS) {
            // a slip of the year (0026, 2008) re-sent every failed event the log keeps: far back, it asks first
            Confirmation.open("Replay " + daysBack + " days of events?", "Every failed or retrying event created since "
                    + Formats.exact(since) + " goes to your endpoint again (the log keeps events for the workspace's "
                    + "retention).", "Replay", false, () -> replay(since)).focusAfterwards(replay);
            return;
        }
        replay(since);
    }

    /** From this many days back, Replay now asks first. */
    static final int ASK_FROM_DAYS = 7;

    private void replay(Instant since) {
        try {
            int queued = webhooks.replay(actor, since, alsoNotSent.getValue());
            // an event being sent at this moment is left to that attempt, so "none" would be untrue while one is out
            show(queued == 0 ? (alsoNotSent.getValue() ? "Nothing queued: no failed, retrying or not-sent events of the "
                    + "selected types since then, other than any being sent right now." : "Nothing queued: no failed "
                    + "or retrying events since then, other than any being sent right now.")
                    : queued == 1 ? "1 event queued for delivery now." : queued + " events queued for delivery now.",
                    NotificationVariant.LUMO_SUCCESS);
            if (queued > 0) {
                refreshAfterSending();
            } else {
                refreshAll();
            }
        } catch (ValidationException | DeliveryConflictException ex) {
            show(readable(ex), NotificationVariant.LUMO_WARNING);
        }
    }

    /** "No notification URL is set; save one first", not the API's "url: no notification URL is set; …". */
    private static String readable(RuntimeException ex) {
        return ex instanceof ValidationException invalid && !invalid.errors().isEmpty()
                ? Formats.capitalized(invalid.errors().getFirst().message()) : ex.getMessage();
    }

    private static void show(String text, NotificationVariant variant) {
        com.vaadin.flow.component.notification.Notification.show(text).addThemeVariants(variant);
    }
}
