package io.connectionhealth.signal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NavigationTrigger;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.base.Times;
import io.connectionhealth.base.ui.ApiOnlyFilters;
import io.connectionhealth.base.ui.Badges;
import io.connectionhealth.base.ui.Csv;
import io.connectionhealth.base.ui.CurrentUser;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.base.ui.GridFocus;
import io.connectionhealth.base.ui.MainLayout;
import io.connectionhealth.base.ui.Paging;
import io.connectionhealth.base.ui.QueryString;
import io.connectionhealth.base.ui.TypedChoice;
import io.connectionhealth.base.ui.TypingHistory;
import io.connectionhealth.base.ui.Refreshable;
import io.connectionhealth.base.ui.RowOpening;
import io.connectionhealth.base.ui.RowPlaces;
import io.connectionhealth.base.ui.WindowWidth;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.ui.CustomerNames;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.Effect;
import io.connectionhealth.signal.ApiCall;
import io.connectionhealth.signal.ApiCallFilter;
import io.connectionhealth.signal.SignalLog;
import io.connectionhealth.signal.ApiCallType;
import io.connectionhealth.workspace.WorkspaceService;
import jakarta.annotation.security.PermitAll;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;

import static io.connectionhealth.connection.ui.CustomerNames.shortId;

/**
 * The API call log, newest first, loaded page by page. Filters live in the URL
 * ({@code ?connection=<id>&integration=hubspot&errors=true&status=401 (or 4xx)&type=inbound&method=GET&path=/contacts&from=…&to=…}, times as
 * ISO-8601 instants, or {@code last=1h} for a range that ends now). The connection filter searches connections
 * lazily, so it works with any number of them.
 */
@Route(value = "logs", layout = MainLayout.class)
@PageTitle("API Call Logs · Connection Health")
@PermitAll
public class ApiCallLogsView extends VerticalLayout implements BeforeEnterObserver, Refreshable {

    public static final String CONNECTION = "connection";
    public static final String ERRORS = "errors";
    public static final String UNHEALTHY = "unhealthy";
    static final String STATUS = "status";
    public static final String INTEGRATION = "integration";
    static final String TYPE = "type";
    static final String METHOD = "method";
    static final String PATH = "path";
    /**
     * Longer than any path worth searching for, and short enough for the address (which Vaadin's start-up request
     * carries twice more, within Tomcat's 8 KiB): 200 characters of three UTF-8 bytes each are 1.8 KB escaped; 600
     * Arabic letters made a page a reload could not open (an audit).
     */
    static final int MAX_PATH_FILTER = 200;
    /** {@code asc} for oldest first; the default, newest first, is left out. */
    static final String ORDER = "order";
    static final String FROM = "from";
    static final String TO = "to";
    public static final String LAST = "last";
    /** SPEC's filters of GET /api/v1/apicalls, read as the page's own (their values are written alike). */
    static final Map<String, String> API_NAMES = Map.of("connection_id", CONNECTION, "error", ERRORS,
            "created_gte", FROM, "created_lte", TO, "integration_type", INTEGRATION);
    /** The count shown stops here: nobody needs an exact count of millions of calls (the grid does not count). */
    static final long COUNT_CAP = 100_000;

    private final ApiOnlyFilters apiOnly = new ApiOnlyFilters();
    private final SignalLog log;
    private final ConnectionService connections;
    private final Clock clock;
    private final Actor actor;

