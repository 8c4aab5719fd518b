package io.connectionhealth.connection.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NavigationTrigger;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.base.ui.Badges;
import io.connectionhealth.base.ui.CurrentUser;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.base.ui.MainLayout;
import io.connectionhealth.base.ui.Paging;
import io.connectionhealth.base.ui.QueryString;
import io.connectionhealth.base.ui.Refreshable;
import io.connectionhealth.base.ui.RowPlaces;
import io.connectionhealth.base.ui.TypingHistory;
import io.connectionhealth.base.ui.WindowWidth;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.ConnectionSort;
import io.connectionhealth.connection.IntegrationHealth;
import io.connectionhealth.connection.IntegrationHealth.Order;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.signal.ui.ApiCallLogsView;
import io.connectionhealth.health.ResolutionOwner;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The workspace's connections per integration, the most broken first: one integration failing for every customer at
 * once (the team's own client secret expired, a vendor changed its API) is one row here, not hundreds in the
 * connection list. Each count opens the Connections page filtered to what it counts. The order is in the address
 * ({@code ?sort=share&order=desc}), so Back from a count finds the list as it was sorted.
 */
@Route(value = "integrations", layout = MainLayout.class)
@PageTitle("Integrations · Connection Health")
@PermitAll
public class IntegrationsView extends VerticalLayout implements BeforeEnterObserver, Refreshable {

    static final String EMPTY = "No connections yet, so no integrations: they are listed here by the connections' "
            + "integration_type once your integration layer creates connections.";
    /** Unhealthy and Unhealthy now: on the Connections page two tiles, here one column, named apart from both. */
    static final Set<ConnectionStatus> NOT_WORKING = EnumSet.of(ConnectionStatus.UNHEALTHY,
            ConnectionStatus.UNHEALTHY_NOW);
    private static final Order DEFAULT = Order.NOT_WORKING;

    private final ConnectionService connections;
    private final Actor actor;
    private final Clock clock;
    private final TypingHistory history = new TypingHistory(IntegrationsView.class);
    private boolean applyingUrl;
    final Grid<IntegrationHealth> grid = new Grid<>();
    /** The column sorted by last: the sorter's third state turns into its ascending order. */
    private Grid.Column<IntegrationHealth> sortedBefore;
    final Span countedAt = new Span();
    private static final String LEFT = IntegrationsView.class.getName() + ".left";

    /** The order of the list, and the integration whose link was followed, when this tab left the page. */
    private record LeftAt(QueryParameters order, String integrationType) {
    }

    /** The list's order as the grid's sort gives it (none: the default). */
    private record Sorted(Order order, boolean descending) {
        static Sorted of(List<QuerySortOrder> sortOrders) {
            if (sortOrders.isEmpty()) {
                return new Sorted(DEFAULT, true);
            }
            QuerySortOrder first = sortOrders.getFirst();
            return new Sorted(Order.valueOf(first.getSorted()), first.getDirection() == SortDirection.DESCENDING);
        }
    }

    public IntegrationsView(ConnectionService connections, CurrentUser currentUser, Clock clock) {
        this.connections = connections;
        this.actor = currentUser.actor();
        this.clock = clock;
        setSizeFull();

        Paragraph about = new Paragraph("Connections per integration, those with the most not working (Unhealthy or "
                + "Unhealthy now) first. When most of one integration's connections fail together, the cause is usually "
                + "shared: your app's credentials with the vendor (Platform), or the vendor itself. A count opens those "
                + "connections; the list beside a name, its failing calls of the last 24 hours.");
        about.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        refresh.setTooltipText("Count the connections again");
        HorizontalLayout top = new HorizontalLayout(about, refresh);
        top.setWidthFull();
        top.setAlignItems(Alignment.CENTER);
        about.getStyle().set("flex", "1 1 30rem"); // beside Refresh, unless the window is narrower than that
        top.setWrap(true); // on a phone Refresh goes beneath the text, not beside a column of it
        countedAt.setId("integrations-counted-at");
        countedAt.getElement().setAttribute("role", "status"); // a screen reader hears that Refresh counted again
        countedAt.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);

        configureGrid();
        fitTo(WindowWidth.NARROW); // until the browser tells its width
        WindowWidth.follow(this, this::fitTo);
        add(top, grid, countedAt);
        setFlexGrow(1, grid);
    }

    private void configureGrid() {
        grid.setAriaLabel("Integrations");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setMinHeight("16em");
        grid.addComponentColumn(this::integrationCell).setHeader("Integration").setKey("integration")
                .setSortProperty(Order.INTEGRATION_TYPE.name()).setTooltipGenerator(IntegrationHealth::integrationType)
                .setWidth("8rem").setFlexGrow(1);
        grid.addComponentColumn(i -> link(count(i.connections()), count(i.connections()) + " " + i.integrationType()
                        + (i.connections() == 1 ? " connection" : " connections"), i, null, null))
                .setHeader("Connections").setKey("connections")
                .setSortProperty(Order.CONNECTIONS.name()).setWidth("7rem").setFlexGrow(0);
        grid.addComponentColumn(i -> countLink(i.notWorking(), i, "not working", NOT_WORKING, null))
                .setHeader("Not working").setKey("not_working").setSortProperty(Order.NOT_WORKING.name())
                .setWidth("7rem").setFlexGrow(0)
                .setTooltipGenerator(i -> "Unhealthy or Unhealthy now: " + count(i.notWorking()) + " of "
                        + count(i.connections()) + " connections do not work");
        grid.addComponentColumn(IntegrationsView::share).setHeader("Share").setKey("share")
                .setSortProperty(Order.NOT_WORKING_SHARE.name()).setWidth("5.5rem").setFlexGrow(0)
                .setTooltipGenerator(i -> "The share of its connections that do not work");
        grid.addComponentColumn(i -> countLink(i.unhealthyNow(), i, "unhealthy now",
                        EnumSet.of(ConnectionStatus.UNHEALTHY_NOW), null))
                .setHeader(Badges.label(ConnectionStatus.UNHEALTHY_NOW)).setKey("unhealthy_now")
                .setSortProperty(Order.UNHEALTHY_NOW.name())
                .setTooltipGenerator(i -> Badges.meaning(ConnectionStatus.UNHEALTHY_NOW)).setWidth("8.5rem")
                .setFlexGrow(0);
        for (ResolutionOwner owner : ResolutionOwner.values()) {
            ToLongFunction<IntegrationHealth> n = switch (owner) {
                case CUSTOMER -> IntegrationHealth::customerActs;
                case PLATFORM -> IntegrationHealth::platformActs;
                case VENDOR -> IntegrationHealth::vendorActs;
            };
            Order order = switch (owner) {
                case CUSTOMER -> Order.CUSTOMER_ACTS;
                case PLATFORM -> Order.PLATFORM_ACTS;
                case VENDOR -> Order.VENDOR_ACTS;
            };
            grid.addComponentColumn(i -> countLink(n.applyAsLong(i), i, "not working, " + Badges.label(owner)
                            .toLowerCase(Locale.ROOT) + " acts", null, owner))
                    .setHeader(Badges.label(owner)).setKey("owner_" + owner.name().toLowerCase(Locale.ROOT))
                    .setSortProperty(order.name()).setTooltipGenerator(i -> ConnectionsView.ownerMeaning(owner))
                    .setWidth("6.5rem").setFlexGrow(0);
        }
        grid.addComponentColumn(i -> countLink(i.healthy(), i, "healthy", EnumSet.of(ConnectionStatus.HEALTHY), null))
                .setHeader(Badges.label(ConnectionStatus.HEALTHY)).setKey("healthy").setSortProperty(Order.HEALTHY.name())
                .setWidth("5.5rem").setFlexGrow(0);
        grid.addComponentColumn(i -> countLink(i.newOnes(), i, "new", EnumSet.of(ConnectionStatus.NEW), null))
                .setHeader(Badges.label(ConnectionStatus.NEW)).setKey("new").setSortProperty(Order.NEW.name())
                .setTooltipGenerator(i -> Badges.meaning(ConnectionStatus.NEW)).setWidth("5rem").setFlexGrow(0);
        grid.getColumns().stream().filter(c -> !"integration".equals(c.getKey()))
                .forEach(c -> c.setTextAlign(ColumnTextAlign.END));
        // as on the Connections page's tiles: whom the ones that do not work wait on
        grid.prependHeaderRow().join(grid.getColumnByKey("owner_platform"), grid.getColumnByKey("owner_customer"),
                grid.getColumnByKey("owner_vendor")).setText("Not working, who must act");
        grid.setItems(q -> {
            Sorted sorted = Sorted.of(q.getSortOrders());
            return Paging.fetch(q.getOffset(), q.getLimit(),
                    page -> connections.integrationHealth(actor, sorted.order(), sorted.descending(), page));
        });
        grid.addSortListener(e -> {
            if (e.isFromClient() && e.getSortOrder().isEmpty()) {
                // the sorter's third state (after descending) would show no arrow over the default order, and from the
                // default, descending, a click could never reach ascending: it toggles instead, as the logs' Time does
                grid.sort(List.of(new GridSortOrder<>(sortedBefore, SortDirection.ASCENDING)));
                return;
            }
            sortedBefore = e.getSortOrder().isEmpty() ? columnSortedBy(DEFAULT) : e.getSortOrder().getFirst().getSorted();
            if (!applyingUrl) {
                getUI().ifPresent(ui -> history.replace(ui, sortInUrl().toParameters()));
                showCountedAt();
            }
        });
        grid.setEmptyStateText(EMPTY);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        history.navigated();
        QueryString params = QueryString.of(event.getLocation().getQueryParameters());
        SortDirection direction = "asc".equalsIgnoreCase(params.get(ConnectionsView.ORDER)) ? SortDirection.ASCENDING
                : SortDirection.DESCENDING;
        // an unknown name, in a hand-edited address, is the default order, as the other pages read theirs
        Order order = Arrays.stream(Order.values())
                .filter(o -> o.urlName.equalsIgnoreCase(params.get(ConnectionsView.SORT))).findFirst().orElse(null);
        applyingUrl = true;
        try {
            grid.sort(order == null ? defaultSort()
                    : List.of(new GridSortOrder<>(columnSortedBy(order), direction)));
        } finally {
            applyingUrl = false;
        }
        showCountedAt();
        Object left = ComponentUtil.getData(event.getUI(), LEFT);
        ComponentUtil.setData(event.getUI(), LEFT, null); // once: not again after the drawer's link, then Back
        if (event.getTrigger() == NavigationTrigger.HISTORY && left instanceof LeftAt at
                && at.order().getQueryString().equals(sortInUrl().toParameters().getQueryString())) {
            // Back from a count or a list of calls: the row whose link was followed, with the keyboard's focus (it
            // had fallen to the page's start, the list scrolled to its top: an accessibility audit). Found by its
            // name: the counts may have moved it meanwhile (a review)
            int place = placeOf(at.integrationType());
            if (place >= 0) {
                RowPlaces.showAgain(grid, place);
            }
        }
    }

    /** The integration's row in the list as it is read now, or -1 beyond its first thousand rows (or gone). */
    private int placeOf(String integrationType) {
        Sorted sorted = Sorted.of(grid.getSortOrder().stream()
                .flatMap(o -> o.getSorted().getSortOrder(o.getDirection())).toList());
        List<IntegrationHealth> rows = connections.integrationHealth(actor, sorted.order(), sorted.descending(),
                PageRequest.of(PageRequest.MAX_LIMIT, 0));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).integrationType().equals(integrationType)) {
                return i;
            }
        }
        return -1;
    }

    /** Remembers the row whose link is followed, for Back (the click reaches the server before the navigation). */
    private <T extends Component> T leavingFrom(T link, IntegrationHealth row) {
        // a click with Ctrl, Shift or Meta opens a new tab or window and this one stays: nothing to come back to
        link.getElement().addEventListener("click", e -> ComponentUtil.setData(UI.getCurrent(), LEFT,
                new LeftAt(sortInUrl().toParameters(), row.integrationType())))
                .setFilter("!event.ctrlKey && !event.shiftKey && !event.metaKey");
        return link;
    }

    private List<GridSortOrder<IntegrationHealth>> defaultSort() {
        return List.of(new GridSortOrder<>(columnSortedBy(DEFAULT), SortDirection.DESCENDING));
    }

    private Grid.Column<IntegrationHealth> columnSortedBy(Order order) {
        return grid.getColumns().stream().filter(c -> c.getSortOrder(SortDirection.ASCENDING)
                .anyMatch(s -> s.getSorted().equals(order.name()))).findFirst().orElseThrow();
    }

    /** The order in the address; none for the default. */
    private QueryString sortInUrl() {
        List<GridSortOrder<IntegrationHealth>> sorted = grid.getSortOrder();
        if (sorted.isEmpty()) {
            return QueryString.empty();
        }
        Order order = sorted.getFirst().getSorted().getSortOrder(SortDirection.ASCENDING).findFirst()
                .map(s -> Order.valueOf(s.getSorted())).orElse(DEFAULT);
        boolean descending = sorted.getFirst().getDirection() == SortDirection.DESCENDING;
        return order == DEFAULT && descending ? QueryString.empty()
                : QueryString.empty().put(ConnectionsView.SORT, order.urlName)
                        .put(ConnectionsView.ORDER, descending ? "desc" : "asc");
    }

    /** On a phone the integration, the connections that do not work and who must act; the rest make way. */
    void fitTo(int windowWidth) {
        boolean phone = windowWidth < WindowWidth.PHONE;
        boolean wide = windowWidth >= WindowWidth.NARROW;
        // who acts is beyond a phone's width: the integration stays in sight while the list scrolls sideways
        grid.getColumnByKey("integration").setFrozen(phone);
        grid.getColumnByKey("integration").setWidth(phone ? "7rem" : "8rem");
        grid.getColumnByKey("share").setVisible(!phone);
        grid.getColumnByKey("connections").setVisible(!phone);
        grid.getColumnByKey("unhealthy_now").setVisible(wide);
        grid.getColumnByKey("healthy").setVisible(wide);
        grid.getColumnByKey("new").setVisible(wide);
    }

    /**
     * Its name, to all its connections, and beside it its failing calls of the last 24 hours: when a whole integration
     * fails, the vendor's own words are in its calls (a vendor's 5xx counts healthy, so it shows in no count here).
     */
    private Component integrationCell(IntegrationHealth i) {
        RouterLink calls = new RouterLink();
        calls.setRoute(ApiCallLogsView.class);
        calls.setQueryParameters(QueryString.empty().put(ApiCallLogsView.INTEGRATION, i.integrationType())
                .putFlag(ApiCallLogsView.ERRORS, true).put(ApiCallLogsView.LAST, "24h").toParameters());
        Icon icon = VaadinIcon.LIST.create();
        icon.setSize("0.9rem");
        calls.add(icon);
        String label = "Failing " + i.integrationType() + " calls of the last 24 hours";
        calls.getElement().setAttribute("aria-label", label);
        calls.getElement().setAttribute("title", label);
        calls.setId("calls-" + i.integrationType());
        leavingFrom(calls, i);
        HorizontalLayout cell = new HorizontalLayout(link(i.integrationType(), "All " + i.integrationType()
                + " connections", i, null, null), calls);
        cell.setSpacing(false);
        cell.addClassNames(LumoUtility.Gap.SMALL);
        cell.setAlignItems(Alignment.CENTER);
        return cell;
    }

    static Span share(IntegrationHealth i) {
        long percent = i.connections() == 0 ? 0 : Math.round(100.0 * i.notWorking() / i.connections());
        // 1 of 300 is not "0 %" beside a Not working of 1
        return new Span(i.connections() == 0 ? "—" : percent == 0 && i.notWorking() > 0 ? "< 1 %"
                : percent == 100 && i.notWorking() < i.connections() ? "> 99 %" : percent + " %");
    }

    /** A count, a link to what it counts unless it is none; read out with what it counts, not as a bare number. */
    private Component countLink(long n, IntegrationHealth i, String what, Set<ConnectionStatus> statuses,
                                       ResolutionOwner owner) {
        return n == 0 ? new Span("0") : link(count(n), count(n) + " " + i.integrationType()
                + (n == 1 ? " connection " : " connections ") + what, i, statuses, owner);
    }

    /**
     * To the Connections page filtered to this integration and these statuses or this owner (of unhealthy connections,
     * as the page's owner tiles); unhealthy ones by their last failure, newest first, where the chase starts.
     */
    private RouterLink link(String text, String label, IntegrationHealth i, Set<ConnectionStatus> statuses,
                                   ResolutionOwner owner) {
        QueryString target = QueryString.empty().putEnums(ConnectionsView.STATUS, statuses)
                .putEnum(ConnectionsView.OWNER, owner).put(ConnectionsView.INTEGRATION, i.integrationType());
        if (owner != null || (statuses != null && statuses.stream().anyMatch(ConnectionStatus::isUnhealthy))) {
            target = target.put(ConnectionsView.SORT, ConnectionSort.Field.LAST_UNHEALTHY_AT.apiName())
                    .put(ConnectionsView.ORDER, "desc");
        }
        RouterLink link = new RouterLink(text, ConnectionsView.class);
        link.setQueryParameters(target.toParameters());
        link.getElement().setAttribute("aria-label", label);
        return leavingFrom(link, i);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The grid reads its rows when it is sorted or refreshed; a page left open says how old they are. */
    private void showCountedAt() {
        countedAt.setText("Counted " + Formats.exact(clock.instant()) + "; Refresh to count again.");
    }

    @Override
    public void refresh() {
        grid.getDataProvider().refreshAll();
        showCountedAt();
    }
}
