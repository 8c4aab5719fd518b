package io.connectionhealth.connection.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouterLink;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ui.KaribuTest;
import io.connectionhealth.connection.IntegrationHealth;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class IntegrationsViewTest extends KaribuTest {

    /**
     * An integration failing for every customer at once is one row at the top, and its counts open the connections
     * they count: a viewer chasing the customers of the broken ones is two clicks from them.
     */
    @Test
    void listsTheMostBrokenIntegrationFirstAndEachCountOpensItsConnections() {
        withCalls(connection("hubspot", "acme"), 401);
        withCalls(connection("hubspot", "globex"), 200, 401);
        withCalls(connection("hubspot", "initech"), 200);
        withCalls(connection("zendesk", "acme"), 200);
        connection("zendesk", "umbrella"); // new: no signal yet
        signIn(Actor.Role.VIEWER);
        navigate("integrations");
        assertThat(types()).containsExactly("hubspot", "zendesk");
        assertThat(text(0, "connections")).isEqualTo("3");
        assertThat(text(0, "not_working")).isEqualTo("2");
        assertThat(text(0, "share")).isEqualTo("67 %");
        assertThat(text(0, "unhealthy_now")).isEqualTo("1");
        assertThat(text(0, "owner_customer")).isEqualTo("2");
        assertThat(text(0, "owner_platform")).isEqualTo("0");
        assertThat(text(1, "not_working")).isEqualTo("0");
        assertThat(params(0, "not_working")).isEqualTo(Map.of("integration", List.of("hubspot"), "status",
                List.of("unhealthy,unhealthy_now"), "sort", List.of("last_unhealthy_at"), "order", List.of("desc")));
        assertThat(params(0, "owner_customer")).isEqualTo(Map.of("integration", List.of("hubspot"), "owner",
                List.of("customer"), "sort", List.of("last_unhealthy_at"), "order", List.of("desc")));
        List<RouterLink> nameAndCalls = GridKt._getCellComponent(grid(), 0, "integration").getChildren()
                .map(RouterLink.class::cast).toList();
        assertThat(nameAndCalls.getFirst().getText()).isEqualTo("hubspot");
        assertThat(query(nameAndCalls.getFirst().getHref())).isEqualTo(Map.of("integration", List.of("hubspot")));
        // its failing calls: a vendor's 5xx counts healthy, so only its calls show a vendor's bad day
        assertThat(nameAndCalls.get(1).getHref()).startsWith("logs?");
        assertThat(query(nameAndCalls.get(1).getHref())).isEqualTo(Map.of("integration", List.of("hubspot"),
                "errors", List.of("true"), "last", List.of("24h")));
        assertThat(nameAndCalls.get(1).getElement().getAttribute("aria-label"))
                .isEqualTo("Failing hubspot calls of the last 24 hours");
        assertThat(params(1, "healthy")).isEqualTo(Map.of("integration", List.of("zendesk"), "status",
                List.of("healthy")));
        assertThat(params(0, "unhealthy_now")).isEqualTo(Map.of("integration", List.of("hubspot"), "status",
                List.of("unhealthy_now"), "sort", List.of("last_unhealthy_at"), "order", List.of("desc")));
        assertThat(params(1, "new")).isEqualTo(Map.of("integration", List.of("zendesk"), "status", List.of("new")));
        // a screen reader's list of links says what each number counts
        assertThat(GridKt._getCellComponent(grid(), 0, "owner_customer").getElement().getAttribute("aria-label"))
                .isEqualTo("2 hubspot connections not working, customer acts");
        assertThat(GridKt._getCellComponent(grid(), 0, "unhealthy_now").getElement().getAttribute("aria-label"))
                .isEqualTo("1 hubspot connection unhealthy now");

        // the link leads where it says: the Connections page filtered to hubspot's broken ones
        navigate(href(0, "not_working"));
        assertThat(_findAll(_get(ConnectionsView.class).grid)).extracting(c -> c.externalXref())
                .containsExactlyInAnyOrder("acme", "globex");
    }

    @Test
    void sortsByItsColumnsInTheDatabase() {
        oneBrokenHubspotTwoWorkingZendesk();
        signIn(Actor.Role.VIEWER);
        navigate("integrations");
        Grid<IntegrationHealth> grid = grid();
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("connections"), SortDirection.DESCENDING)));
        assertThat(types()).containsExactly("zendesk", "hubspot");
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("integration"), SortDirection.ASCENDING)));
        assertThat(types()).containsExactly("hubspot", "zendesk");
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("share"), SortDirection.ASCENDING)));
        assertThat(types()).containsExactly("zendesk", "hubspot");
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("owner_customer"), SortDirection.DESCENDING)));
        assertThat(types()).containsExactly("hubspot", "zendesk");
    }

    /** Back from a count finds the list in the order it was left in: the order is in the address. */
    @Test
    void theOrderIsInTheAddress() {
        oneBrokenHubspotTwoWorkingZendesk();
        signIn(Actor.Role.VIEWER);
        navigate("integrations?sort=connections&order=desc");
        assertThat(types()).containsExactly("zendesk", "hubspot");
        assertThat(grid().getSortOrder()).extracting(o -> o.getSorted().getKey()).containsExactly("connections");
        navigate("integrations?sort=integration_type&order=asc");
        assertThat(types()).containsExactly("hubspot", "zendesk");
        navigate("integrations?sort=nonsense");
        assertThat(types()).as("the default order").containsExactly("hubspot", "zendesk");
        assertThat(grid().getSortOrder()).extracting(o -> o.getSorted().getKey()).containsExactly("not_working");
        assertThat(_get(IntegrationsView.class).countedAt.getText()).startsWith("Counted ")
                .endsWith("; Refresh to count again.");
        assertThat(_get(IntegrationsView.class).countedAt.getElement().getAttribute("role"))
                .as("read out when Refresh counts again (an accessibility audit)").isEqualTo("status");

        // a sort puts itself in the address without a step for Back
        pendingJavaScript();
        grid().sort(List.of(new GridSortOrder<>(grid().getColumnByKey("share"), SortDirection.ASCENDING)));
        assertThat(pendingJavaScript()).anySatisfy(js -> {
            assertThat(js.getInvocation().getExpression()).contains("vaadin-navigate").contains("replace: true");
            assertThat(js.getInvocation().getParameters()).anySatisfy(p -> assertThat(String.valueOf(p))
                    .contains("integrations?sort=share&order=asc"));
        });
        // the header's third click (no order, after descending) toggles to ascending: from the default, descending,
        // Not working could never be sorted ascending
        navigate("integrations");
        com.vaadin.flow.component.ComponentUtil.fireEvent(grid(), new com.vaadin.flow.data.event.SortEvent<>(grid(),
                List.of(), true));
        assertThat(grid().getSortOrder()).singleElement().satisfies(o -> {
            assertThat(o.getSorted().getKey()).isEqualTo("not_working");
            assertThat(o.getDirection()).isEqualTo(SortDirection.ASCENDING);
        });
        assertThat(types()).containsExactly("zendesk", "hubspot");
    }

    /** A share rounded to 0 % or 100 % would hide the one connection that differs. */
    @Test
    void aShareNeverRoundsAwayTheConnectionsItCounts() {
        assertThat(IntegrationsView.share(new IntegrationHealth("x", 3, 1, 1, 1, 0, 2, 0, 0)).getText()).isEqualTo("67 %");
        assertThat(IntegrationsView.share(new IntegrationHealth("x", 300, 299, 1, 0, 0, 1, 0, 0)).getText())
                .isEqualTo("< 1 %");
        assertThat(IntegrationsView.share(new IntegrationHealth("x", 300, 1, 299, 0, 0, 299, 0, 0)).getText())
                .isEqualTo("> 99 %");
        assertThat(IntegrationsView.share(new IntegrationHealth("x", 2, 0, 2, 0, 0, 2, 0, 0)).getText()).isEqualTo("100 %");
        assertThat(IntegrationsView.share(new IntegrationHealth("x", 2, 2, 0, 0, 0, 0, 0, 0)).getText()).isEqualTo("0 %");
    }

    @Test
    void anEmptyWorkspaceSaysWhereIntegrationsComeFrom() {
        workspaceId = workspaces.create("New install").id();
        signIn(Actor.Role.ADMIN);
        navigate("integrations");
        assertThat(types()).isEmpty();
        assertThat(grid().getEmptyStateText()).isEqualTo(IntegrationsView.EMPTY);
        assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._find(SideNavItem.class).stream()
                .filter(item -> "Integrations".equals(item.getLabel())).map(SideNavItem::getPath))
                .containsExactly("integrations");
    }

    /** On a phone: the integration, its unhealthy connections and who must act. */
    @Test
    void aPhoneShowsWhatIsBrokenAndWhoActs() {
        signIn(Actor.Role.VIEWER);
        navigate("integrations");
        _get(IntegrationsView.class).fitTo(390);
        assertThat(grid().getColumns().stream().filter(Grid.Column::isVisible).map(Grid.Column::getKey))
                .containsExactly("integration", "not_working", "owner_platform", "owner_customer", "owner_vendor");
        _get(IntegrationsView.class).fitTo(1440);
        assertThat(grid().getColumns().stream().filter(Grid.Column::isVisible)).hasSize(10);
    }

    /**
     * An accessibility audit: Back from a count had put the focus on the page's start and the list at its top. The row
     * is found by its integration, which the counts may have moved meanwhile (a review), and only once.
     */
    @Test
    void backFromACountShowsTheRowWhoseLinkWasFollowed() {
        List<io.connectionhealth.connection.Connection> all = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            all.add(connection(String.format("type-%02d", i), "acme"));
        }
        signIn(Actor.Role.VIEWER);
        navigate("integrations");
        assertThat(length(grid())).isEqualTo(30);
        Component count = GridKt._getCellComponent(grid(), 20, "connections");
        assertThat(((RouterLink) count).getHref()).contains("integration=type-20");
        click(count, false);
        navigate(((RouterLink) count).getHref());
        pendingJavaScript();
        // meanwhile five integrations break: first in the list now, they move type-20 down by five
        for (int i = 25; i < 30; i++) {
            withCalls(all.get(i), 401);
        }

        com.vaadin.flow.component.UI ui = com.vaadin.flow.component.UI.getCurrent();
        back(ui, QueryParameters.empty());
        assertThat(scrolledTo()).containsExactly(23);
        assertThat(GridKt._get(grid(), 25).integrationType()).isEqualTo("type-20");

        // once: the drawer's link and Back again, or Back to another order, show the list's top
        navigate("connections");
        back(ui, QueryParameters.empty());
        assertThat(scrolledTo()).isEmpty();
        // and a Ctrl+click opens a new tab, this one staying where it is: nothing to come back to
        click(count, true);
        navigate("connections");
        back(ui, QueryParameters.empty());
        assertThat(scrolledTo()).isEmpty();
        click(count, false);
        navigate(((RouterLink) count).getHref());
        back(ui, QueryParameters.fromString("sort=integration_type&order=asc"));
        assertThat(scrolledTo()).isEmpty();
    }

    /** A click on a link as the browser sends it, {@code withModifier}: with Ctrl, Shift or Meta held. */
    private static void click(Component link, boolean withModifier) {
        var data = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("!event.ctrlKey && !event.shiftKey && !event.metaKey", !withModifier);
        com.github.mvysny.kaributesting.v10.ElementUtilsKt._fireDomEvent(link.getElement(),
                new com.vaadin.flow.dom.DomEvent(link.getElement(), "click", data));
    }

    private static void back(com.vaadin.flow.component.UI ui, QueryParameters to) {
        ui.getInternals().getRouter().navigate(ui, new com.vaadin.flow.router.Location("integrations", to),
                com.vaadin.flow.router.NavigationTrigger.HISTORY);
    }

    private void oneBrokenHubspotTwoWorkingZendesk() {
        withCalls(connection("hubspot", "acme"), 401);
        withCalls(connection("zendesk", "acme"), 200);
        withCalls(connection("zendesk", "globex"), 200);
    }

    private static Grid<IntegrationHealth> grid() {
        return _get(IntegrationsView.class).grid;
    }

    private static List<String> types() {
        return _findAll(grid()).stream().map(IntegrationHealth::integrationType).toList();
    }

    private static String text(int row, String key) {
        Component cell = GridKt._getCellComponent(grid(), row, key);
        return cell instanceof RouterLink link ? link.getText() : ((Span) cell).getText();
    }

    private static String href(int row, String key) {
        return ((RouterLink) GridKt._getCellComponent(grid(), row, key)).getHref();
    }

    private static Map<String, List<String>> params(int row, String key) {
        String href = href(row, key);
        assertThat(href).startsWith("connections?");
        return query(href);
    }

    private static Map<String, List<String>> query(String href) {
        return QueryParameters.fromString(href.substring(href.indexOf('?') + 1)).getParameters();
    }
}