    final ConnectionBox connection;
    final Checkbox errorsOnly = new Checkbox("Errors only (status ≥ 400 or timeout)");
    final Checkbox unhealthyOnly = new Checkbox("Counted unhealthy only");
    /** A status ("401") or a class ("4xx"); the classes are its list, a status is typed. */
    final ComboBox<String> status = new ComboBox<>("Status");
    /**
     * The integration types of the workspace's connections, deleted ones' too (their calls stay), read when the list is
     * first opened (and on Refresh).
     */
    final ComboBox<String> integration = new ComboBox<>("Integration");
    private List<String> integrationTypes;
    final ComboBox<ApiCallType> type = new ComboBox<>("Type");
    final ComboBox<String> method = new ComboBox<>("Method");
    final TextField path = new TextField("Path contains");
    final Select<TimeRange> range = new Select<>();
    final TimePicker from = new TimePicker("From", "logs-from", null, () -> cleared(true));
    final TimePicker to = new TimePicker("To", "logs-to", "Before From: no call can match", () -> cleared(false));
    final Grid<ApiCall> grid = new Grid<>();
    final Span total = new Span();
    /** Which calls the list holds: those stored until the filter was applied (see applyFilter). */
    private final Span asOf = new Span();
    /** Beside Export CSV when the filter holds more calls than a file takes: the file must not look complete. */
    final Span exportCut = new Span("the file holds the first " + String.format(Locale.ROOT, "%,d", ApiCallsCsv.MAX_ROWS)
            + " in the list's order; narrow the filter (a time range) for the rest");
    private volatile boolean exportNewestFirst = true;

    private volatile ApiCallFilter filter = ApiCallFilter.ALL;

    static final String NO_MATCH = "No API calls match these filters.";
    /** A connection that reports job runs only (Leen's model) had opened here to "no match" and no hint. */
    static final String NONE_FOR_CONNECTION = "No API calls of this connection in the log. A connection that reports "
            + "job runs lists them on its page; calls older than the log's retention are deleted.";
    static final String NONE_YET = "No API calls yet. Your integration layer reports them with POST /api/v1/apicalls, "
            + "using an API key an admin makes in Settings → API keys. The API's docs: /api/docs.";
    /** The customers of the connections on the pages fetched so far (the grid shows a customer, not an id). */
    private final CustomerNames customers;
    /** The newest calls of a filter read when it is applied; fewer than this are all of them. */
    static final int FIRST = 100;
    /** The newest {@link #FIRST} calls of {@link #firstOf}, newest first, read when it was applied (see count). */
    private volatile List<ApiCall> firstCalls = List.of();
    private volatile ApiCallFilter firstOf;
    private boolean applyingUrl;
    private final TypingHistory typing = new TypingHistory(ApiCallLogsView.class);
    /** The time range as the URL says it; the pickers show it to the second. */
    private Instant fromInstant;
    private Instant toInstant;

    private static final String LEFT = ApiCallLogsView.class.getName() + ".left";

    /** The filters in the address, the list as it was read (its time bounds), and the opened call's row. */
    private record Left(String queryString, ApiCallFilter filter, int rowIndex) {
    }

    private final RowPlaces places = new RowPlaces();
    /** Whether the window has room for Integration, Type and Duration (see fitTo). */
    private boolean wide = true;

