package io.connectionhealth.connection.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ui.Badges;
import io.connectionhealth.base.ui.CurrentUser;
import io.connectionhealth.base.ui.MainLayout;
import io.connectionhealth.base.ui.Paging;
import io.connectionhealth.base.ui.QueryString;
import io.connectionhealth.base.ui.Refreshable;
import io.connectionhealth.base.ui.WindowWidth;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.ConnectionSort;
import io.connectionhealth.connection.IntegrationHealth;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.ResolutionOwner;
import jakarta.annotation.security.PermitAll;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The workspace's connections per integration, the most broken first: one integration failing for every customer at
 * once (the team's own client secret expired, a vendor changed its API) is one row here, not hundreds in the
 * connection list. Each count opens the Connections page filtered to what it counts.
 */
@Route(value = "integrations", layout = MainLayout.class)
@PageTitle("Integrations · Connection Health")
@PermitAll
public class IntegrationsView extends VerticalLayout implements Refreshable {

    static final String EMPTY = "No connections yet, so no integrations: they are listed here by the connections' "
            + "integration_type once your integration layer creates connections.";
    static final Set<ConnectionStatus> NOT_WORKING = EnumSet.of(ConnectionStatus.UNHEALTHY,
            ConnectionStatus.UNHEALTHY_NOW);

    private final ConnectionService connections;
    private final Actor actor;
    final Grid<IntegrationHealth> grid = new Grid<>();

    public IntegrationsView(ConnectionService connections, CurrentUser currentUser) {
        this.connections = connections;
        this.actor = currentUser.actor();
        setSizeFull();

        Paragraph about = new Paragraph("Connections per integration, those with the most unhealthy connections first. "
                + "When most of one integration's connections fail together, the cause is usually shared: your "
                + "app's credentials with the vendor (Platform), or the vendor itself. A count opens those connections.");
        about.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        refresh.setTooltipText("Count the connections again");
        HorizontalLayout top = new HorizontalLayout(about, refresh);
        top.setWidthFull();
        top.setAlignItems(Alignment.CENTER);
        about.getStyle().set("flex", "1 1 30rem"); // beside Refresh, unless the window is narrower than that
        top.setWrap(true); // on a phone Refresh goes beneath the text, not beside a column of it

        configureGrid();
        WindowWidth.follow(this, this::fitTo);
        add(top, grid);
        setFlexGrow(1, grid);
    }

    private void configureGrid() {
        grid.setAriaLabel("Integrations");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setMinHeight("16em");
        grid.addComponentColumn(i -> link(i.integrationType(), i, null, null)).setHeader("Integration")
                .setKey("integration").setSortProperty(IntegrationHealth.Order.INTEGRATION_TYPE.name())
                .setTooltipGenerator(IntegrationHealth::integrationType).setWidth("8rem").setFlexGrow(1);
        grid.addComponentColumn(i -> link(count(i.connections()), i, null, null)).setHeader("Connections")
                .setKey("connections").setSortProperty(IntegrationHealth.Order.CONNECTIONS.name())
                .setWidth("7rem").setFlexGrow(0);
        grid.addComponentColumn(this::notWorkingCell).setHeader("Unhealthy").setKey("unhealthy")
                .setSortProperty(IntegrationHealth.Order.NOT_WORKING.name()).setWidth("6.5rem").setFlexGrow(0)
                .setTooltipGenerator(i -> "Unhealthy and Unhealthy now: " + count(i.notWorking()) + " of "
                        + count(i.connections()) + " connections do not work");
        grid.addComponentColumn(IntegrationsView::share).setHeader("Share").setKey("share")
                .setSortProperty(IntegrationHealth.Order.NOT_WORKING_SHARE.name()).setWidth("5.5rem").setFlexGrow(0)
                .setTooltipGenerator(i -> "The share of its connections that are unhealthy");
        grid.addComponentColumn(i -> statusLink(i, ConnectionStatus.UNHEALTHY_NOW, IntegrationHealth::unhealthyNow))
                .setHeader(Badges.label(ConnectionStatus.UNHEALTHY_NOW)).setKey("unhealthy_now")
                .setTooltipGenerator(i -> Badges.meaning(ConnectionStatus.UNHEALTHY_NOW)).setWidth("7.5rem")
                .setFlexGrow(0);
        for (ResolutionOwner owner : ResolutionOwner.values()) {
            ToLongFunction<IntegrationHealth> n = switch (owner) {
                case CUSTOMER -> IntegrationHealth::customerActs;
                case PLATFORM -> IntegrationHealth::platformActs;
                case VENDOR -> IntegrationHealth::vendorActs;
            };
            grid.addComponentColumn(i -> n.applyAsLong(i) == 0 ? new Span("0")
                            : link(count(n.applyAsLong(i)), i, null, owner))
                    .setHeader(Badges.label(owner)).setKey("owner_" + owner.name().toLowerCase(Locale.ROOT))
                    .setTooltipGenerator(i -> ConnectionsView.ownerMeaning(owner)).setWidth("6rem").setFlexGrow(0);
        }
        grid.addComponentColumn(i -> statusLink(i, ConnectionStatus.HEALTHY, IntegrationHealth::healthy))
                .setHeader(Badges.label(ConnectionStatus.HEALTHY)).setKey("healthy").setWidth("5rem").setFlexGrow(0);
        grid.addComponentColumn(i -> statusLink(i, ConnectionStatus.NEW, IntegrationHealth::newOnes))
                .setHeader(Badges.label(ConnectionStatus.NEW)).setKey("new")
                .setTooltipGenerator(i -> Badges.meaning(ConnectionStatus.NEW)).setWidth("4.5rem").setFlexGrow(0);
        grid.getColumns().stream().filter(c -> !"integration".equals(c.getKey()))
                .forEach(c -> c.setTextAlign(ColumnTextAlign.END));
        // as on the Connections page's tiles: whom the unhealthy ones wait on
        grid.prependHeaderRow().join(grid.getColumnByKey("owner_platform"), grid.getColumnByKey("owner_customer"),
                grid.getColumnByKey("owner_vendor")).setText("Unhealthy, who must act");
        grid.setItems(q -> {
            IntegrationHealth.Order order = IntegrationHealth.Order.NOT_WORKING;
            boolean descending = true;
            if (!q.getSortOrders().isEmpty()) {
                QuerySortOrder first = q.getSortOrders().getFirst();
                order = IntegrationHealth.Order.valueOf(first.getSorted());
                descending = first.getDirection() == SortDirection.DESCENDING;
            }
            IntegrationHealth.Order o = order;
            boolean d = descending;
            return Paging.fetch(q.getOffset(), q.getLimit(), page -> connections.integrationHealth(actor, o, d, page));
        });
        // the default order shows as the Unhealthy column's arrow
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("unhealthy"), SortDirection.DESCENDING)));
        grid.setEmptyStateText(EMPTY);
    }

    /** On a phone the integration, its unhealthy connections and who must act; the rest make way. */
    void fitTo(int windowWidth) {
        boolean phone = windowWidth < WindowWidth.PHONE;
        // who acts is beyond a phone's width: the integration stays in sight while the list scrolls sideways
        grid.getColumnByKey("integration").setFrozen(phone);
        grid.getColumnByKey("integration").setWidth(phone ? "7rem" : "8rem");
        boolean wide = windowWidth >= WindowWidth.NARROW;
        grid.getColumnByKey("share").setVisible(!phone);
        grid.getColumnByKey("unhealthy_now").setVisible(wide);
        grid.getColumnByKey("healthy").setVisible(wide);
        grid.getColumnByKey("new").setVisible(wide);
        grid.getColumnByKey("connections").setVisible(!phone);
    }

    private Component notWorkingCell(IntegrationHealth i) {
        return i.notWorking() == 0 ? new Span("0") : link(count(i.notWorking()), i, NOT_WORKING, null);
    }

    private static Component share(IntegrationHealth i) {
        return new Span(i.connections() == 0 ? "—"
                : String.format(Locale.ROOT, "%d %%", Math.round(100.0 * i.notWorking() / i.connections())));
    }

    private Component statusLink(IntegrationHealth i, ConnectionStatus status, ToLongFunction<IntegrationHealth> n) {
        long value = n.applyAsLong(i);
        return value == 0 ? new Span("0") : link(count(value), i, EnumSet.of(status), null);
    }

    /**
     * To the Connections page filtered to this integration and these statuses or this owner (of unhealthy connections,
     * as the page's owner tiles); unhealthy ones by their last failure, newest first, where the chase starts.
     */
    private static RouterLink link(String text, IntegrationHealth i, Set<ConnectionStatus> statuses,
                                   ResolutionOwner owner) {
        QueryString target = QueryString.empty().putEnums(ConnectionsView.STATUS, statuses)
                .putEnum(ConnectionsView.OWNER, owner).put(ConnectionsView.INTEGRATION, i.integrationType());
        if (owner != null || (statuses != null && statuses.stream().anyMatch(ConnectionStatus::isUnhealthy))) {
            target = target.put(ConnectionsView.SORT, ConnectionSort.Field.LAST_UNHEALTHY_AT.apiName())
                    .put(ConnectionsView.ORDER, "desc");
        }
        RouterLink link = new RouterLink(text, ConnectionsView.class);
        link.setQueryParameters(target.toParameters());
        return link;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    @Override
    public void refresh() {
        grid.getDataProvider().refreshAll();
    }
}
