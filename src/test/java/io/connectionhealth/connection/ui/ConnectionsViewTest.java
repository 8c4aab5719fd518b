package io.connectionhealth.connection.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.NavigationTrigger;
import com.vaadin.flow.router.QueryParameters;
import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.base.ui.KaribuTest;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionCounts;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.ErrorOrigin;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.ResolutionOwner;
import io.connectionhealth.notification.EventLog;
import io.connectionhealth.signal.ApiCallInput;
import io.connectionhealth.signal.ApiCallType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.mvysny.kaributesting.v10.GridKt;

import static com.github.mvysny.kaributesting.v10.DownloadKt._download;
import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.GridKt._clickItem;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectionsViewTest extends KaribuTest {

    private Connection healthy;
    private Connection unauthorized;
    private Connection failingNow;
    private Connection fresh;

    @BeforeEach
    void data() {
        healthy = withCalls(connection("hubspot", "acme-corp"), 200);
        unauthorized = withCalls(connection("salesforce", "globex"), 401);
        fresh = connection("hubspot", "initech");
        failingNow = connection("zendesk", "umbrella");
        post(call(failingNow.id(), clock.instant().minusSeconds(30), 200),
                new ApiCallInput(null, failingNow.id(), clock.instant().minusSeconds(20), ApiCallType.INBOUND, "GET",
                        "/tickets", 500, false, "boom", ErrorOrigin.PLATFORM, 10L, null, null));
    }

    private List<String> rows() {
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        return _findAll(grid).stream().map(Connection::id).toList();
    }

    /** A new install's empty list says how connections come in; once there are some, an empty list is the filters'. */
    @Test
    void anEmptyWorkspaceSaysHowConnectionsComeIn() {
        workspaceId = workspaces.create("New install").id();
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        assertThat(rows()).isEmpty();
        assertThat(grid.getEmptyStateText()).isEqualTo(ConnectionsView.NONE_YET).contains("POST /api/v1/connections");

        connections.create(Actor.system(workspaceId), new io.connectionhealth.connection.NewConnection(
                "hubspot", null, List.of(), List.of(), "acme", null));
        navigate("connections?status=unhealthy");
        assertThat(rows()).isEmpty();
        assertThat(_get(Grid.class).getEmptyStateText()).isEqualTo(ConnectionsView.NO_MATCH);
    }

    /** On a tablet or phone, Status and who acts come right after the integration and the customer. */
    @Test
    void aNarrowWindowHidesTheColumnsItCanSpare() {
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        _get(ConnectionsView.class).fitTo(1024);
        assertThat(grid.getColumns().stream().filter(Grid.Column::isVisible).map(Grid.Column::getKey))
                .containsExactly("integration", "customer", "status", "health", "last_unhealthy_at", "code");
        _get(ConnectionsView.class).fitTo(1366);
        assertThat(grid.getColumnByKey("categories").isVisible()).isTrue();
        assertThat(grid.getColumnByKey("last_healthy_at").isVisible()).isTrue();
    }

    /**
     * On a phone one column says whom to contact, where, the status, the health and who acts: scrolled sideways to the
     * health, the customer had gone, and kept beside it, the customer's name broke every few letters. Filters go two
     * to a line.
     */
    @Test
    void aPhoneShowsTheCustomerTheHealthAndWhoActsInOneColumn() {
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        ConnectionsView view = _get(ConnectionsView.class);
        view.fitTo(390);
        assertThat(grid.getColumns().stream().filter(Grid.Column::isVisible).map(Grid.Column::getKey))
                .containsExactly("connection", "last_unhealthy_at", "code");
        var cell = (com.vaadin.flow.component.html.Div) com.github.mvysny.kaributesting.v10.GridKt._getCellComponent(grid,
                rows().indexOf(unauthorized.id()), "connection");
        assertThat(com.github.mvysny.kaributesting.v10.BasicUtilsKt.get_textRecursively(cell))
                .contains("globex", "salesforce", "Unhealthy", "UNAUTHORIZED", "Customer acts");
        assertThat(view.health.getWidth()).startsWith("calc(50%");
        assertThat(view.status.getWidth()).isEqualTo("100%");
        // a tile brings the list into view: it starts below the tiles and the filters, so the tap changed nothing seen
        pendingJavaScript();
        _click(_get(Button.class, spec -> spec.withId("count-unhealthy")));
        assertThat(pendingJavaScript()).anySatisfy(js -> assertThat(js.getInvocation().getExpression())
                .contains("scrollIntoView"));

        view.fitTo(1366);
        _click(_get(Button.class, spec -> spec.withId("count-healthy")));
        assertThat(pendingJavaScript()).as("on a wide screen the list is in view").noneSatisfy(js ->
                assertThat(js.getInvocation().getExpression()).contains("scrollIntoView"));
        assertThat(grid.getColumns().stream().filter(Grid.Column::isVisible).map(Grid.Column::getKey))
                .containsExactly("integration", "customer", "categories", "status", "health", "last_healthy_at",
                        "last_unhealthy_at", "code");
        assertThat(view.health.getWidth()).isEqualTo("16em");
    }

    /** Production apart from Sandbox, in the address as the API names it. */
    @Test
    void theEnvironmentFilterSetsProductionApartFromSandbox() {
        Connection sandbox = connections.create(admin, new io.connectionhealth.connection.NewConnection("hubspot", null,
                List.of(), List.of(), "acme-test", "Sandbox"));
        Connection production = connections.create(admin, new io.connectionhealth.connection.NewConnection("hubspot",
                null, List.of(), List.of(), "acme", "Production"));
        signIn(Actor.Role.VIEWER);
        navigate("connections?environment=Sandbox");
        assertThat(rows()).containsExactly(sandbox.id());
        expectNotifications();
        ConnectionsView view = _get(ConnectionsView.class);
        assertThat(view.environment.getValue()).isEqualTo("Sandbox");
        assertThat(com.github.mvysny.kaributesting.v10.ComboBoxKt.getSuggestionItems(view.environment))
                .containsExactly("Production", "Sandbox");
        // one that comes while the page is open is offered after Refresh, not only after a reload
        connections.create(admin, new io.connectionhealth.connection.NewConnection("jira", null, List.of(), List.of(),
                "acme-qa", "Staging"));
        _click(_get(Button.class, spec -> spec.withText("Refresh")));
        assertThat(com.github.mvysny.kaributesting.v10.ComboBoxKt.getSuggestionItems(view.environment))
                .containsExactly("Production", "Sandbox", "Staging");
        _setValue(view.environment, "Production");
        assertThat(rows()).as("the others are Production too, the default").contains(production.id())
                .doesNotContain(sandbox.id()).hasSize(5);
        assertThat(currentLocation()).contains("environment=Production");
    }

    /**
     * A link built with the API's filter names (from a webhook's body, say) filters the list as the page's own names
     * do; one the dashboard has no filter for says so. Both had opened the whole list without a word.
     */
    @Test
    void theApisFilterNamesFilterTheListToo() {
        signIn(Actor.Role.VIEWER);
        navigate("connections?resolution_owner=customer&integration_type=salesforce");
        assertThat(rows()).containsExactly(unauthorized.id());
        assertThat(_get(ConnectionsView.class).owner.getValue()).isEqualTo(ResolutionOwner.CUSTOMER);
        navigate("connections?external_xref=umbrella&is_paused=false");
        assertThat(rows()).containsExactly(failingNow.id());
        expectNotifications();

        navigate("connections?category=crm&owner=customer");
        assertThat(rows()).containsExactly(unauthorized.id());
        expectNotifications("This list is not filtered by category, which the address names: the dashboard has no "
                + "such filter (the API has).");
        navigate("connections?category=crm");
        _click(_get(Button.class, spec -> spec.withId("count-unhealthy_now")));
        expectNotifications(); // gone with the address it was about
    }

    /** The scroll bar spans the list, filtered or not, so its end is one drag away (it grew by 200 rows a time). */
    @Test
    void theGridSpansTheWholeList() {
        for (int i = 0; i < 250; i++) {
            connection("jira", "bulk-" + i);
        }
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        assertThat(length(grid)).isEqualTo(254);
        navigate("connections?q=bulk-24");
        assertThat(length(_get(Grid.class))).as("bulk-24 and bulk-240…249").isEqualTo(11);
        assertThat(rows()).hasSize(11);
        navigate("connections?integration=hubspot");
        assertThat(length(_get(Grid.class))).isEqualTo(2);
        navigate("connections?q=bulk-1");
        assertThat(length(_get(Grid.class))).as("bulk-1, bulk-10…19, bulk-100…199").isEqualTo(111);
        navigate("connections?q=bulk-2");
        assertThat(length(_get(Grid.class))).as("bulk-2, bulk-20…29, bulk-200…249: fewer than two pages").isEqualTo(61);
    }

    @Test
    void listsTheWorkspacesConnectionsOnly() {
        signIn(Actor.Role.VIEWER);
        String otherWorkspace = workspaces.create("Other").id();
        connections.create(Actor.system(otherWorkspace), new io.connectionhealth.connection.NewConnection(
                "hubspot", null, List.of(), List.of(), "not-mine", null));
        navigate("connections");
        _assertOne(ConnectionsView.class);
        assertThat(rows()).containsExactlyInAnyOrder(healthy.id(), unauthorized.id(), fresh.id(), failingNow.id());
    }

    @Test
    void theHealthColumnSaysWhoActsAndWhoseCredentialsWereUpdated() {
        signIn(Actor.Role.ADMIN);
        navigate("connections?status=unhealthy");
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        assertThat(healthText(grid)).isEqualTo("UNAUTHORIZED | Customer acts");
        clock.advance(java.time.Duration.ofSeconds(5));
        connections.update(admin, unauthorized.id(),
                new io.connectionhealth.connection.ConnectionUpdate(null, null, null, null, null, true));
        navigate("connections?status=unhealthy&q=globex");
        assertThat(healthText(_get(Grid.class))).isEqualTo("UNAUTHORIZED | Customer acts · credentials updated");
    }

    @Test
    void theLastFailuresCodeIsGreyedWhereTheConnectionIsHealthyAgain() {
        Connection recovered = withCalls(connection("jira", "recovered-co"), 401, 200);
        signIn(Actor.Role.VIEWER);
        navigate("connections?q=recovered-co");
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        Span code = (Span) GridKt._getCellComponent(grid, 0, "code");
        assertThat(code.getText()).isEqualTo("401");
        assertThat(code.getClassNames()).contains(com.vaadin.flow.theme.lumo.LumoUtility.TextColor.SECONDARY);
        assertThat(ConnectionsView.codeTooltip(_findAll(grid).getFirst())).isEqualTo(
                "HTTP 401, the last unhealthy signal's; the connection is healthy again");
        assertThat(_findAll(grid).getFirst().id()).isEqualTo(recovered.id());

        navigate("connections?q=globex");
        Span failing = (Span) GridKt._getCellComponent(_get(Grid.class), 0, "code");
        assertThat(failing.getText()).isEqualTo("401");
        assertThat(failing.getClassNames()).doesNotContain(com.vaadin.flow.theme.lumo.LumoUtility.TextColor.SECONDARY);
    }

    private static String healthText(Grid<?> grid) {
        return GridKt._getCellComponent(grid, 0, "health").getChildren().map(line -> line.getElement().getText())
                .collect(java.util.stream.Collectors.joining(" | "));
    }

    @Test
    void theStartPageIsTheConnectionList() {
        signIn(Actor.Role.VIEWER);
        navigate("");
        _assertOne(ConnectionsView.class);
    }

    @Test
    void eachFilterComesFromTheUrl() {
        signIn(Actor.Role.VIEWER);
        navigate("connections?status=unhealthy");
        assertThat(rows()).containsExactly(unauthorized.id());
        assertThat(_get(ConnectionsView.class).status.getValue()).containsExactly(ConnectionStatus.UNHEALTHY);

        navigate("connections?status=unhealthy_now");
        assertThat(rows()).containsExactly(failingNow.id());

        navigate("connections?status=healthy,new");
        assertThat(rows()).containsExactlyInAnyOrder(healthy.id(), fresh.id());

        navigate("connections?owner=customer");
        assertThat(rows()).containsExactly(unauthorized.id());
        assertThat(_get(ConnectionsView.class).owner.getValue()).isEqualTo(ResolutionOwner.CUSTOMER);

        navigate("connections?health=internal_error");
        assertThat(rows()).containsExactly(failingNow.id());
        assertThat(_get(ConnectionsView.class).health.getValue()).isEqualTo(HealthName.INTERNAL_ERROR);

        navigate("connections?integration=hubspot");
        assertThat(rows()).containsExactlyInAnyOrder(healthy.id(), fresh.id());
        assertThat(_get(ConnectionsView.class).integration.getValue()).isEqualTo("hubspot");

        navigate("connections?q=GLOBEX");
        assertThat(rows()).containsExactly(unauthorized.id());
        assertThat(_get(ConnectionsView.class).query.getValue()).isEqualTo("GLOBEX");
        assertThat(_get(ConnectionsView.class).query.isInvalid()).isFalse();

        // more than ten words: the field says only the first ten are searched, and they are
        navigate("connections?q=GLOBEX+sales+force+glob+lobe+obex+sal+les+for+rce+zzz");
        assertThat(rows()).containsExactly(unauthorized.id());
        assertThat(_get(ConnectionsView.class).query.isInvalid()).isTrue();
        assertThat(_get(ConnectionsView.class).query.getErrorMessage()).isEqualTo("Only the first 10 words are searched");

        navigate("connections?status=nonsense&owner=nobody&paused=maybe");
        assertThat(rows()).hasSize(4);

        // a NUL, which PostgreSQL refuses in a query (the page failed there): ignored, as an unknown value is
        navigate("connections?q=%00&integration=a%00");
        assertThat(rows()).hasSize(4);
        assertThat(_get(ConnectionsView.class).query.getValue()).isEmpty();
    }

    @Test
    void thePausedFilterSeparatesThePausedOnes() {
        connections.update(admin, unauthorized.id(), new io.connectionhealth.connection.ConnectionUpdate(null, null, null,
                null, true, false));
        signIn(Actor.Role.VIEWER);
        navigate("connections?paused=TRUE");
        assertThat(rows()).as("in any case, as the API takes it").containsExactly(unauthorized.id());
        navigate("connections?paused=true");
        assertThat(rows()).containsExactly(unauthorized.id());
        ConnectionsView view = _get(ConnectionsView.class);
        assertThat(view.paused.getValue()).isTrue();
        _setValue(view.paused, Boolean.FALSE);
        assertThat(currentLocation()).isEqualTo("connections?paused=false");
        assertThat(rows()).containsExactlyInAnyOrder(healthy.id(), fresh.id(), failingNow.id());
        _setValue(view.paused, null);
        assertThat(currentLocation()).isEqualTo("connections");
        assertThat(rows()).hasSize(4);
    }

    @Test
    void theIntegrationFilterOffersTheWorkspacesTypesNarrowedByWhatIsTyped() {
        signIn(Actor.Role.VIEWER);
        connections.create(Actor.system(workspaces.create("Other").id()), new io.connectionhealth.connection.NewConnection(
                "pipedrive", null, List.of(), List.of(), "not-mine", null));
        navigate("connections");
        ConnectionsView view = _get(ConnectionsView.class);
        assertThat(ComboBoxKt.getSuggestionItems(view.integration)).containsExactly("hubspot", "salesforce", "zendesk");
        ComboBoxKt.setUserInput(view.integration, "SPOT");
        assertThat(ComboBoxKt.getSuggestionItems(view.integration)).containsExactly("hubspot");
    }

    @Test
    void changingAFilterPutsItInTheUrl() {
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        ConnectionsView view = _get(ConnectionsView.class);
        _setValue(view.status, Set.of(ConnectionStatus.UNHEALTHY_NOW));
        assertThat(currentLocation()).isEqualTo("connections?status=unhealthy_now");
        assertThat(rows()).containsExactly(failingNow.id());

        _setValue(view.integration, "zendesk");
        assertThat(currentLocation()).contains("status=unhealthy_now").contains("integration=zendesk");
        assertThat(rows()).containsExactly(failingNow.id());

        _setValue(view.query, "nothing-matches-this");
        assertThat(rows()).isEmpty();
    }

    @Test
    void theCountsFilterWhenClicked() {
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        Button unhealthyNow = _get(Button.class, spec -> spec.withText("Unhealthy now 1"));
        _click(unhealthyNow);
        assertThat(currentLocation()).isEqualTo("connections?status=unhealthy_now");
        assertThat(rows()).containsExactly(failingNow.id());

        _click(_get(Button.class, spec -> spec.withText("Customer 1")));
        assertThat(rows()).containsExactly(unauthorized.id());
        _get(Button.class, spec -> spec.withText("Platform 1"));
        _get(Button.class, spec -> spec.withText("All 4"));
        assertThat(_get(Button.class, spec -> spec.withText("Customer 1")).getThemeNames()).contains("primary");
        // which tile is on, in words too: a screen reader reads every tile alike, whatever its colour
        assertThat(_get(Button.class, spec -> spec.withText("Customer 1")).getElement().getAttribute("aria-pressed"))
                .isEqualTo("true");
        assertThat(_get(Button.class, spec -> spec.withText("All 4")).getElement().getAttribute("aria-pressed"))
                .isEqualTo("false");

        // a search narrows the list: no tile stands for it any more
        navigate("connections?status=unhealthy_now&q=zzz");
        assertThat(_get(Button.class, spec -> spec.withText("Unhealthy now 1")).getThemeNames()).doesNotContain("primary");
        navigate("connections?status=unhealthy_now");
        assertThat(_get(Button.class, spec -> spec.withText("Unhealthy now 1")).getThemeNames()).contains("primary");
    }

    /**
     * The list never moves by itself (the reader's place), but an open page asks every 30 s whether events were recorded
     * since it was read, says how many, and reads the list again on request; it stops asking once left.
     */
    @Test
    void anOpenListSaysWhenItIsBehindAndReadsItAgainOnRequest() {
        signIn(Actor.Role.VIEWER);
        navigate("connections?status=unhealthy_now");
        UI ui = UI.getCurrent();
        assertThat(ui.getPollInterval()).isEqualTo(ConnectionsView.BEHIND_POLL_MILLIS);
        ConnectionsView view = _get(ConnectionsView.class);
        view.sayIfBehind();
        // in the page from the start, empty: a status region read out when its text comes
        Span changed = _get(Span.class, spec -> spec.withId("connections-changed"));
        assertThat(changed.getElement().getAttribute("role")).isEqualTo("status");
        assertThat(changed.getText()).as("nothing happened since").isEmpty();
        _assertNone(Button.class, spec -> spec.withText("Refresh the list"));

        clock.advance(java.time.Duration.ofSeconds(5));
        withCalls(healthy, 401); // it worked before: unhealthy now (one event)
        com.vaadin.flow.component.ComponentUtil.fireEvent(ui, new com.vaadin.flow.component.PollEvent(ui, true));
        assertThat(changed.getText())
                .isEqualTo("1 change to this workspace's connections since this list was read (health, new, edited or "
                        + "deleted ones).");
        // the list and its counts stay as they were read (Karibu's grid helpers would read the list anew)
        _assertOne(Button.class, spec -> spec.withText("Unhealthy now 1"));
        assertThat(_get(Span.class, spec -> spec.withId("connection-matches")).getText()).isEqualTo("1 connection");

        _click(_get(Button.class, spec -> spec.withText("Refresh the list")));
        assertThat(rows()).containsExactlyInAnyOrder(failingNow.id(), healthy.id());
        _assertOne(Button.class, spec -> spec.withText("Unhealthy now 2"));
        assertThat(changed.getText()).isEmpty();
        _assertNone(Button.class, spec -> spec.withText("Refresh the list"));

        navigate("logs");
        assertThat(ui.getPollInterval()).as("left: no more asking").isEqualTo(-1);
    }

    /** Another order reads the list anew: its "As of" time, the tiles and the note on changes follow. */
    @Test
    void sortingReadsTheListAgainWithItsCountsAndTime() {
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        UI ui = UI.getCurrent();
        clock.advance(java.time.Duration.ofSeconds(5));
        withCalls(healthy, 401);
        com.vaadin.flow.component.ComponentUtil.fireEvent(ui, new com.vaadin.flow.component.PollEvent(ui, true));
        Span changed = _get(Span.class, spec -> spec.withId("connections-changed"));
        assertThat(changed.getText()).startsWith("1 change");
        _assertOne(Button.class, spec -> spec.withText("Unhealthy now 1"));

        clock.advance(java.time.Duration.ofSeconds(5));
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        grid.sort(GridSortOrder.desc(grid.getColumnByKey("last_unhealthy_at")).build());
        assertThat(changed.getText()).isEmpty();
        _assertNone(Button.class, spec -> spec.withText("Refresh the list"));
        _assertOne(Button.class, spec -> spec.withText("Unhealthy now 2"));
        assertThat(_get(Span.class, spec -> spec.withId("connections-as-of")).getText())
                .startsWith("As of " + io.connectionhealth.base.ui.Formats.exact(clock.instant()) + ".");
    }

    /**
     * A late healthy call moves a connection that never worked from Unhealthy to Unhealthy now, and SPEC §4 has no event
     * for that: the open list still says that it is behind, from the counts it shows.
     */
    @Test
    void aStatusMoveWithoutAnEventAlsoSaysTheListIsBehind() {
        signIn(Actor.Role.VIEWER);
        navigate("connections?status=unhealthy");
        UI ui = UI.getCurrent();
        Span changed = _get(Span.class, spec -> spec.withId("connections-changed"));
        clock.advance(java.time.Duration.ofSeconds(5));
        Instant readAt = clock.instant();

        post(call(unauthorized.id(), readAt.minusSeconds(3600), 200)); // worked an hour before it failed
        assertThat(connections.get(admin, unauthorized.id()).status()).isEqualTo(ConnectionStatus.UNHEALTHY_NOW);
        assertThat(context.getBean(EventLog.class).countAfter(admin, readAt.minusSeconds(1), 10))
                .as("no event for this move").isZero();
        com.vaadin.flow.component.ComponentUtil.fireEvent(ui, new com.vaadin.flow.component.PollEvent(ui, true));
        assertThat(changed.getText()).startsWith("1 change to this workspace's connections since this list was read");
        _click(_get(Button.class, spec -> spec.withText("Refresh the list")));
        assertThat(rows()).isEmpty();
        assertThat(changed.getText()).isEmpty();
    }

    /** Moves between the status counts: each connection that left one status and entered another is one. */
    @Test
    void movesBetweenCountsAreTheConnectionsThatMoved() {
        ConnectionCounts before = new ConnectionCounts(Map.of(ConnectionStatus.UNHEALTHY, 5L,
                ConnectionStatus.UNHEALTHY_NOW, 2L), Map.of(ResolutionOwner.CUSTOMER, 7L));
        assertThat(ConnectionsView.movesBetween(before, before)).isZero();
        assertThat(ConnectionsView.movesBetween(before, new ConnectionCounts(Map.of(ConnectionStatus.UNHEALTHY, 2L,
                ConnectionStatus.UNHEALTHY_NOW, 5L), Map.of(ResolutionOwner.CUSTOMER, 7L)))).isEqualTo(3);
        assertThat(ConnectionsView.movesBetween(before, new ConnectionCounts(Map.of(ConnectionStatus.UNHEALTHY, 5L,
                ConnectionStatus.UNHEALTHY_NOW, 2L, ConnectionStatus.NEW, 1L), Map.of(ResolutionOwner.CUSTOMER, 7L))))
                .as("a new one").isEqualTo(1);
        assertThat(ConnectionsView.movesBetween(before, new ConnectionCounts(before.byStatus(),
                Map.of(ResolutionOwner.CUSTOMER, 6L, ResolutionOwner.VENDOR, 1L)))).as("another owner").isEqualTo(1);
    }

    /** How many connections the filters leave, said beside the list and read out as it changes (an empty list too). */
    @Test
    void theNumberOfMatchesIsSaidAndReadOutAsTheFiltersChange() {
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        Span matches = _get(Span.class, spec -> spec.withId("connection-matches"));
        assertThat(matches.getElement().getAttribute("role")).isEqualTo("status");
        length(grid);
        assertThat(matches.getText()).isEqualTo("4 connections");
        navigate("connections?status=unhealthy_now");
        length(_get(Grid.class));
        assertThat(_get(Span.class, spec -> spec.withId("connection-matches")).getText()).isEqualTo("1 connection");
        _setValue(_get(ConnectionsView.class).query, "nothing-matches-this");
        length(_get(Grid.class));
        assertThat(_get(Span.class, spec -> spec.withId("connection-matches")).getText()).isEqualTo("0 connections");
    }

    @Test
    void refreshReadsTheListAndTheCountsAgain() {
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        _get(Button.class, spec -> spec.withText("All 4"));
        Connection added = connection("pipedrive", "hooli");
        _click(_get(Button.class, spec -> spec.withText("Refresh")));
        _get(Button.class, spec -> spec.withText("All 5"));
        _get(Button.class, spec -> spec.withText("New 2"));
        assertThat(rows()).contains(added.id());
    }

    @Test
    void exportsTheCurrentFilterAsCsvInTheListsOrder() {
        signIn(Actor.Role.VIEWER);
        navigate("connections?owner=customer");
        Anchor export = _get(Anchor.class, spec -> spec.withId("export-csv"));
        assertThat(export.getParent().orElseThrow().getChildren().toList())
                .as("beside the count, ahead of the long lines that wrap (last, it was below the fold at 1366×768)")
                .startsWith(_get(com.vaadin.flow.component.Component.class, spec -> spec.withId("connection-matches")),
                        export);
        String csv = new String(_download(export), StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", ConnectionsCsv.HEADER));
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith(unauthorized.id() + ",salesforce,,globex,Production,,UNHEALTHY,UNAUTHORIZED,CUSTOMER,")
                .contains(",false,");

        navigate("connections");
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        grid.sort(GridSortOrder.desc(grid.getColumnByKey("integration")).build());
        csv = new String(_download(_get(Anchor.class, spec -> spec.withId("export-csv"))), StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n")).extracting(line -> line.split(",")[1])
                .containsExactly("integration_type", "zendesk", "salesforce", "hubspot", "hubspot");
    }

    @Test
    void theExportsSnapshotIsOverBeforeTheDownloadIsWritten() throws java.io.IOException {
        Actor viewer = signIn(Actor.Role.VIEWER);
        java.util.List<Boolean> inTransaction = new java.util.ArrayList<>();
        java.io.StringWriter text = new java.io.StringWriter();
        java.io.Writer download = new java.io.Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                inTransaction.add(org.springframework.transaction.support.TransactionSynchronizationManager
                        .isActualTransactionActive());
                text.write(chars, offset, length);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        int rows = ConnectionsCsv.write(download, connections, viewer,
                io.connectionhealth.connection.ConnectionFilter.ALL, io.connectionhealth.connection.ConnectionSort.DEFAULT, ConnectionsCsv.MAX_ROWS);
        assertThat(rows).isEqualTo(4);
        assertThat(text.toString().split("\r\n")).hasSize(5);
        assertThat(inTransaction).isNotEmpty().doesNotContain(true);

        // no temporary file to be had: the rows are sent as they are read, rather than an empty file
        java.io.StringWriter direct = new java.io.StringWriter();
        assertThat(ConnectionsCsv.write(direct, connections, viewer, io.connectionhealth.connection.ConnectionFilter.ALL,
                io.connectionhealth.connection.ConnectionSort.DEFAULT, ConnectionsCsv.MAX_ROWS,
                java.nio.file.Path.of("/nonexistent-directory-" + java.util.UUID.randomUUID()))).isEqualTo(4);
        assertThat(direct.toString()).isEqualTo(text.toString());
    }

    @Test
    void theLongestSearchFitsTheAddressAReloadSends() {
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        ConnectionsView view = _get(ConnectionsView.class);
        assertThat(view.query.getMaxLength()).isEqualTo(ConnectionsView.MAX_QUERY);
        // three UTF-8 bytes each, nine characters escaped: Vaadin's start-up request carries the address twice more
        // (escaped again, and as the Referer), all within Tomcat's 8 KiB of request line and headers
        _setValue(view.query, "\u4e2d".repeat(ConnectionsView.MAX_QUERY));
        String address = QueryParameters.of(ConnectionsView.QUERY, view.query.getValue()).getQueryString();
        assertThat(address.length()).isGreaterThan(1_800).isLessThan(2_000);
    }

    @Test
    void theListSaysWhenItWasReadAndRefreshReadsItAgain() {
        signIn(Actor.Role.VIEWER);
        clock.set(java.time.Instant.parse("2026-12-04T09:00:00Z"));
        navigate("connections");
        Span asOf = _get(Span.class, spec -> spec.withId("connections-as-of"));
        String first = asOf.getText();
        assertThat(first).matches("As of 2026-12-04 \\d\\d:00:00 [^.]+\\. Rows further down .* Refresh reads the list again\\.");
        clock.advance(java.time.Duration.ofMinutes(90));
        _click(_get(Button.class, spec -> spec.withText("Refresh")));
        assertThat(asOf.getText()).matches("As of 2026-12-04 \\d\\d:30:00 [^.]+\\. Rows further down .* Refresh reads the list again\\.");
    }

    @Test
    void theOrderIsInTheUrlSoThatAReloadOrABookmarkKeepsIt() {
        signIn(Actor.Role.VIEWER);
        navigate("connections?sort=integration_type&order=ASC");
        @SuppressWarnings("unchecked")
        Grid<Connection> upper = _get(Grid.class);
        assertThat(upper.getSortOrder()).as("ASC, as an API link writes it").singleElement()
                .satisfies(order -> assertThat(order.getDirection())
                        .isEqualTo(com.vaadin.flow.data.provider.SortDirection.ASCENDING));
        navigate("connections?sort=integration_type&order=asc");
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        assertThat(grid.getSortOrder()).singleElement().satisfies(order -> {
            assertThat(order.getSorted().getKey()).isEqualTo("integration");
            assertThat(order.getDirection()).isEqualTo(com.vaadin.flow.data.provider.SortDirection.ASCENDING);
        });
        assertThat(_findAll(grid).stream().map(Connection::integrationType))
                .containsExactly("hubspot", "hubspot", "salesforce", "zendesk");

        grid.sort(GridSortOrder.desc(grid.getColumnByKey("last_unhealthy_at")).build());
        _setValue(_get(ConnectionsView.class).status, Set.of(ConnectionStatus.UNHEALTHY_NOW));
        assertThat(currentLocation()).as("a filter set after sorting keeps the order")
                .contains("sort=last_unhealthy_at").contains("order=desc");

        navigate("connections?sort=nonsense");
        assertThat(grid.getSortOrder()).as("an unknown order is the default, like other unknown values").isEmpty();
        assertThat(rows()).hasSize(4);
        navigate("connections?sort=integration_type");
        _click(_get(Button.class, spec -> spec.withText("Clear filters")));
        assertThat(currentLocation()).isEqualTo("connections");
        assertThat(grid.getSortOrder()).isEmpty();
    }

    @Test
    void aTileStandsOutWhateverTheOrderAndKeepsTheOrder() {
        signIn(Actor.Role.VIEWER);
        navigate("connections?owner=customer&sort=last_unhealthy_at&order=desc");
        Button customer = _get(Button.class, spec -> spec.withId("count-owner-customer"));
        assertThat(customer.getThemeNames()).as("a shared link with an order").contains("primary");
        assertThat(_get(Button.class, spec -> spec.withId("count-owner-platform")).getTooltip().getText())
                .as("'Platform' alone read as the vendor's").contains("you, the team operating the integration layer");
        assertThat(customer.getTooltip().getText()).contains("customer must update or re-authorize");

        _click(_get(Button.class, spec -> spec.withId("count-unhealthy_now")));
        assertThat(currentLocation()).contains("status=unhealthy_now").contains("sort=last_unhealthy_at")
                .contains("order=desc").doesNotContain("owner");
        Button pressed = _get(Button.class, spec -> spec.withId("count-unhealthy_now"));
        assertThat(pressed.getThemeNames()).contains("primary");
    }

    @Test
    void enterAfterTypingInHealthOrIntegrationPicksTheOnlyMatch() {
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        ConnectionsView view = _get(ConnectionsView.class);
        ComboBoxKt._fireCustomValueSet(view.health, "unauth");
        assertThat(view.health.getValue()).isEqualTo(HealthName.UNAUTHORIZED);
        assertThat(currentLocation()).contains("health=unauthorized");
        assertThat(rows()).containsExactly(unauthorized.id());

        ComboBoxKt._fireCustomValueSet(view.health, "vendor");
        assertThat(view.health.getValue()).as("two match: the filter stays").isEqualTo(HealthName.UNAUTHORIZED);
        assertThat(view.health.isInvalid()).isTrue();
        assertThat(view.health.getErrorMessage()).startsWith("2 match 'vendor'");
        ComboBoxKt._fireCustomValueSet(view.health, "healthy");
        assertThat(view.health.getValue()).as("a whole name wins").isEqualTo(HealthName.HEALTHY);
        assertThat(view.health.isInvalid()).isFalse();

        ComboBoxKt._fireCustomValueSet(view.integration, "SALES");
        assertThat(view.integration.getValue()).isEqualTo("salesforce");
        ComboBoxKt._fireCustomValueSet(view.integration, "nothing-like-it");
        assertThat(view.integration.getValue()).isEqualTo("salesforce");
        assertThat(view.integration.getErrorMessage()).isEqualTo("Nothing here matches 'nothing-like-it'");
    }

    @Test
    void theIntegrationShowsItsTypeOnlyWhereItsNameDoesNotSayIt() {
        assertThat(ConnectionsView.integrationLabel(named("okta", "Okta"))).isEqualTo("Okta");
        assertThat(ConnectionsView.integrationLabel(named("google-drive", "Google Drive"))).isEqualTo("Google Drive");
        assertThat(ConnectionsView.integrationLabel(named("quickbooks", "QuickBooks Online"))).isEqualTo("QuickBooks Online");
        assertThat(ConnectionsView.integrationLabel(named("salesforce", "Sales Cloud")))
                .isEqualTo("Sales Cloud (salesforce)");
        assertThat(ConnectionsView.integrationLabel(named("hubspot", null))).isEqualTo("hubspot");
        assertThat(ConnectionsView.integrationLabel(named("ms", "Microsoft Teams"))).isEqualTo("Microsoft Teams (ms)");
        assertThat(ConnectionsView.integrationLabel(named("::", "Odd"))).isEqualTo("Odd (::)");
    }

    @Test
    void aLongNameOrCustomerIsClippedInTheGridAndWhole() {
        signIn(Actor.Role.ADMIN);
        Connection longOne = connections.create(Actor.system(workspaceId), new io.connectionhealth.connection.NewConnection(
                "hubspot", "N".repeat(199), List.of(), List.of(), "x".repeat(247), null));
        navigate("connections?q=" + "x".repeat(10));
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        assertThat(_findAll(grid)).extracting(Connection::id).containsExactly(longOne.id());
        String integration = GridKt._getFormatted(grid, 0, "integration");
        String customer = GridKt._getFormatted(grid, 0, "customer");
        assertThat(integration).hasSize(ConnectionsView.CELL_CHARACTERS).startsWith("NNN").endsWith("…");
        assertThat(customer).hasSize(ConnectionsView.CELL_CHARACTERS).endsWith("…");
        assertThat(grid.getColumnByKey("customer").getTooltipGenerator().apply(longOne)).isEqualTo("x".repeat(247));
        assertThat(grid.getColumnByKey("integration").getTooltipGenerator().apply(longOne))
                .isEqualTo("N".repeat(199) + " (hubspot)");
        assertThat(Formats.clipped("ab😀cd", 4)).isEqualTo("ab😀…");
        assertThat(Formats.clipped("abcd", 4)).isEqualTo("abcd");
        assertThat(Formats.clipped(null, 4)).isNull();
    }

    private static Connection named(String type, String name) {
        return new Connection("id", "ws", type, name, List.of(), List.of(), null, "Production", false, null, null, null,
                null, null, null, ConnectionStatus.NEW, null);
    }

    @Test
    void backFromAConnectionShowsTheListWhereItWasLeft() {
        List<Connection> many = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(connection("hubspot", String.format("bulk-%03d", i)));
        }
        signIn(Actor.Role.ADMIN);
        navigate("connections?q=bulk&sort=integration_type&order=asc");
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        List<String> shown = _findAll(grid).stream().map(Connection::id).toList();
        assertThat(shown).hasSize(300);
        _clickItem(grid, 150);
        _assertOne(ConnectionDetailView.class);
        pendingJavaScript();

        // the browser's Back: the list scrolls back to the row, two rows above it still in sight
        UI ui = UI.getCurrent();
        ui.getInternals().getRouter().navigate(ui, new Location("connections",
                QueryParameters.fromString("q=bulk&sort=integration_type&order=asc")), NavigationTrigger.HISTORY);
        assertThat(scrolledTo()).containsExactly(148);
        _assertOne(ConnectionsView.class);
        assertThat(length(_get(Grid.class))).as("still the list's own length").isEqualTo(300);

        // the drawer's link, or Back to another filter: the list's top
        _clickItem(_get(Grid.class), 150);
        navigate("connections?q=bulk&sort=integration_type&order=asc");
        assertThat(scrolledTo()).isEmpty();
        _clickItem(_get(Grid.class), 150);
        ui.getInternals().getRouter().navigate(ui, new Location("connections", QueryParameters.fromString("q=bulk")),
                NavigationTrigger.HISTORY);
        assertThat(scrolledTo()).isEmpty();

        // deleting it returns to the same place, where the next row now is
        navigate("connections?q=bulk&sort=integration_type&order=asc");
        _clickItem(_get(Grid.class), 150);
        _click(_get(Button.class, spec -> spec.withId("delete")));
        _click(_get(io.connectionhealth.base.ui.Confirmation.class).confirm);
        assertThat(scrolledTo()).containsExactly(148);
        assertThat(currentLocation()).isEqualTo("connections?q=bulk&sort=integration_type&order=asc");
    }

    /** The rows the server asked the grid to scroll to since the previous call. */
    /** A sorter clicked shows the new order from its start, where the grid had kept its scroll place. */
    @Test
    void anotherOrderStartsAtTheTop() {
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        pendingJavaScript();
        var order = List.of(new GridSortOrder<>(grid.getColumnByKey("last_unhealthy_at"),
                com.vaadin.flow.data.provider.SortDirection.DESCENDING));
        grid.sort(order);
        assertThat(scrolledTo()).as("set from the address: its place kept").isEmpty();
        com.vaadin.flow.component.ComponentUtil.fireEvent(grid,
                new com.vaadin.flow.data.event.SortEvent<>(grid, order, true));
        assertThat(scrolledTo()).containsExactly(0);
    }

    @Test
    void aRowOpensTheConnection() {
        signIn(Actor.Role.VIEWER);
        navigate("connections?status=unhealthy");
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        _clickItem(grid, 0);
        _assertOne(ConnectionDetailView.class);
        assertThat(currentLocation()).isEqualTo("connections/" + unauthorized.id());
    }
}