    public ApiCallLogsView(SignalLog log, ConnectionService connections, WorkspaceService workspaces,
                           CurrentUser currentUser, Clock clock) {
        this.log = log;
        this.connections = connections;
        this.clock = clock;
        this.actor = currentUser.actor();
        this.customers = new CustomerNames(connections, actor);
        setSizeFull();

        this.connection = new ConnectionBox(connections, actor);
        status.setItems(StatusText.CLASSES);
        status.setAllowCustomValue(true);
        status.setPlaceholder("e.g. 401");
        status.setTooltipText("A status, such as 401, or a class: 2xx, 3xx, 4xx, 5xx");
        status.addCustomValueSetListener(e -> status.setValue(e.getDetail().strip().toLowerCase(Locale.ROOT)));
        status.setClearButtonVisible(true);
        TypedChoice.listedWhenOpened(integration, this::integrationTypes);
        integration.setClearButtonVisible(true);
        type.setItems(ApiCallType.values());
        type.setItemLabelGenerator(ApiCallType::apiName);
        type.setClearButtonVisible(true);
        method.setItems("GET", "POST", "PUT", "PATCH", "DELETE");
        method.setAllowCustomValue(true);
        method.addCustomValueSetListener(e -> method.setValue(e.getDetail().strip().toUpperCase(Locale.ROOT)));
        method.setClearButtonVisible(true);
        path.setValueChangeMode(ValueChangeMode.LAZY);
        path.setClearButtonVisible(true);
        path.setMaxLength(MAX_PATH_FILTER); // kept in the address, which the server reads up to 8 KiB
        connection.addValueChangeListener(e -> filtersChanged());
        errorsOnly.addValueChangeListener(e -> filtersChanged());
        unhealthyOnly.setTooltipText("The calls whose verdict counts against their connection: errors except a 429 "
                + "or a vendor's 5xx, which count as healthy");
        unhealthyOnly.addValueChangeListener(e -> filtersChanged());
        status.addValueChangeListener(e -> {
            // an impossible status is applied as typed, as From after To is: the grid is empty and the field says why,
            // and the other filters keep working (holding them back while it stood made the fields disagree with the
            // grid); text that is neither a status nor a class cannot be applied, and says so
            String problem = StatusText.problem(e.getValue());
            status.setInvalid(problem != null);
            status.setErrorMessage(problem);
            if (problem == null || problem.equals(StatusText.IMPOSSIBLE)) {
                filtersChanged();
            }
        });
        integration.addValueChangeListener(e -> filtersChanged());
        type.addValueChangeListener(e -> filtersChanged());
        method.addValueChangeListener(e -> filtersChanged());
        path.addValueChangeListener(e -> pathChanged());
        range.setLabel("Time");
        range.setItems(TimeRange.values());
        range.setItemLabelGenerator(r -> r.label);
        range.setValue(TimeRange.ANY_TIME);
        from.setVisible(false);
        to.setVisible(false);
        range.addValueChangeListener(e -> {
            boolean custom = e.getValue() == TimeRange.CUSTOM;
            from.setVisible(custom);
            to.setVisible(custom);
            if (applyingUrl) {
                return;
            }
            if (e.getValue() == TimeRange.ANY_TIME) {
                fromInstant = null;
                toInstant = null;
            } else if (e.getValue().isRelative()) {
                toInstant = null;
            }
            // a custom range starts from the range shown before it (fromInstant), for the user to adjust
            if (!custom || fromInstant != null) {
                filtersChanged();
            }
        });
        from.addValueChangeListener(e -> timeChanged(from, e.getValue()));
        to.addValueChangeListener(e -> timeChanged(to, e.getValue()));
        Button clear = new Button("Clear filters", e -> {
            applyingUrl = true;
            try {
                range.setValue(TimeRange.ANY_TIME);
            } finally {
                applyingUrl = false;
            }
            navigate(QueryString.empty());
        });
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        refresh.setTooltipText("Show the calls that arrived since the page was loaded");

        FlexLayout filters = new FlexLayout(connection, integration, status, type, method, path, range, from, to, errorsOnly,
                unhealthyOnly, clear, refresh);
        filters.addClassNames(LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.Column.MEDIUM, LumoUtility.AlignItems.BASELINE);
        filters.setWidthFull(); // so that the fields' max width of 100% is the page's on a phone

        int retention = workspaces.get(actor.workspaceId()).retentionDays();
        Span note = new Span("API call logs are kept for " + retention + " days (the workspace's retention); older "
                + "calls are removed.");
        note.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        note.setId("retention-note");
        total.setId("call-count");
        total.getElement().setAttribute("role", "status"); // read out as a filter changes it ("0 calls" included)
        total.addClassNames(LumoUtility.FontSize.SMALL);
        asOf.setId("calls-up-to");
        asOf.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        exportCut.setId("export-cut");
        exportCut.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        exportCut.setVisible(false);
        // the link (and its note that the file is cut) beside the count, before the long lines: last, they had
        // wrapped below the fold at 1366×768
        HorizontalLayout footer = new HorizontalLayout(total, csvLink(), exportCut, asOf, note);
        footer.addClassNames(LumoUtility.FlexWrap.WRAP);
        footer.setAlignItems(Alignment.BASELINE);

        configureGrid();
        fitTo(WindowWidth.NARROW); // until the browser tells its width: the filters' widths are set there
        WindowWidth.follow(this, this::fitTo);
        add(filters, grid, footer);
        setFlexGrow(1, grid);
    }

