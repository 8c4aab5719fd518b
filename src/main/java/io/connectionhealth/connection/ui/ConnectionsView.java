package io.connectionhealth.connection.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NavigationTrigger;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ui.ApiOnlyFilters;
import io.connectionhealth.base.ui.Badges;
import io.connectionhealth.base.ui.Csv;
import io.connectionhealth.base.ui.CurrentUser;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.base.ui.GridFocus;
import io.connectionhealth.base.ui.MainLayout;
import io.connectionhealth.base.ui.Paging;
import io.connectionhealth.base.ui.Polling;
import io.connectionhealth.base.ui.QueryString;
import io.connectionhealth.base.ui.TypedChoice;
import io.connectionhealth.base.ui.TypingHistory;
import io.connectionhealth.base.ui.Refreshable;
import io.connectionhealth.base.ui.RowOpening;
import io.connectionhealth.base.ui.RowPlaces;
import io.connectionhealth.base.ui.WindowWidth;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionCounts;
import io.connectionhealth.connection.ConnectionFilter;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.ConnectionSort;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.ResolutionOwner;
import io.connectionhealth.notification.EventLog;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The start page: counts per status and per owner (click to filter), and the lazily loaded connection list.
 * Filters live in the URL ({@code ?status=unhealthy_now&owner=customer&integration=hubspot&environment=Sandbox&health=…&q=…}).
 */
@Route(value = "connections", layout = MainLayout.class)
@RouteAlias(value = "", layout = MainLayout.class)
@PageTitle("Connections · Connection Health")
@PermitAll
public class ConnectionsView extends VerticalLayout implements BeforeEnterObserver, Refreshable {

    static final String STATUS = "status";
    static final String HEALTH = "health";
    static final String OWNER = "owner";
    static final String INTEGRATION = "integration";
    /** As the API names it too. */
    static final String ENVIRONMENT = "environment";
    static final String QUERY = "q";
    static final String PAUSED = "paused";
    /** The grid's order, named as in the API ({@code sort=last_unhealthy_at&order=asc}); none for the default. */
    static final String SORT = "sort";
    static final String ORDER = "order";
    /** SPEC's filters of GET /api/v1/connections, read as the page's own; the customer's reference is searched for. */
    static final Map<String, String> API_NAMES = Map.of("resolution_owner", OWNER, "integration_type", INTEGRATION,
            "is_paused", PAUSED, "external_xref", QUERY);

    private final ConnectionService connections;
    private final Clock clock;
    private final Actor actor;

    final MultiSelectComboBox<ConnectionStatus> status = new MultiSelectComboBox<>("Status");
    final ComboBox<HealthName> health = new ComboBox<>("Health");
    final ComboBox<ResolutionOwner> owner = new ComboBox<>("Who acts");
    final ComboBox<String> integration = new ComboBox<>("Integration");
    /** Production apart from Sandbox: a sandbox that breaks is seldom what the team is chasing (a product review). */
    final ComboBox<String> environment = new ComboBox<>("Environment");
    final ComboBox<Boolean> paused = new ComboBox<>("Paused");
    /** The longest search kept in the address: 200 characters of three UTF-8 bytes each are 1.8 KB escaped. */
    static final int MAX_QUERY = 200;
    final TextField query = new TextField("Search");
    final Grid<Connection> grid = new Grid<>();
    private final FlexLayout counts = new FlexLayout();
    private final Span asOf = new Span();
    private final Span matches = new Span();
    private final Span changed = new Span();
    private final Button catchUp = new Button("Refresh the list", VaadinIcon.REFRESH.create());
    private final EventLog events;
    /** When the list and the counts shown were read; the events recorded since say that they are behind. */
    private Instant listedAt;
    private ConnectionCounts shownCounts;
    /** After the counts shown were read: a reading that started later, this page's or another's, can tell news. */
    private Instant countedAt;
    private Registration pollListener;
    /** How often an open list asks whether it is behind: one indexed count per open page and interval. */
    static final int BEHIND_POLL_MILLIS = 30_000;
    static final int BEHIND_CAP = 1_000;
    private static final String BEHIND_POLL_KEY = "connections-behind";

