package io.connectionhealth.connection.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.FocusOption;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.base.ui.Badges;
import io.connectionhealth.base.ui.Clipboard;
import io.connectionhealth.base.ui.Confirmation;
import io.connectionhealth.base.ui.CurrentUser;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.base.ui.WindowWidth;
import io.connectionhealth.base.ui.MainLayout;
import io.connectionhealth.base.ui.Paging;
import io.connectionhealth.base.ui.QueryString;
import io.connectionhealth.base.ui.RowOpening;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.ConnectionUpdate;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.ExportDetail;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.ResolutionOwner;
import io.connectionhealth.notification.EventLog;
import io.connectionhealth.notification.EventType;
import io.connectionhealth.notification.NotificationFilter;
import io.connectionhealth.notification.ui.EventChanges;
import io.connectionhealth.signal.SignalLog;
import io.connectionhealth.signal.HourlyCalls;
import io.connectionhealth.signal.ApiCall;
import io.connectionhealth.signal.JobRun;
import io.connectionhealth.signal.ui.ApiCallLogsView;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One connection: every field, its health with details, what to do, 24 hours of calls, recent events and job runs;
 * admins may pause, record new credentials or delete it.
 */
@Route(value = "connections/:" + ConnectionDetailView.ID, layout = MainLayout.class)
@PermitAll
public class ConnectionDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    public static final String ID = "id";

    private final ConnectionService connections;
    private final SignalLog calls;
    private final EventLog events;
    private final Clock clock;
    private final Actor actor;
    private String title = "Connection · Connection Health";
    // each show() builds the page anew; these are its current buttons, for putting the focus back where it was
    private Button viewCalls;
    private Button refresh;
    private Button pause;
    private Button credentials;

    public ConnectionDetailView(ConnectionService connections, SignalLog calls, EventLog events,
                                CurrentUser currentUser, Clock clock) {
        this.connections = connections;
        this.calls = calls;
        this.events = events;
        this.clock = clock;
        this.actor = currentUser.actor();
        setMaxWidth("1100px");
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getRouteParameters().get(ID).orElse("");
        try {
            show(connections.get(actor, id));
            // a keyboard user who opened the row with Enter goes on from the page's first action, not from its top
            viewCalls.focus(RowOpening.focusRing());
        } catch (NotFoundException e) {
            removeAll();
            title = "Connection not found · Connection Health";
            // a deleted connection's calls and events stay (until retention): a link to one should not end here
            RouterLink calls = new RouterLink("View its API calls", ApiCallLogsView.class);
            calls.setQueryParameters(QueryParameters.of(ApiCallLogsView.CONNECTION, id));
            calls.setId("not-found-calls");
            add(new H2("Connection not found"),
                    // a mistyped or pasted id can be any length: it wraps rather than runs off the page
                    Formats.wrapAnywhere(new Paragraph("There is no connection " + Formats.clipped(id, 200) + " in "
                            + "this workspace (it may have been deleted). A deleted connection's API calls stay in "
                            + "the logs until the retention period ends.")),
                    calls, new Paragraph(new RouterLink("Back to the connections", ConnectionsView.class)));
        }
    }

    /**
     * "Salesforce · globex", each part at most {@code max} characters and isolated from the other (the type beside a
     * name stays outside the name's isolate: "(salesforce)" had read at the start of a Hebrew name), for plain text:
     * the tab's title and the delete question.
     */
    private static String named(Connection c, int max) {
        return (typeAfterName(c) ? Formats.isolated(Formats.clipped(c.integrationName(), max)) + typeAfter(c)
                : Formats.isolated(Formats.clipped(ConnectionsView.integrationLabel(c), max)))
                + (c.externalXref() == null ? "" : " · " + Formats.isolated(Formats.clipped(c.externalXref(), max)));
    }

    /** Whether the label is "name (type)": the type then stays outside the name's isolate. */
    private static boolean typeAfterName(Connection c) {
        return c.integrationName() != null
                && ConnectionsView.integrationLabel(c).equals(c.integrationName() + typeAfter(c));
    }

    private static String typeAfter(Connection c) {
        return " (" + c.integrationType() + ")";
    }

    /**
     * The heading: the same parts isolated by the browser (each in a span of its own direction), not by characters,
     * which a name copied from it carried into the search box, finding nothing (an audit).
     */
    private static H2 heading(Connection c, int max) {
        H2 heading = new H2();
        java.util.function.Consumer<String> part = text -> {
            Span span = new Span(text);
            span.getElement().setAttribute("dir", "auto");
            heading.add(span);
        };
        if (typeAfterName(c)) {
            part.accept(Formats.clipped(c.integrationName(), max));
            heading.add(new com.vaadin.flow.component.Text(typeAfter(c)));
        } else {
            part.accept(Formats.clipped(ConnectionsView.integrationLabel(c), max));
        }
        if (c.externalXref() != null) {
            heading.add(new com.vaadin.flow.component.Text(" · "));
            part.accept(Formats.clipped(c.externalXref(), max));
        }
        return heading;
    }

    private void show(Connection c) {
        removeAll();
        // the customer beside the integration: two Okta connections must not look alike
        // each part cut on its own (whole in the fields below): a 455-character name made a heading of nine lines
        // that pushed What to do out of sight, and a cut across both could drop the second's closing isolate
        title = named(c, 40) + " · Connection Health"; // the navbar shows it too
        H2 heading = Formats.wrapAnywhere(heading(c, 80));
        heading.getElement().setAttribute("title", ConnectionsView.integrationLabel(c)
                + (c.externalXref() == null ? "" : " · " + c.externalXref()));
        heading.addClassNames(LumoUtility.Margin.NONE);
        HorizontalLayout header = new HorizontalLayout(heading, Badges.status(c.status()));
        header.setAlignItems(Alignment.CENTER);
        header.setWrap(true);
        if (c.isPaused()) {
            header.add(Badges.of("Paused", "contrast"));
        }
        // an unhealthy health set by a job run: its calls would not say why (they may all be fine, or old)
        Optional<JobRun> brokenBy = c.status().isUnhealthy() ? calls.jobRunThatBrokeIt(actor, c) : Optional.empty();
        Grid<JobRun> runs = jobRuns(c);
        // or by an API call: its request and the vendor's error say why without a trip to the logs
        Optional<ApiCall> brokenByCall = c.status().isUnhealthy() && brokenBy.isEmpty()
                ? calls.callThatBrokeIt(actor, c) : Optional.empty();
        boolean purged = brokenBy.isEmpty() && brokenByCall.isEmpty() && calls.signalThatBrokeItWasPurged(actor, c);
        GuidancePanel guidance = new GuidancePanel(Guidance.forConnection(c));
        CustomerNote.forConnection(c).ifPresent(note -> guidance.add(customerNote(note,
                Integer.valueOf(403).equals(Guidance.adviceCode(c)))));
        add(header, actions(c, brokenBy, purged), guidance,
                healthSection(c, brokenBy, brokenByCall, purged),
                fields(c),
                // per hour: the first bar starts on the hour 23 hours ago, so it covers a little less than 24 hours
                new H3("Calls per hour, last 24 hours"), chart(c), new H3("Recent events"));
        List<io.connectionhealth.notification.Notification> recent = events.list(actor,
                new NotificationFilter(c.id(), null, null, null), PageRequest.of(20, 0));
        silentMove(c, recent).ifPresent(this::add);
        add(recentEvents(recent), new H3("Job runs"), runs);
    }

    /** The customer must act, so someone writes to them: a draft to copy, read first (it opens on demand). */
    private static Details customerNote(String note, boolean scopesFirst) {
        TextArea text = new TextArea();
        text.setId("customer-note-text");
        text.setValue(note);
        text.setReadOnly(true);
        text.setWidthFull();
        text.setAriaLabel("A note for the customer");
        Button copy = new Button("Copy the note", VaadinIcon.COPY_O.create());
        copy.setId("copy-customer-note");
        // copied by hand when the browser refuses: the whole text selected, ready for Ctrl+C
        copy.addClickListener(e -> Clipboard.copy(copy, note, "The note is copied: adapt it to your product and "
                + "send it to the customer.", () -> {
                    text.focus();
                    text.getElement().executeJs("this.inputElement.select()");
                }));
        Details details = new Details("A note for the customer", new Paragraph((scopesFirst
                ? "Once steps 1 and 2 are checked on your side, a draft to adapt and send: "
                : "A draft to adapt and send: ") + "what stopped working and what they must do, without the "
                + "dashboard's terms."), text, copy);
        details.setId("customer-note");
        return details;
    }

    /** Focuses a button of the rebuilt page in place of the one pressed; with the ring if it was pressed by key. */
    private static void refocus(Button rebuilt, ClickEvent<Button> pressed) {
        rebuilt.focus(pressed.getClickCount() == 0 ? FocusOption.FocusVisible.VISIBLE
                : FocusOption.FocusVisible.NOT_VISIBLE);
    }

    /** Runs an action on the connection; if it was deleted meanwhile (another tab, the API), says so and leaves. */
    private void whileItExists(Connection c, Runnable action) {
        try {
            action.run();
        } catch (NotFoundException deleted) {
            Notification.show("This connection was deleted meanwhile (in another tab or through the API); nothing "
                    + "was changed.").addThemeVariants(NotificationVariant.LUMO_WARNING);
            getUI().ifPresent(ui -> ConnectionsView.returnToList(ui, c.id()));
        }
    }

    private Component actions(Connection c, Optional<JobRun> brokenBy, boolean purged) {
        viewCalls = new Button("View API calls", VaadinIcon.LIST.create(), e -> getUI().ifPresent(ui ->
                ui.navigate(ApiCallLogsView.class, QueryParameters.of(ApiCallLogsView.CONNECTION, c.id()))));
        viewCalls.setId("view-api-calls");
        refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> whileItExists(c, () -> {
            show(connections.get(actor, c.id()));
            refocus(refresh, e);
        }));
        refresh.setId("refresh-connection");
        refresh.setTooltipText("Read the connection, its chart, events and job runs again");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        FlexLayout bar = new FlexLayout(viewCalls);
        if (brokenBy.isPresent()) {
            Button failingRun = new Button("View the failing job run", VaadinIcon.WARNING.create(),
                    e -> new JobRunDialog(brokenBy.get()).open());
            failingRun.setId("view-failing-job-run");
            failingRun.setTooltipText("The job run that made it unhealthy: its error and data exports");
            bar.add(failingRun);
        } else if (c.status().isUnhealthy() && !purged) {
            Button failing = new Button("View failing calls", VaadinIcon.WARNING.create(), e -> getUI().ifPresent(ui ->
                    ui.navigate(ApiCallLogsView.class, QueryString.empty().put(ApiCallLogsView.CONNECTION, c.id())
                            .putFlag(ApiCallLogsView.UNHEALTHY, true).toParameters())));
            failing.setId("view-failing-calls");
            failing.setTooltipText("Its calls that counted unhealthy, newest first");
            bar.add(failing);
        }
        bar.add(refresh);
        bar.addClassNames(LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.SMALL);
        if (actor.isAdmin()) {
            pause = new Button(c.isPaused() ? "Unpause" : "Pause",
                    (c.isPaused() ? VaadinIcon.PLAY : VaadinIcon.PAUSE).create(), e -> whileItExists(c, () -> {
                Connection after = connections.update(actor, c.id(),
                        new ConnectionUpdate(null, null, null, null, !c.isPaused(), false));
                Notification.show(after.isPaused()
                        ? "Paused: what arrives for it from now on is logged but moves nothing."
                        : "Unpaused: its signals count again.");
                show(after);
                refocus(pause, e);
            }));
            pause.setId("pause");
            credentials = new Button("Credentials updated", VaadinIcon.KEY.create(), e -> whileItExists(c, () -> {
                show(connections.update(actor, c.id(), new ConnectionUpdate(null, null, null, null, null, true)));
                refocus(credentials, e);
                Notification.show("Recorded that the credentials were updated.");
            }));
            credentials.setTooltipText("Record that the customer re-entered or re-authorized their credentials "
                    + "(sets Credentials updated; the next successful call makes the connection healthy)");
            // only the customer's credentials can fix what the customer must act on; for a platform's or a vendor's
            // failure, or a working connection, recording new credentials would read as a step of a fix that it is not
            credentials.setVisible(c.health() != null && c.health().resolutionOwner() == ResolutionOwner.CUSTOMER);
            Button delete = new Button("Delete", VaadinIcon.TRASH.create(), e -> confirmDelete(c));
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            delete.setId("delete");
            bar.add(pause, credentials, delete);
        }
        return bar;
    }

    private void confirmDelete(Connection c) {
        Confirmation.open("Delete this connection?", "The connection " + Formats.isolated(ConnectionsView.integrationLabel(c))
                + (c.externalXref() == null ? "" : " for " + Formats.isolated(c.externalXref()))
                + " will be deleted. Its logs and events stay listed until retention removes them.", "Delete", true,
                () -> whileItExists(c, () -> {
                    connections.delete(actor, c.id());
                    Notification.show("Connection deleted.");
                    getUI().ifPresent(ui -> ConnectionsView.returnToList(ui, c.id()));
                }));
    }

    private Component healthSection(Connection c, Optional<JobRun> brokenBy, Optional<ApiCall> brokenByCall,
                                    boolean purged) {
        Div section = new Div(new H3("Health"));
        if (c.health() == null) {
            section.add(new Paragraph("None yet: the connection is new."));
            return section;
        }
        brokenBy.ifPresent(run -> {
            // the vendor's words, as for a call (an audit: a run's error had been only in its dialog): the run's own
            // error, else the first failing export's
            String error = run.error() != null && !run.error().isBlank() ? "The run's error: " + quoted(run.error())
                    : run.exports().stream().filter(e -> JobRunDialog.failed(e) && e.error() != null
                            && !e.error().isBlank()).findFirst().map(e -> "The " + Formats.isolated(Formats.clipped(
                            e.dataExportType(), 100)) + " export's error: " + quoted(e.error())).orElse("");
            Paragraph source = new Paragraph("Set by the job run that finished " + Formats.exact(run.finishedAt())
                    + " (in Job runs, below): " + run.classification().explanation()
                    + (error.isEmpty() ? "" : " " + error));
            Formats.wrapAnywhere(source);
            source.setId("health-source");
            section.add(source);
        });
        brokenByCall.ifPresent(call -> {
            // the request and the error are the client's and the vendor's text: isolated inside the sentence
            String request = ApiCallLogsView.request(call); // "—" for a call without method or path
            Paragraph source = new Paragraph("Set by " + ("—".equals(request) ? "an API call"
                    : "the API call " + Formats.isolated(Formats.clipped(request, 200))) + " at "
                    + Formats.exact(call.createdAt()) + ", answered "
                    + (call.timedOut() ? "with no response (timed out)" : String.valueOf(call.status()))
                    + (call.error() == null || call.error().isBlank() ? ""
                    : ": " + Formats.isolated(Formats.clipped(call.error().strip(), 300))));
            Formats.wrapAnywhere(source); // the vendor's error may be one long token
            source.setId("health-source");
            section.add(source);
        });
        if (purged) {
            // no number of days: the retention in force may have been raised since the purge
            Paragraph source = new Paragraph("Set by an API call or job run of " + Formats.exact(c.lastUnhealthyAt())
                    + " that is no longer in the log: the workspace's retention deleted it, with every failing one "
                    + "before it.");
            source.setId("health-source");
            section.add(source);
        }
        FormLayout form = new FormLayout();
        form.addFormItem(Badges.healthName(c.health().name()), "Name");
        // the health object's own two-valued status (Leen's), not the connection's four statuses in the header
        Span verdict = new Span(Formats.capitalized(c.health().status().toLowerCase(Locale.ROOT)));
        verdict.getElement().setAttribute("title", "The health object's status (HEALTHY or UNHEALTHY); the header's "
                + "badge is the connection's status, which also says whether it ever worked");
        form.addFormItem(verdict, "Verdict");
        form.addFormItem(new Span(c.health().resolutionOwner() == null ? "—"
                : Badges.label(c.health().resolutionOwner())), "Resolution owner");
        form.addFormItem(new Span(c.health().description()), "Description");
        section.add(form);
        if (!c.health().details().isEmpty()) {
            Grid<ExportDetail> details = new Grid<>();
            // wrapped anywhere: on a phone the names were cut to "export_ty…", whole only in a tooltip a finger
            // cannot open (an audit)
            details.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
            details.addComponentColumn(d -> Formats.wrapAnywhere(new Span(d.dataExportType()))).setHeader("Data export")
                    .setTooltipGenerator(ExportDetail::dataExportType).setWidth("5rem").setFlexGrow(1);
            details.addComponentColumn(d -> Formats.wrapAnywhere(new Span(d.endpoint() == null ? "—" : d.endpoint())))
                    .setHeader("Endpoint").setTooltipGenerator(d -> d.endpoint() == null ? "" : d.endpoint())
                    .setWidth("6rem").setFlexGrow(2);
            details.addColumn(ExportDetail::status).setHeader("Status").setWidth("4.5rem").setFlexGrow(0);
            details.setItems(c.health().details());
            details.setAllRowsVisible(true);
            details.setId("health-details");
            boolean unauthorized = c.health().name() == HealthName.UNAUTHORIZED;
            details.setAriaLabel(unauthorized ? "Data exports that lacked permission" : "Data exports that failed");
            section.add(new Paragraph(unauthorized ? "These data exports lacked permission:"
                    : "These data exports failed:"), details);
        }
        return section;
    }

    private static String quoted(String vendorText) {
        return Formats.isolated(Formats.clipped(vendorText.strip(), 300));
    }

    /** The failing exports first: in a run of many, the cell cut them off (an audit). */
    private static String exports(JobRun r) {
        return JobRunDialog.failedFirst(r.exports()).stream()
                .map(e -> e.dataExportType() + " " + (e.status() == null ? "—" : e.status()))
                .collect(Collectors.joining(", "));
    }

    private Component fields(Connection c) {
        FormLayout form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2));
        item(form, "Id", c.id());
        item(form, "Integration type", c.integrationType());
        item(form, "Integration name", c.integrationName());
        item(form, "Customer (external_xref)", c.externalXref());
        item(form, "Environment", c.environment());
        item(form, "Categories", String.join(", ", c.categories()));
        item(form, "Permissions", String.join(", ", c.permissions()));
        item(form, "Paused", c.isPaused() ? "yes" : "no");
        form.addFormItem(Formats.time(c.lastHealthyAt(), clock.instant()), "Last healthy");
        form.addFormItem(Formats.time(c.lastUnhealthyAt(), clock.instant()), "Last unhealthy");
        item(form, "Last unhealthy code", c.lastUnhealthyCode() == null ? null : String.valueOf(c.lastUnhealthyCode()));
        form.addFormItem(Formats.time(c.createdAt(), clock.instant()), "Created");
        form.addFormItem(Formats.time(c.updatedAt(), clock.instant()), "Updated");
        form.addFormItem(Formats.time(c.credentialsUpdatedAt(), clock.instant()), "Credentials updated");
        item(form, "Workspace", c.workspaceId());
        return new Div(new H3("Fields"), form);
    }

    private static void item(FormLayout form, String label, String value) {
        form.addFormItem(Formats.wrapAnywhere(new Span(value == null || value.isBlank() ? "—" : value)), label);
    }

    private Component chart(Connection c) {
        List<HourlyCalls> hours = calls.last24Hours(actor, c.id());
        if (hours.stream().allMatch(h -> h.ok() + h.errors() == 0)) {
            Paragraph none = new Paragraph("No API calls in the last 24 hours.");
            none.setId("calls-chart-empty");
            none.addClassNames(LumoUtility.TextColor.SECONDARY);
            return none;
        }
        Svg svg = new Svg(CallsChart.svg(hours, clock.instant(), Formats.zone()));
        svg.setId("calls-chart");
        // on a phone the SVG keeps a legible minimum width and scrolls inside a box no wider than the page
        // and starts at its right end, the newest hours, which show what is failing now (it had opened on the oldest):
        // a right-to-left box starts there; the chart inside is drawn left to right, at the box's left where it fits
        // (CallsChart). A script setting
        // scrollLeft ran before the page was laid out, and did nothing.
        svg.getStyle().set("width", "100%").set("overflow-x", "auto").set("direction", "rtl");
        // a Tab stop, so that the keyboard can scroll it there too (Safari does not focus a scrolling box by itself)
        svg.getElement().setAttribute("tabindex", "0").setAttribute("role", "region")
                .setAttribute("aria-label", "API calls per hour, last 24 hours");
        // the calls' answers, not the health verdicts: a 429 or a vendor's 5xx is red here though it counts healthy
        // position as well as colour: red and green are one colour to many colour-blind readers
        Span legend = new Span("Each hour's bar: at the bottom (green), calls answered with a status below 400; "
                + "stacked on top (red), those with 400 or more or timed out, also those that count as healthy (a "
                + "429, a vendor's 5xx). " + CallsChart.hoursNote(Formats.zone(), Formats.zoneName(), clock.instant())
                + " Point at a bar for its numbers, or open Numbers per hour.");
        legend.setId("calls-chart-legend");
        legend.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Div chart = new Div(svg, legend, numbersPerHour(hours));
        chart.setWidthFull();
        chart.getStyle().set("min-width", "0");
        return chart;
    }

    /** The bars' numbers as a table: a bar's title shows only under the mouse, out of a keyboard's reach. */
    private Details numbersPerHour(List<HourlyCalls> hours) {
        NativeTable table = new NativeTable();
        table.setId("calls-per-hour");
        NativeTableRow head = new NativeTableRow();
        for (String column : List.of("Hour", "Successful", "Failed")) {
            head.add(new NativeTableHeaderCell(column));
        }
        table.getHead().add(head);
        for (HourlyCalls h : CallsChart.day(hours, clock.instant())) {
            NativeTableRow row = new NativeTableRow();
            NativeTableHeaderCell hour = new NativeTableHeaderCell(CallsChart.hourLabel(h.hour(), Formats.zone()));
            hour.getElement().setAttribute("scope", "row");
            row.add(hour, new NativeTableCell(String.valueOf(h.ok())), new NativeTableCell(String.valueOf(h.errors())));
            table.getBody().add(row);
        }
        table.getStyle().set("text-align", "right").set("border-spacing", "var(--lumo-space-m) 0");
        table.addClassNames(LumoUtility.FontSize.SMALL);
        Details details = new Details("Numbers per hour", table);
        details.setId("calls-per-hour-details");
        return details;
    }

    /**
     * Unhealthy → Unhealthy now sends no event (SPEC §4): a success older than the failure, reported after it. Without
     * a word the newest event ("New → Unhealthy") contradicts the status in the header.
     */
    private static Optional<Paragraph> silentMove(Connection c, List<io.connectionhealth.notification.Notification> recent) {
        if (c.status() != ConnectionStatus.UNHEALTHY_NOW) { // which has a last_healthy_at (ConnectionStatus.of)
            return Optional.empty();
        }
        return recent.stream().filter(n -> n.event() == EventType.CONNECTION_HEALTHY
                        || n.event() == EventType.CONNECTION_UNHEALTHY).findFirst()
                .filter(n -> EventChanges.statusAfter(n) == ConnectionStatus.UNHEALTHY)
                .map(n -> {
                    // a job run can be the success, and it may share the failure's time (an audit of late signals)
                    Paragraph note = new Paragraph("Unhealthy now since a success from "
                            + Formats.exact(c.lastHealthyAt()) + " (an API call or job run), made no later than the "
                            + "failure but reported after it, showed that it worked before. That move is not an event, "
                            + "so no webhook was sent and it is not listed here.");
                    note.setId("silent-move");
                    note.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
                    return note;
                });
    }

    static <T> void fitEvents(Grid<T> events, int windowWidth) {
        events.setColumnOrder((windowWidth < WindowWidth.PHONE ? List.of("when", "webhook", "event", "change")
                : List.of("when", "event", "webhook", "change")).stream().map(events::getColumnByKey).toList());
    }

    private Component recentEvents(List<io.connectionhealth.notification.Notification> recent) {
        Grid<io.connectionhealth.notification.Notification> grid = new Grid<>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addComponentColumn(n -> Formats.time(n.createdAt(), clock.instant())).setHeader("When").setKey("when")
                .setAutoWidth(true);
        grid.addColumn(n -> n.event().name()).setHeader("Event").setKey("event").setAutoWidth(true);
        // whether it went out before the change, whose text is long: after it, on a phone, it sat 540 px to the right
        grid.addColumn(n -> Badges.enumLabel(n.state())).setHeader("Webhook").setKey("webhook").setAutoWidth(true);
        // a status event shows its change; the others (created, updated, paused…) the status at their time
        grid.addColumn(EventChanges::describe).setHeader("Change").setKey("change").setAutoWidth(true)
                .setTooltipGenerator(EventChanges::describe);
        // and on a phone before the event's name too (229 px), which left it out of sight at 360 px
        WindowWidth.follow(grid, width -> fitEvents(grid, width));
        grid.setItems(recent);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No events yet.");
        grid.setId("recent-events");
        grid.setAriaLabel("Recent events");
        return grid;
    }

    private Grid<JobRun> jobRuns(Connection c) {
        Grid<JobRun> grid = new Grid<>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addComponentColumn(r -> Formats.time(r.finishedAt(), clock.instant())).setHeader("Finished").setAutoWidth(true);
        grid.addComponentColumn(r -> Badges.healthName(r.classification().healthName())).setHeader("Health")
                .setAutoWidth(true);
        grid.addColumn(r -> r.classification().resolutionOwner() == null ? ""
                : Badges.label(r.classification().resolutionOwner())).setHeader("Who acts").setAutoWidth(true);
        grid.addColumn(ConnectionDetailView::exports).setHeader("Exports").setTooltipGenerator(ConnectionDetailView::exports)
                .setFlexGrow(1);
        grid.addColumn(r -> r.classification().explanation()).setHeader("Why")
                .setTooltipGenerator(r -> r.classification().explanation()).setFlexGrow(1);
        grid.addColumn(r -> r.error() == null ? "" : Formats.clipped(r.error(), 200)).setHeader("Error")
                .setTooltipGenerator(r -> r.error() == null ? "" : Formats.clipped(r.error(), 1000)).setFlexGrow(1);
        grid.setItems(q -> Paging.fetch(q.getOffset(), q.getLimit(), page -> calls.jobRuns(actor, c.id(), page)));
        RowOpening.onClickOrEnter(grid, run -> new JobRunDialog(run).open());
        grid.setHeight("260px");
        grid.setEmptyStateText("No job runs reported for this connection.");
        grid.setId("job-runs");
        grid.setAriaLabel("Job runs");
        return grid;
    }
}