    /**
     * On a phone Status and Classification were off to the right, on a tablet Classification was cut: Integration, Type
     * and Duration make way on a narrow window (a call's dialog shows them).
     */
    void fitTo(int windowWidth) {
        wide = windowWidth >= WindowWidth.NARROW;
        for (String key : List.of("type", "duration")) {
            grid.getColumnByKey(key).setVisible(wide);
        }
        showColumnsFor(filter);
        // on a phone the call's status and why come right after its time: behind the connection and the request, the
        // status was a cut "4" on a 390 px screen and out of sight on a 360 px one
        boolean phone = windowWidth < WindowWidth.PHONE;
        // on a phone two to a line, Path and Time too: the list had started below the fold's middle
        integration.setWidth(phone ? WindowWidth.HALF_A_ROW : "10em");
        status.setWidth(phone ? WindowWidth.HALF_A_ROW : "8em");
        type.setWidth(phone ? WindowWidth.HALF_A_ROW : "9em");
        method.setWidth(phone ? WindowWidth.HALF_A_ROW : "9em");
        path.setWidth(phone ? WindowWidth.HALF_A_ROW : null);
        range.setWidth(phone ? WindowWidth.HALF_A_ROW : "11em");
        // a phone's still holds the fall-back hour's "+01" (152 px of text), which tells its two 01:30s apart
        grid.getColumnByKey("time").setWidth(phone ? "11rem" : "12rem");
        List<String> order = phone
                ? List.of("time", "status", "classification", "request", "connection", "integration", "type", "duration")
                : List.of("time", "connection", "integration", "type", "request", "status", "duration", "classification");
        grid.setColumnOrder(order.stream().map(grid::getColumnByKey).toList());
    }

    private void configureGrid() {
        grid.setAriaLabel("API calls");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setMinHeight("24em");
        // a fixed width: sized to the first rows, the column cut "Nov 28 23:59:59" short below a page of "Dec 5 …"
        grid.addComponentColumn(c -> Formats.timestamp(c.createdAt(), clock.instant())).setHeader("Time").setKey("time")
                .setSortProperty("created_at").setWidth("12rem").setFlexGrow(0); // the fall-back hour's "+01" too
        grid.addColumn(this::connectionLabel).setHeader("Connection")
                .setKey("connection").setTooltipGenerator(c -> c.connectionId() == null ? (c.externalXref() == null ? null
                        : "No connection; the call's external_xref: " + c.externalXref())
                        : Objects.requireNonNullElse(customers.of(c.connectionId()), "") + " " + c.connectionId())
                .setWidth("8rem").setFlexGrow(1);
        // a fixed width, the rest in the tooltip: sized to its longest value, one 64-letter type pushed the rest off
        // the screen, and one of 24 still hid Classification at 1,400 px (an audit)
        grid.addColumn(ApiCall::integrationType).setHeader("Integration").setKey("integration")
                .setTooltipGenerator(ApiCall::integrationType).setWidth("7rem").setFlexGrow(0);
        grid.addColumn(c -> c.type().apiName()).setHeader("Type").setKey("type").setAutoWidth(true).setFlexGrow(0);
        // Method and path in one column, as a request line reads; the connection and the request start narrow and
        // share what is left, so that on a 1366 px laptop with the drawer open every column is in sight (widths in
        // rem: an em is smaller in the header's cells than in the body's)
        grid.addColumn(ApiCallLogsView::request).setHeader("Request").setKey("request").setWidth("9rem")
                .setFlexGrow(3).setTooltipGenerator(ApiCallLogsView::request);
        grid.addComponentColumn(c -> Badges.httpStatus(c.status(), c.timedOut())).setHeader("Status").setKey("status")
                .setWidth("5rem").setFlexGrow(0);
        grid.addColumn(c -> Formats.duration(c.durationMs())).setHeader("Duration").setKey("duration").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(ApiCallLogsView::classificationCell).setHeader("Classification").setKey("classification")
                .setWidth("18rem").setFlexGrow(0);
        grid.setItems(q -> {
            boolean newestFirst = newestFirst(q.getSortOrders());
            ApiCallFilter f = filter;
            List<ApiCall> rows = known(f, newestFirst, q.getOffset(), q.getLimit());
            if (rows == null) {
                rows = Paging.fetch(q.getOffset(), q.getLimit(), page -> log.list(actor, f, newestFirst, page)).toList();
            }
            places.fetched(q.getOffset(), rows.stream().map(ApiCall::id).toList());
            customers.learn(rows.stream().map(ApiCall::connectionId).toList());
            return rows.stream();
        });
        RowOpening.onClickOrEnter(grid, call -> {
            // the call's dialog leads on to its connection: Back from there finds the list as it was left
            getUI().ifPresent(ui -> ComponentUtil.setData(ui, LEFT, new Left(filtersInUrl().toParameters()
                    .getQueryString(), filter, places.of(call.id()))));
            dialog(call).open();
        });
        grid.setEmptyStateText(NO_MATCH);
    }