    private volatile ConnectionFilter filter = ConnectionFilter.ALL;

    static final String NO_MATCH = "No connections match these filters.";
    static final String NONE_YET = "No connections yet. Your integration layer creates them with POST "
            + "/api/v1/connections and reports their API calls with POST /api/v1/apicalls, using an API key an admin "
            + "makes in Settings → API keys. The API's docs: /api/docs.";
    private volatile ConnectionSort exportSort = sortOf(List.of());
    private boolean applyingUrl;
    private final TypingHistory typing = new TypingHistory(ConnectionsView.class);
    private List<String> integrationTypes;
    private List<String> environments;

    public ConnectionsView(ConnectionService connections, EventLog events, CurrentUser currentUser, Clock clock) {
        this.connections = connections;
        this.events = events;
        this.clock = clock;
        this.actor = currentUser.actor();
        setSizeFull();

        counts.addClassNames(LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.SMALL);
        counts.setId("connection-counts");

        status.setItems(ConnectionStatus.values());
        status.setItemLabelGenerator(Badges::label);
        status.setTooltipText(Badges.meaning(ConnectionStatus.UNHEALTHY) + " " + Badges.meaning(ConnectionStatus.UNHEALTHY_NOW));
        health.setItems(HealthName.values());
        health.setItemLabelGenerator(HealthName::name);
        owner.setItems(ResolutionOwner.values());
        owner.setItemLabelGenerator(Badges::label);
        owner.setHelperText("of unhealthy connections");
        // fetched when the list is first opened, not with the page: at 100,000 connections on H2 reading the types
        // was most of the view's first response (docs/benchmarks.md, section 9)
        TypedChoice.listedWhenOpened(integration, this::integrationTypes);
        TypedChoice.pickTheOnlyMatch(health, typed -> List.of(HealthName.values()), HealthName::name);
        TypedChoice.listedWhenOpened(environment, this::environments);
        environment.setClearButtonVisible(true);
        environment.addValueChangeListener(e -> filtersChanged());
        paused.setItems(Boolean.TRUE, Boolean.FALSE);
        paused.setItemLabelGenerator(p -> p ? "Paused only" : "Not paused");
        paused.setPlaceholder("Any");
        paused.setClearButtonVisible(true);
        paused.addValueChangeListener(e -> filtersChanged());
        query.setPlaceholder("id, customer or integration");
        query.setValueChangeMode(ValueChangeMode.LAZY);
        query.setClearButtonVisible(true);
        query.setPrefixComponent(VaadinIcon.SEARCH.create());
        health.setClearButtonVisible(true);
        owner.setClearButtonVisible(true);
        integration.setClearButtonVisible(true);
        status.setClearButtonVisible(true);
        status.addValueChangeListener(e -> filtersChanged());
        health.addValueChangeListener(e -> filtersChanged());
        owner.addValueChangeListener(e -> filtersChanged());
        integration.addValueChangeListener(e -> filtersChanged());
        query.addValueChangeListener(e -> searchChanged());
        Button clear = new Button("Clear filters", e -> navigate(QueryString.empty()));
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        refresh.setTooltipText("Read the connections and the counts again");

        // widths in fitTo: the health names are long (VENDOR_CLIENT_ERROR beside VENDOR_SERVER_ERROR), and so is the
        // search's hint
        // kept in the address, which Vaadin's start-up request carries twice more (escaped again, and as the Referer),
        // all within Tomcat's 8 KiB: 9,000 pasted characters, and later 500 Arabic letters, made a page that a reload
        // could not open
        query.setMaxLength(MAX_QUERY);
        FlexLayout filters = new FlexLayout(status, health, owner, integration, environment, paused, query, clear,
                refresh);
        filters.addClassNames(LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.Column.MEDIUM, LumoUtility.AlignItems.BASELINE);

        configureGrid();
        fitTo(windowWidth); // until the browser tells its width
        WindowWidth.follow(this, this::fitTo);
        // the download runs outside the session's lock: it reads fields the UI thread keeps, not the grid
        grid.addSortListener(e -> {
            if (e.isFromClient()) {
                RowPlaces.fromStart(grid); // another order, from its start
            }
            exportSort = sortOf(e.getSortOrder().stream()
                    .flatMap(o -> o.getSorted().getSortOrder(o.getDirection())).toList());
            // in the address too, so that a reload or a bookmark keeps the order
            if (!applyingUrl) {
                getUI().ifPresent(ui -> typing.replace(ui, filtersInUrl().toParameters()));
                // another order reads the rows anew: the counts, "As of" and the note on changes go with them
                applyFilters();
            }
        });
        Anchor export = Csv.downloadLink("export-csv", "connections", ConnectionsCsv.MAX_ROWS,
                "The connections of the current filter as they are when you export, which may differ from the list "
                        + "shown since its last Refresh, in the list's order", clock,
                out -> ConnectionsCsv.write(out, connections, actor, filter, exportSort, ConnectionsCsv.MAX_ROWS));
        asOf.setId("connections-as-of");
        asOf.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        matches.setId("connection-matches");
        matches.addClassNames(LumoUtility.FontSize.SMALL);
        matches.getElement().setAttribute("role", "status"); // read out as a filter changes it ("0 connections" too)
        // below the list, beside its time: above it, the note pushed the rows down under the pointer as it appeared.
        // In the page from the start, empty, so that a screen reader reads out the text when it comes
        changed.setId("connections-changed");
        changed.getElement().setAttribute("role", "status");
        changed.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.FontWeight.SEMIBOLD);
        catchUp.setId("connections-catch-up");
        catchUp.addClickListener(e -> {
            applyFilters();
            GridFocus.firstRow(grid, false); // the button hides itself: the focus would fall to the page
        });
        catchUp.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        catchUp.setVisible(false);
        // the link beside the count, before the long "As of" line: last, it had wrapped below the fold at 1366×768
        HorizontalLayout footer = new HorizontalLayout(matches, export, changed, catchUp, asOf);
        footer.setAlignItems(Alignment.BASELINE);
        footer.addClassNames(LumoUtility.FlexWrap.WRAP);
        add(counts, filters, grid, footer);
        setFlexGrow(1, grid);
    }

    private List<String> environments() {
        if (environments == null) {
            environments = connections.environments(actor);
        }
        return environments;
    }

    private List<String> integrationTypes() {
        if (integrationTypes == null) {
            integrationTypes = connections.integrationTypes(actor);
        }
        return integrationTypes;
    }

    private static final String FILTERS_LEFT = ConnectionsView.class.getName() + ".filtersLeft";

    /** The list's filters, and the row's place in it, when this tab left it for a connection's page. */
    private record LeftFor(String connectionId, QueryParameters filters, int rowIndex) {
    }

    private static final String RETURNING = ConnectionsView.class.getName() + ".returning";

    private final RowPlaces places = new RowPlaces();

    /**
     * Back to the list as this browser tab left it for this connection's page (after deleting the connection): working
     * through the unauthorized connections one by one should not mean filtering again after each. A page reached
     * another way (a link in the logs, a bookmark) goes back to the whole list.
     */
    static void returnToList(UI ui, String connectionId) {
        QueryParameters filters = ComponentUtil.getData(ui, FILTERS_LEFT) instanceof LeftFor left
                && left.connectionId().equals(connectionId) ? left.filters() : QueryParameters.empty();
        ComponentUtil.setData(ui, RETURNING, Boolean.TRUE);
        ui.navigate(ConnectionsView.class, filters);
    }

    /** The longest text a cell shows (names and customer references may be 200-256 characters). */
    static final int CELL_CHARACTERS = 40;

    /**
     * On a tablet the customer's name was cut to 7 letters, and on a phone Status and who acts were off to the right
     * behind Categories: those and Last healthy make way on a narrow window (a connection's page shows them). On a
     * phone, whose screen holds about two columns, one column says it all — the customer, the integration, the status,
     * the health and who acts — and the times and the code follow: scrolled sideways to the health, the customer had
     * gone, and beside a health column the customer's name broke every few letters. The filters go two to a line (one
     * per line, they put the list below the first screen).
     */
    void fitTo(int windowWidth) {
        this.windowWidth = windowWidth;
        boolean wide = windowWidth >= WindowWidth.NARROW;
        boolean phone = windowWidth < WindowWidth.PHONE;
        grid.getColumnByKey("categories").setVisible(wide);
        grid.getColumnByKey("last_healthy_at").setVisible(wide);
        for (String key : List.of("integration", "customer", "status", "health")) {
            grid.getColumnByKey(key).setVisible(!phone);
        }
        grid.getColumnByKey("connection").setVisible(phone);
        status.setWidth(phone ? "100%" : "18em");
        health.setWidth(phone ? WindowWidth.HALF_A_ROW : "16em");
        query.setWidth(phone ? WindowWidth.HALF_A_ROW : "16em");
        owner.setWidth(phone ? WindowWidth.HALF_A_ROW : "12em");
        integration.setWidth(phone ? WindowWidth.HALF_A_ROW : "12em");
        environment.setWidth(phone ? WindowWidth.HALF_A_ROW : "10em");
        paused.setWidth(phone ? WindowWidth.HALF_A_ROW : "11em"); // "Paused only" and "Not paused" whole
    }

    private int windowWidth = WindowWidth.NARROW;
    private final ApiOnlyFilters apiOnly = new ApiOnlyFilters();

    /** A phone's one column: whom to contact and where, then the status, the health and who acts. */
    private static Component connectionCell(Connection c) {
        Div customer = new Div(Formats.clipped(c.externalXref(), CELL_CHARACTERS));
        customer.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        Div integration = new Div(Formats.clipped(integrationLabel(c), CELL_CHARACTERS));
        integration.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Component health = healthCell(c);
        health.getElement().getStyle().set("overflow-wrap", "anywhere"); // a 19-letter name on a 320 px screen
        Div cell = new Div(customer, integration, statusCell(c), health);
        cell.getStyle().set("white-space", "normal").set("overflow-wrap", "anywhere");
        cell.addClassNames(LumoUtility.Padding.Vertical.XSMALL);
        cell.getElement().setAttribute("title", (c.externalXref() == null ? "" : c.externalXref() + " · ")
                + integrationLabel(c));
        return cell;
    }

    private void configureGrid() {
        grid.setAriaLabel("Connections");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setMinHeight("24em");
        // Text columns start narrow and share what is left. Sized to their content, the first page's longest texts
        // pushed Last unhealthy and Code out of sight on a 1366 px laptop with the drawer open. Long texts end in an
        // ellipsis (each has a tooltip); who acts sits under the health name. Widths in rem: an em is smaller in the
        // header's cells than in the body's, and the two rows would not line up.
        grid.addComponentColumn(ConnectionsView::connectionCell).setHeader("Connection").setKey("connection")
                .setWidth("16rem").setFlexGrow(1).setVisible(false); // a phone's, in place of four below
        grid.addColumn(c -> Formats.clipped(integrationLabel(c), CELL_CHARACTERS)).setHeader("Integration")
                .setKey("integration").setTooltipGenerator(c -> integrationLabel(c).contains(c.integrationType())
                        ? integrationLabel(c) : integrationLabel(c) + " (" + c.integrationType() + ")")
                .setSortProperty(ConnectionSort.Field.INTEGRATION_TYPE.apiName()).setWidth("6.5rem").setFlexGrow(1);
        grid.addColumn(c -> Formats.clipped(c.externalXref(), CELL_CHARACTERS)).setHeader("Customer").setKey("customer")
                .setTooltipGenerator(Connection::externalXref).setWidth("6.5rem").setFlexGrow(2); // whom to contact: room first
        grid.addColumn(c -> String.join(", ", c.categories())).setHeader("Categories").setKey("categories")
                .setTooltipGenerator(c -> String.join(", ", c.categories())).setWidth("5rem").setFlexGrow(1);
        grid.addComponentColumn(ConnectionsView::statusCell).setHeader("Status").setKey("status").setWidth("9rem")
                .setFlexGrow(0);
        // the narrowest widths that fit the longest health name (19 letters) and, at 1024 px, all columns unscrolled
        grid.addComponentColumn(ConnectionsView::healthCell).setHeader("Health · who acts").setKey("health")
                .setWidth("14rem").setFlexGrow(0);
        grid.addComponentColumn(c -> Formats.time(c.lastHealthyAt(), clock.instant())).setHeader("Last healthy")
                .setKey("last_healthy_at").setSortProperty(ConnectionSort.Field.LAST_HEALTHY_AT.apiName())
                .setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(c -> Formats.time(c.lastUnhealthyAt(), clock.instant())).setHeader("Last unhealthy")
                .setKey("last_unhealthy_at").setSortProperty(ConnectionSort.Field.LAST_UNHEALTHY_AT.apiName())
                .setAutoWidth(true).setFlexGrow(0);
        // the last unhealthy signal's, kept after the connection is healthy again (beside Last unhealthy)
        Span code = new Span("Code");
        code.getElement().setAttribute("title", "The HTTP status of the last unhealthy signal");
        grid.addComponentColumn(ConnectionsView::codeCell).setHeader(code).setKey("code").setAutoWidth(true)
                .setFlexGrow(0).setTooltipGenerator(ConnectionsView::codeTooltip);
        grid.setItems(q -> {
            ConnectionSort sort = sortOf(q.getSortOrders());
            List<Connection> rows = Paging.fetch(q.getOffset(), q.getLimit(),
                    page -> connections.list(actor, filter, sort, page)).toList();
            places.fetched(q.getOffset(), rows.stream().map(Connection::id).toList());
            return rows.stream();
        }, q -> {
            // counted, so the scroll bar spans the list and its end is one drag away: without a count it grew by 200
            // rows per request to the server, and at 5,001 connections a drag to its end reached row 183; with an
            // estimate, a list of 77 scrolled as far as 277. Counted again as the grid reads the list again.
            long n = connections.count(actor, filter);
            matches.setText(String.format(Locale.ROOT, "%,d", n) + (n == 1 ? " connection" : " connections"));
            return (int) Math.min(Integer.MAX_VALUE, n);
        });
        RowOpening.onClickOrEnter(grid, c -> getUI().ifPresent(ui -> {
            ComponentUtil.setData(ui, FILTERS_LEFT, new LeftFor(c.id(), filtersInUrl().toParameters(),
                    places.of(c.id())));
            ui.navigate(ConnectionDetailView.class, new RouteParameters(ConnectionDetailView.ID, c.id()));
        }));
        grid.setEmptyStateText(NO_MATCH);
    }

    /**
     * No live list (docs/decisions.md): rows that moved by themselves would lose the reader's place. While the page is
     * open it asks now and then whether events were recorded since the list was read, and says so beside a button
     * that reads it again.
     */
    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        pollListener = event.getUI().addPollListener(e -> sayIfBehind());
        Polling.start(event.getUI(), BEHIND_POLL_KEY, BEHIND_POLL_MILLIS);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        pollListener.remove();
        Polling.stop(event.getUI(), BEHIND_POLL_KEY);
        super.onDetach(event);
    }

    void sayIfBehind() {
        if (listedAt == null) {
            return;
        }
        long n = events.countAfter(actor, listedAt, BEHIND_CAP);
        if (n == 0) {
            // one status move has no event (SPEC §4): a late healthy call turns UNHEALTHY into UNHEALTHY_NOW
            n = movesBetween(shownCounts, connections.countsAfter(actor, countedAt));
        }
        String count = n >= BEHIND_CAP ? String.format(Locale.ROOT, "%,d or more", BEHIND_CAP) : String.valueOf(n);
        changed.setText(n == 0 ? "" : count + (n == 1 ? " change" : " changes") + " to this workspace's connections "
                + "since this list was read (health, new, edited or deleted ones).");
        catchUp.setVisible(n > 0);
    }

    /** How many connections at least moved from one status to another, or in or out of the list, between two counts. */
    static long movesBetween(ConnectionCounts before, ConnectionCounts after) {
        long out = 0;
        long in = 0;
        for (ConnectionStatus s : ConnectionStatus.values()) {
            long d = after.status(s) - before.status(s);
            out += Math.max(0, -d);
            in += Math.max(0, d);
        }
        long moves = Math.max(out, in);
        return moves == 0 && !before.equals(after) ? 1 : moves;
    }

    static ConnectionSort sortOf(List<QuerySortOrder> orders) {
        if (orders.isEmpty()) {
            return ConnectionSort.DEFAULT;
        }
        QuerySortOrder first = orders.getFirst();
        return ConnectionSort.parse(first.getSorted(), first.getDirection() == SortDirection.DESCENDING ? "desc" : "asc");
    }

    /** The integration's name, with its type only where the name does not already say it ("Okta", not "Okta (okta)"). */
    static String integrationLabel(Connection c) {
        if (c.integrationName() == null) {
            return c.integrationType();
        }
        String type = lettersAndDigits(c.integrationType());
        return !type.isEmpty() && lettersAndDigits(c.integrationName()).startsWith(type) ? c.integrationName()
                : c.integrationName() + " (" + c.integrationType() + ")";
    }

    private static String lettersAndDigits(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /**
     * The last unhealthy signal's status, greyed on a row that is healthy again: read as a current error there, a
     * first-day user took a healthy connection for a failing one (browser audit).
     */
    static Span codeCell(Connection c) {
        Span cell = new Span(c.lastUnhealthyCode() == null ? "" : String.valueOf(c.lastUnhealthyCode()));
        if (c.status() == ConnectionStatus.HEALTHY) {
            cell.addClassNames(LumoUtility.TextColor.SECONDARY);
        }
        return cell;
    }

    static String codeTooltip(Connection c) {
        if (c.lastUnhealthyCode() == null) {
            return null;
        }
        return "HTTP " + c.lastUnhealthyCode() + ", the last unhealthy signal's"
                + (c.status() == ConnectionStatus.HEALTHY ? "; the connection is healthy again" : "");
    }

    private static Component statusCell(Connection c) {
        HorizontalLayout cell = new HorizontalLayout(Badges.status(c.status()));
        cell.setSpacing(false);
        // the column fits the widest status badge; a paused badge goes beneath it
        cell.addClassNames(LumoUtility.Gap.XSMALL, LumoUtility.FlexWrap.WRAP);
        if (c.isPaused()) {
            cell.add(Badges.of("Paused", "contrast small"));
        }
        return cell;
    }

    private static Component healthCell(Connection c) {
        if (c.health() == null || c.health().name() == HealthName.HEALTHY) {
            return new Span(c.health() == null ? "" : "HEALTHY");
        }
        Div cell = new Div(new Div(c.health().name().name()));
        if (c.health().resolutionOwner() != null) {
            // while chasing unauthorized connections, the ones already handled show in the list
            boolean handled = c.credentialsUpdatedAt() != null && c.lastUnhealthyAt() != null
                    && c.credentialsUpdatedAt().isAfter(c.lastUnhealthyAt());
            Div owner = new Div(Badges.label(c.health().resolutionOwner()) + " acts"
                    + (handled ? " · credentials updated" : ""));
            owner.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
            owner.getStyle().set("white-space", "normal"); // "· credentials updated" on a line of its own, not cut
            cell.add(owner);
        }
        cell.getElement().setAttribute("title", c.health().description());
        return cell;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        typing.navigated();
        QueryString params = QueryString.of(event.getLocation().getQueryParameters()).withApiNames(API_NAMES);
        apiOnly.tell(params.given(List.of("category")));
        applyingUrl = true;
        try {
            status.setValue(params.getEnums(STATUS, ConnectionStatus.class));
            health.setValue(params.getEnum(HEALTH, HealthName.class));
            owner.setValue(params.getEnum(OWNER, ResolutionOwner.class));
            // a lazy list takes a type it has not fetched (one from a link, say) as it is
            integration.setValue(params.get(INTEGRATION));
            environment.setValue(params.get(ENVIRONMENT));
            // anything but true or false in a hand-edited URL means any, like the other filters' unknown values
            paused.setValue("true".equalsIgnoreCase(params.get(PAUSED)) ? Boolean.TRUE
                    : "false".equalsIgnoreCase(params.get(PAUSED)) ? Boolean.FALSE : null);
            query.setValue(params.get(QUERY) == null ? "" : params.get(QUERY));
            grid.sort(sortInUrl(params.get(SORT), params.get(ORDER)));
        } finally {
            applyingUrl = false;
        }
        applyFilters();
        boolean returning = ComponentUtil.getData(event.getUI(), RETURNING) != null;
        ComponentUtil.setData(event.getUI(), RETURNING, null);
        if ((returning || event.getTrigger() == NavigationTrigger.HISTORY)
                && ComponentUtil.getData(event.getUI(), FILTERS_LEFT) instanceof LeftFor left
                && left.filters().getQueryString().equals(filtersInUrl().toParameters().getQueryString())) {
            // Back (or back after deleting) from a connection's page: the list where it was left, and the keyboard
            // goes on from that row, not from the page's start
            RowPlaces.showAgain(grid, left.rowIndex());
        }
    }

    @Override
    public void refresh() {
        // the boxes' lists too: an integration or environment that came while the page was open had been offered
        // only after a reload, and typed, it said "Nothing here matches" beside its connections (a review)
        integrationTypes = null;
        environments = null;
        integration.getDataProvider().refreshAll();
        environment.getDataProvider().refreshAll();
        applyFilters();
    }

    private void applyFilters() {
        boolean tooMany = ConnectionFilter.words(query.getValue()).size() > ConnectionFilter.MAX_QUERY_WORDS;
        query.setInvalid(tooMany);
        query.setErrorMessage(tooMany ? "Only the first " + ConnectionFilter.MAX_QUERY_WORDS + " words are searched" : null);
        filter = new ConnectionFilter(status.getValue(), health.getValue(), owner.getValue(), integration.getValue(),
                null, environment.getValue(), null, paused.getValue(), ConnectionFilter.firstWords(query.getValue()), true);
        listedAt = clock.instant();
        changed.setText("");
        catchUp.setVisible(false);
        ConnectionCounts counted = connections.counts(actor);
        countedAt = clock.instant();
        shownCounts = counted;
        grid.getDataProvider().refreshAll();
        showCounts(counted);
        // a new install's empty list says how connections come in, not that the filters hide them
        grid.setEmptyStateText(counted.total() == 0 ? NONE_YET : NO_MATCH);
        // no live updates (docs/decisions.md): a tab open all day says how old its list is
        // the rows further down are read as the list scrolls, from the connections as they are then (the logs pin
        // theirs to a moment; a connection's health moves in place, so this list cannot): said, not hidden
        asOf.setText("As of " + Formats.exact(listedAt) + ". Rows further down are read as you scroll, so a "
                + "connection that changed since can show twice or be missed: Refresh reads the list again.");
    }

    private void filtersChanged() {
        if (applyingUrl) {
            return;
        }
        navigate(filtersInUrl());
    }

    private void searchChanged() {
        if (applyingUrl) {
            return;
        }
        getUI().ifPresent(ui -> typing.typed(ui, filtersInUrl().toParameters()));
        applyFilters();
    }

    private QueryString filtersInUrl() {
        return withSort(filtersOnly());
    }

    private QueryString filtersOnly() {
        return QueryString.empty()
                .putEnums(STATUS, status.getValue())
                .putEnum(HEALTH, health.getValue())
                .putEnum(OWNER, owner.getValue())
                .put(INTEGRATION, integration.getValue())
                .put(ENVIRONMENT, environment.getValue())
                .put(PAUSED, paused.getValue())
                .put(QUERY, query.getValue());
    }

    /** The filters given and the list's current order. */
    private QueryString withSort(QueryString filters) {
        return filters
                .put(SORT, exportSort.equals(ConnectionSort.DEFAULT) ? null : exportSort.field().apiName())
                .put(ORDER, exportSort.equals(ConnectionSort.DEFAULT) ? null : exportSort.descending() ? "desc" : "asc");
    }

    /** The grid order a URL names; none (the default order) for a field no column sorts by, as for other filters. */
    private List<GridSortOrder<Connection>> sortInUrl(String field, String order) {
        // any case, as this page reads its other filters from a typed address (the API, a contract, is exact)
        SortDirection direction = "asc".equalsIgnoreCase(order) ? SortDirection.ASCENDING : SortDirection.DESCENDING;
        return grid.getColumns().stream()
                .filter(column -> field != null && column.getSortOrder(direction).anyMatch(o -> o.getSorted().equals(field)))
                .findFirst().map(column -> List.of(new GridSortOrder<>(column, direction))).orElse(List.of());
    }

    private void navigate(QueryString params) {
        getUI().ifPresent(ui -> ui.navigate(ConnectionsView.class, params.toParameters()));
    }

    private void showCounts(ConnectionCounts c) {
        counts.removeAll();
        counts.add(countButton("count-all", "All", c.total(), QueryString.empty()));
        for (ConnectionStatus s : List.of(ConnectionStatus.HEALTHY, ConnectionStatus.UNHEALTHY,
                ConnectionStatus.UNHEALTHY_NOW, ConnectionStatus.NEW)) {
            Button count = countButton(countId(s), Badges.label(s), c.status(s),
                    QueryString.empty().putEnums(STATUS, EnumSet.of(s)));
            count.setTooltipText(Badges.meaning(s));
            counts.add(count);
        }
        Span who = new Span("Unhealthy, who must act:");
        who.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY, LumoUtility.AlignSelf.CENTER,
                LumoUtility.Margin.Start.SMALL);
        counts.add(who);
        for (ResolutionOwner o : ResolutionOwner.values()) {
            Button count = countButton(countId(o), Badges.label(o), c.owner(o), QueryString.empty().putEnum(OWNER, o));
            count.setTooltipText(ownerMeaning(o)); // "Platform" alone read as the vendor's platform (a review)
            counts.add(count);
        }
    }

    static String ownerMeaning(ResolutionOwner owner) {
        return switch (owner) {
            case PLATFORM -> "Unhealthy connections that you, the team operating the integration layer, must fix";
            case CUSTOMER -> "Unhealthy connections whose customer must update or re-authorize their credentials";
            case VENDOR -> "Unhealthy connections broken by the vendor's side: usually temporary; watch them and retry";
        };
    }

    /** Stable ids for the count buttons (e.g. {@code count-unhealthy_now}, {@code count-owner-customer}). */
    static String countId(Enum<?> statusOrOwner) {
        return (statusOrOwner instanceof ResolutionOwner ? "count-owner-" : "count-")
                + statusOrOwner.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A tile stands out only when the list shows exactly what it counts (in whatever order): a search or another filter
     * narrows it. It keeps the list's order, and the focus once the tiles are rebuilt.
     */
    private Button countButton(String id, String label, long count, QueryString target) {
        boolean active = target.toParameters().getQueryString()
                .equals(filtersOnly().toParameters().getQueryString());
        Button b = new Button(label + " " + String.format(Locale.ROOT, "%,d", count), e -> {
            navigate(withSort(target));
            // the tiles were rebuilt: without this the focus fell to the page's start, 17 Tabs from the list
            counts.getChildren().filter(tile -> tile.getId().filter(id::equals).isPresent()).findFirst()
                    .ifPresent(tile -> ((Button) tile).focus());
            if (windowWidth < WindowWidth.PHONE) {
                grid.scrollIntoView(); // below the tiles and filters on a phone: the tap had changed nothing in view
            }
        });
        b.setId(id);
        b.addThemeVariants(active ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_CONTRAST, ButtonVariant.LUMO_SMALL);
        b.getElement().setAttribute("aria-pressed", String.valueOf(active)); // not by its colour alone
        b.addClassName("count");
        return b;
    }
}