    /** SPEC §2a: a call without a connection, or for a paused one, is logged and classified but moves nothing. */
    private ApiCallDialog dialog(ApiCall call) {
        Connection c = null;
        if (call.connectionId() != null) {
            try {
                c = connections.get(actor, call.connectionId());
            } catch (NotFoundException deleted) {
                // deleted since, or before: the call does not say which
            }
        }
        return new ApiCallDialog(call, customers.of(call.connectionId()), movedNothing(call, c), sinceThen(call, c));
    }

    private String movedNothing(ApiCall call, Connection c) {
        if (call.connectionId() == null) {
            return "It names no connection, so it moved none: it is logged and classified only.";
        }
        // by arrival, as ingestion judges it: the call's own time had been compared, and only while still paused
        return c != null && log.arrivedWhilePaused(actor, call, c)
                ? "It arrived while its connection was paused, so it moved nothing (whenever it was made); the "
                + "connection's health did not take it into account." : null;
    }

    /**
     * For an old failure whose connection has worked since: its steps read as if the connection were broken now, and
     * an admin would chase a problem that is over.
     */
    private String sinceThen(ApiCall call, Connection c) {
        return c != null && call.classification().effect() == Effect.UNHEALTHY && c.status() == ConnectionStatus.HEALTHY
                && c.lastHealthyAt() != null && c.lastHealthyAt().isAfter(call.createdAt())
                ? "Its connection has worked since: it is Healthy now, last healthy " + Formats.exact(c.lastHealthyAt())
                + ". The steps below were for this failure; there is nothing to do unless it fails again." : null;
    }

    private static boolean newestFirst(List<? extends com.vaadin.flow.data.provider.SortOrder<?>> order) {
        return order.isEmpty() || order.getFirst().getDirection() == SortDirection.DESCENDING;
    }

    private static Component classificationCell(ApiCall c) {
        HorizontalLayout cell = new HorizontalLayout(Badges.effect(c.classification().effect()));
        cell.setSpacing(false);
        // the longest name beside the badge (317 px) is past the column's 288: it goes beneath, not cut off
        cell.addClassNames(LumoUtility.Gap.XSMALL, LumoUtility.FlexWrap.WRAP);
        if (c.classification().healthName() != null) {
            cell.add(new Span(c.classification().healthName().name()));
        }
        cell.getElement().setAttribute("title", c.classification().explanation());
        return cell;
    }

    private Anchor csvLink() {
        // the download runs outside the session's lock: it reads fields the UI thread keeps, not the grid
        grid.addSortListener(e -> {
            if (e.isFromClient()) {
                RowPlaces.fromStart(grid); // the other end of the list, from its start (it kept row 27,678)
            }
            if (e.isFromClient() && e.getSortOrder().isEmpty()) {
                // the sorter's third state, unsorted, would list newest first under no arrow: a click toggles instead
                grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("time"), SortDirection.ASCENDING)));
                return;
            }
            exportNewestFirst = newestFirst(e.getSortOrder());
            // in the address too, so that a reload or a bookmark keeps the order
            if (!applyingUrl) {
                getUI().ifPresent(ui -> typing.replace(ui, filtersInUrl().toParameters()));
            }
        });
        return Csv.downloadLink("export-csv", "api-calls", ApiCallsCsv.MAX_ROWS, "The calls of the current filter, in the "
                + "list's order", clock, out -> ApiCallsCsv.write(out, log, actor, filter, exportNewestFirst,
                ApiCallsCsv.MAX_ROWS));
    }

    /** "GET /v1/users" as a request line reads; method and path are optional (SPEC §5), so either may be missing. */
    public static String request(ApiCall c) {
        String line = ((c.method() == null ? "" : c.method()) + " " + (c.path() == null ? "" : c.path())).strip();
        return line.isEmpty() ? "—" : line;
    }

    /** The customer, and the id's start: a customer may have several connections (the id in full: the tooltip). */
    private String connectionLabel(ApiCall c) {
        if (c.connectionId() == null) {
            // a sign-in refused before the connection existed still says whose it was, when the call names them
            return c.externalXref() == null || c.externalXref().isBlank() ? "—"
                    : Formats.isolated(Formats.clipped(c.externalXref(), 30)) + " · no connection";
        }
        String customer = customers.of(c.connectionId());
        return customer == null ? shortId(c.connectionId())
                : Formats.isolated(Formats.clipped(customer, 30)) + " · " + shortId(c.connectionId());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        typing.navigated();
        QueryString params = QueryString.of(event.getLocation().getQueryParameters()).withApiNames(API_NAMES);
        List<String> unfiltered = new ArrayList<>();
        if ("false".equalsIgnoreCase(params.get("error"))) {
            unfiltered.add("error=false"); // the API's calls without an error: the page has errors only, or all
        }
        apiOnly.tell(unfiltered);
        applyingUrl = true;
        try {
            connection.show(params.get(CONNECTION));
            errorsOnly.setValue(params.getFlag(ERRORS));
            integration.setValue(params.get(INTEGRATION));
            unhealthyOnly.setValue(params.getFlag(UNHEALTHY));
            // one that is neither a status nor a class, in a hand-edited address, is any, like the other filters'
            String statusInUrl = params.get(STATUS) == null ? null : params.get(STATUS).strip().toLowerCase(Locale.ROOT);
            status.setValue(statusInUrl == null || StatusText.NOT_A_STATUS.equals(StatusText.problem(statusInUrl)) ? null : statusInUrl);
            type.setValue(params.getEnum(TYPE, ApiCallType.class));
            String m = params.get(METHOD);
            method.setValue(m == null ? null : m.toUpperCase(Locale.ROOT));
            path.setValue(params.get(PATH) == null ? "" : params.get(PATH));
            fromInstant = TypedTimes.fromUrl(params.get(FROM));
            toInstant = TypedTimes.fromUrl(params.get(TO));
            TimeRange last = TimeRange.ofUrl(params.get(LAST));
            if (last != null) {
                fromInstant = clock.instant().minus(last.length);
                toInstant = null;
                range.setValue(last);
            } else if (fromInstant != null || toInstant != null) {
                range.setValue(TimeRange.CUSTOM);
            } else if (range.getValue() != TimeRange.CUSTOM) {
                range.setValue(TimeRange.ANY_TIME); // a custom range being chosen stays open while it is empty
            }
            from.setValue(local(fromInstant));
            to.setMin(TypedTimes.earliestTo(fromInstant, Formats.zone()));
            to.setValue(local(toInstant));
            // the default, newest first, shows as the Time column's sort arrow too
            grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("time"),
                    "asc".equalsIgnoreCase(params.get(ORDER)) ? SortDirection.ASCENDING : SortDirection.DESCENDING)));
        } finally {
            applyingUrl = false;
        }
        // Back from the call's connection (this view made anew), once: Back between the view's own filters, or to
        // them again later, reads the list as it is now, as any other Back to a filter does
        Object left = ComponentUtil.getData(event.getUI(), LEFT);
        ComponentUtil.setData(event.getUI(), LEFT, null);
        if (!isAttached() && event.getTrigger() == NavigationTrigger.HISTORY && left instanceof Left l
                && l.queryString().equals(filtersInUrl().toParameters().getQueryString())) {
            backWhereLeft(l);
            return;
        }
        applyFilter();
        if (!isAttached() && params.get(CONNECTION) != null) {
            // arriving from a connection (View API calls, View failing calls): the keyboard goes on in its calls, not
            // 19 Tabs away at the page's start; not on the view's own navigations, which the filters being typed make
            GridFocus.firstRow(grid, true);
        }
    }

    /**
     * Back to the list as it was left for a call's connection: the same calls (the time bounds it was read with; newer
     * ones wait for Refresh, as they would have), the row near the top and the keyboard on it. Row 150 of the errors
     * should not mean scrolling down again after each connection looked at.
     */
    private void backWhereLeft(Left left) {
        fromInstant = left.filter().createdGte();
        applyingUrl = true; // the range's start as it was read, not a From typed by the user
        try {
            from.setValue(local(fromInstant));
        } finally {
            applyingUrl = false;
        }
        filter = left.filter();
        showColumnsFor(filter);
        count(filter);
        grid.getDataProvider().refreshAll();
        RowPlaces.showAgain(grid, left.rowIndex());
    }

    /** Shows the calls that arrived meanwhile; a range that ends now moves with it. */
    @Override
    public void refresh() {
        if (range.getValue().isRelative()) {
            fromInstant = clock.instant().minus(range.getValue().length);
        }
        integrationTypes = null; // one that came while the page was open is offered too
        integration.getDataProvider().refreshAll();
        applyFilter();
    }

    private List<String> integrationTypes() {
        if (integrationTypes == null) {
            integrationTypes = connections.integrationTypesInTheLog(actor);
        }
        return integrationTypes;
    }

    /** A column that would repeat the filter's one value on every row makes way. */
    private void showColumnsFor(ApiCallFilter f) {
        grid.getColumnByKey("connection").setVisible(f.connectionId() == null);
        grid.getColumnByKey("integration").setVisible(wide && f.integrationType() == null);
    }

    /**
     * The list holds the calls stored until the filter is applied: the grid pages by offset, and calls arriving while
     * someone scrolls (also late ones, carrying an earlier time) would otherwise push rows from one page into the next,
     * shown twice or skipped. Refresh moves that moment to now.
     */
    private void applyFilter() {
        String connectionId = connection.connectionId();
        filter = new ApiCallFilter(connectionId, errorsOnly.getValue() ? Boolean.TRUE : null, type.getValue(),
                integration.getValue(), StatusText.exact(status.getValue()), method.getValue(), path.getValue().isBlank() ? null : path.getValue().strip(),
                fromInstant, toInstant, Times.micros(clock.instant()), unhealthyOnly.getValue() ? Boolean.TRUE : null,
                StatusText.statusClass(status.getValue()));
        showColumnsFor(filter);
        count(filter);
        grid.getDataProvider().refreshAll();
        // from the first row: the grid kept its place, so the new filter's rows showed from row 150, and the count
        // under it, taken with the first page, still said the previous filter's (48,351 calls under Errors only)
        RowPlaces.fromStart(grid);
    }

    /**
     * Counts the filter's calls, for the line under the grid and the grid's length, before the grid reads them: the
     * length set while the grid read its first page came one filter late (a filter of 697 calls scrolled as far as the
     * 43,346 before it, and dragging to its end read pages backwards from there, minutes on a large log). Its newest
     * {@value #FIRST} calls are read first and kept for the grid, which takes its first rows from them: fewer are all
     * there are, so they are counted, not counted again (finding few calls in a large log is the long read). The count
     * leaves the arrival bound out: no index holds the arrival time, and the count is a pass over index entries.
     */
    private void count(ApiCallFilter f) {
        List<ApiCall> first = log.list(actor, f, true, PageRequest.of(FIRST, 0));
        firstCalls = first;
        firstOf = f;
        long n = first.size() < FIRST ? first.size() : log.count(actor, f.withoutReceivedLte(), COUNT_CAP);
        showCount(f, n);
        // the scroll bar spans the matches, so a far page is one drag away (growing by 200 rows per request to the
        // server, row 20,000 took 40 s of scrolling). Fewer than FIRST are exactly the grid's length (Vaadin grows an
        // estimate below two pages by 200: 77 calls scrolled as far as 277). A count is an estimate the grid corrects
        // at its end: it also counts calls that arrived after the list's time, which the list leaves out.
        if (first.size() < FIRST) {
            grid.getLazyDataView().setItemCountCallback(q -> first.size());
        } else {
            grid.getLazyDataView().setItemCountEstimate((int) Math.min(n, COUNT_CAP));
        }
    }

    /** The rows asked for, from the calls read when the filter was applied, if they hold them; else null. */
    private List<ApiCall> known(ApiCallFilter f, boolean newestFirst, int offset, int limit) {
        List<ApiCall> first = firstCalls;
        if (f != firstOf) {
            return null;
        }
        boolean all = first.size() < FIRST;
        if (all) {
            List<ApiCall> ordered = newestFirst ? first : first.reversed();
            return offset >= ordered.size() ? List.of() : ordered.subList(offset, Math.min(ordered.size(), offset + limit));
        }
        return newestFirst && offset + limit <= first.size() ? first.subList(offset, offset + limit) : null;
    }

    void showCount(ApiCallFilter shown, long n) {
        // a workspace without any call says how they come in, not that the filters hide them
        ApiCallFilter unbounded = shown.withoutReceivedLte();
        boolean noFilterButTheConnection = unbounded.equals(new ApiCallFilter(unbounded.connectionId(), null, null, null,
                null, null, null, null, null));
        if (n > 0 || !noFilterButTheConnection) {
            grid.setEmptyStateText(NO_MATCH);
        } else {
            grid.setEmptyStateText(unbounded.connectionId() == null ? NONE_YET : NONE_FOR_CONNECTION);
        }
        total.setText(n >= COUNT_CAP ? String.format(Locale.ROOT, "%,d", COUNT_CAP) + " or more calls"
                : String.format(Locale.ROOT, "%,d", n) + (n == 1 ? " call" : " calls"));
        asOf.setText("received until " + Formats.exact(shown.receivedLte()) + "; Refresh for newer ones");
        exportCut.setVisible(n >= ApiCallsCsv.MAX_ROWS); // counted up to COUNT_CAP, the same number
    }

    private void timeChanged(TimePicker picker, LocalDateTime value) {
        if (!applyingUrl && value == null) {
            picker.askIfUnread();
            return;
        }
        if (!applyingUrl) {
            bound(picker, instant(picker, value));
        }
        if (value != null) {
            picker.valueRead();
        }
        filtersChanged();
    }

    private void bound(DateTimePicker picker, Instant at) {
        if (picker == from) {
            fromInstant = at;
        } else {
            toInstant = at;
        }
    }

    /** A picker emptied on purpose drops its bound. */
    private void cleared(boolean isFrom) {
        if ((isFrom ? fromInstant : toInstant) != null) {
            bound(isFrom ? from : to, null);
            filtersChanged();
        }
    }

    private void filtersChanged() {
        if (applicable()) {
            navigate(filtersInUrl());
        }
    }

    private void pathChanged() {
        if (applicable()) {
            getUI().ifPresent(ui -> typing.typed(ui, filtersInUrl().toParameters()));
            applyFilter();
        }
    }

    private boolean applicable() {
        return !applyingUrl;
    }

    private QueryString filtersInUrl() {
        return QueryString.empty()
                .put(CONNECTION, connection.connectionId())
                .put(INTEGRATION, integration.getValue())
                .putFlag(ERRORS, errorsOnly.getValue())
                .putFlag(UNHEALTHY, unhealthyOnly.getValue())
                .put(STATUS, StatusText.NOT_A_STATUS.equals(StatusText.problem(status.getValue())) ? null : status.getValue())
                .putEnum(TYPE, type.getValue())
                .put(METHOD, method.getValue())
                .put(PATH, path.getValue())
                .put(ORDER, exportNewestFirst ? null : "asc")
                .put(LAST, range.getValue().urlValue)
                .put(FROM, range.getValue() == TimeRange.CUSTOM ? seconds(fromInstant) : null)
                .put(TO, range.getValue() == TimeRange.CUSTOM ? seconds(toInstant) : null);
    }

    /** To the second, as the pickers show it: a range that started relative had nanoseconds in the address. */
    private static Instant seconds(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS);
    }

    private void navigate(QueryString params) {
        getUI().ifPresent(ui -> ui.navigate(ApiCallLogsView.class, params.toParameters()));
    }

    private Instant instant(DateTimePicker picker, LocalDateTime local) {
        return TypedTimes.instant(local, Formats.zone(), picker == to);
    }

    private static LocalDateTime local(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, Formats.zone());
    }
}
