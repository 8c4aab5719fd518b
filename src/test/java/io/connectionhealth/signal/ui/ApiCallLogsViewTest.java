package io.connectionhealth.signal.ui;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import io.connectionhealth.base.Actor;
import io.connectionhealth.connection.ui.GuidancePanel;
import io.connectionhealth.base.ui.KaribuTest;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.NewConnection;
import io.connectionhealth.connection.ui.ConnectionDetailView;
import io.connectionhealth.signal.ApiCall;
import io.connectionhealth.signal.ApiCallFilter;
import io.connectionhealth.signal.ApiCallInput;
import io.connectionhealth.signal.ApiCallType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.github.mvysny.kaributesting.v10.BasicUtilsKt.get_textRecursively;
import static com.github.mvysny.kaributesting.v10.ComboBoxKt.getSuggestionItems;
import static com.github.mvysny.kaributesting.v10.ComboBoxKt.setUserInput;
import static com.github.mvysny.kaributesting.v10.DownloadKt._download;
import static com.github.mvysny.kaributesting.v10.GridKt._clickItem;
import static com.github.mvysny.kaributesting.v10.GridKt._fetch;
import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNoDialogs;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

class ApiCallLogsViewTest extends KaribuTest {

    private Connection hubspot;
    private Connection zendesk;
    private Instant t0;

    @BeforeEach
    void data() {
        hubspot = connection("hubspot", "acme");
        zendesk = connection("zendesk", "globex");
        Instant now = clock.instant();
        t0 = now.minusSeconds(3600);
        clock.set(t0.plusSeconds(300)); // stored when they happened, not an hour later
        post(calls(hubspot.id(), t0, ApiCallType.INBOUND, "GET", "/crm/contacts", 200, null),
                calls(hubspot.id(), t0.plusSeconds(60), ApiCallType.INBOUND, "POST", "/crm/deals", 401, "token expired"),
                calls(zendesk.id(), t0.plusSeconds(120), ApiCallType.WEBHOOK, "POST", "/hooks/ticket", 429, "slow down"),
                calls(zendesk.id(), t0.plusSeconds(180), ApiCallType.INBOUND, "GET", "/tickets", null, null),
                calls(null, t0.plusSeconds(240), ApiCallType.LOGIN, "POST", "/oauth/token", 400,
                        "<img src=x onerror=alert(1)>bad, \"quoted\"\nsecond line"));
        clock.set(now);
    }

    private static ApiCallInput calls(String connectionId, Instant at, ApiCallType type, String method, String path,
                                      Integer status, String error) {
        return new ApiCallInput(null, connectionId, at, type, method, path, status, status == null, error, null, 80L,
                null, null);
    }

    @SuppressWarnings("unchecked")
    /** A workspace without calls says how they come in; with calls, an empty list is the filters'. */
    @Test
    void anEmptyLogSaysHowCallsComeIn() {
        workspaceId = workspaces.create("New install").id();
        signIn(Actor.Role.ADMIN);
        navigate("logs");
        assertThat(_findAll(grid())).isEmpty();
        assertThat(grid().getEmptyStateText()).isEqualTo(ApiCallLogsView.NONE_YET).contains("POST /api/v1/apicalls");
    }

    /** On a tablet or phone, Status and Classification come closer. */
    @Test
    void aNarrowWindowHidesTheColumnsItCanSpare() {
        signIn(Actor.Role.VIEWER);
        navigate("logs");
        _get(ApiCallLogsView.class).fitTo(1024);
        assertThat(grid().getColumns().stream().filter(c -> c.isVisible()).map(c -> c.getKey()))
                .containsExactly("time", "connection", "request", "status", "classification");
        _get(ApiCallLogsView.class).fitTo(1920);
        assertThat(grid().getColumnByKey("duration").isVisible()).isTrue();
    }

    /** On a phone a call's status and why come right after its time (the status had been cut off at 390 px). */
    @Test
    void aPhoneShowsTheStatusAndWhyAfterTheTime() {
        signIn(Actor.Role.VIEWER);
        navigate("logs?connection=" + hubspot.id());
        _get(ApiCallLogsView.class).fitTo(390);
        assertThat(grid().getColumns().stream().filter(c -> c.isVisible()).map(c -> c.getKey()))
                .as("the connection's own column is hidden while the list is filtered to it")
                .containsExactly("time", "status", "classification", "request");
        assertThat(grid().getColumnByKey("time").getWidth()).isEqualTo("11rem");
        assertThat(_get(ApiCallLogsView.class).integration.getWidth()).as("two filters to a line")
                .isEqualTo(io.connectionhealth.base.ui.WindowWidth.HALF_A_ROW);
        assertThat(_get(ApiCallLogsView.class).range.getWidth()).isEqualTo(io.connectionhealth.base.ui.WindowWidth.HALF_A_ROW);
        _get(ApiCallLogsView.class).fitTo(1920);
        assertThat(_get(ApiCallLogsView.class).integration.getWidth()).isEqualTo("10em");
        assertThat(grid().getColumns().stream().map(c -> c.getKey())).containsExactly("time", "connection",
                "integration", "type", "request", "status", "duration", "classification");
        assertThat(grid().getColumnByKey("time").getWidth()).isEqualTo("12rem");
    }

    /**
     * A link built with the API's filter names filters the log as the page's own names do; the API's calls without an
     * error, which the page cannot list, is said to be left out. Both had opened the whole log without a word.
     */
    @Test
    void theApisFilterNamesFilterTheLogToo() {
        signIn(Actor.Role.VIEWER);
        navigate("logs?connection_id=" + hubspot.id() + "&error=true");
        assertThat(paths()).containsExactly("/crm/deals");
        assertThat(_get(ApiCallLogsView.class).errorsOnly.getValue()).isTrue();
        navigate("logs?created_gte=" + t0.plusSeconds(100) + "&created_lte=" + t0.plusSeconds(150));
        assertThat(paths()).containsExactly("/hooks/ticket");
        expectNotifications();
        // with an offset, as the API takes it ("+0100" as Python's %z writes it too)
        java.time.format.DateTimeFormatter pythonZ = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");
        navigate("logs?created_gte=" + java.net.URLEncoder.encode(t0.plusSeconds(100).atOffset(java.time.ZoneOffset
                .ofHours(1)).format(pythonZ), java.nio.charset.StandardCharsets.UTF_8) + "&created_lte="
                + java.net.URLEncoder.encode(t0.plusSeconds(150).atOffset(java.time.ZoneOffset.ofHours(-5)).toString(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(paths()).containsExactly("/hooks/ticket");
        // the API's calls without an error: the page has no such filter
        navigate("logs?connection_id=" + hubspot.id() + "&error=false");
        assertThat(paths()).containsExactly("/crm/deals", "/crm/contacts");
        expectNotifications("This list is not filtered by error=false, which the address names: the dashboard "
                + "has no such filter (the API has).");

        navigate("logs?integration_type=zendesk&errors=true");
        assertThat(paths()).containsExactly("/tickets", "/hooks/ticket");
        assertThat(_get(ApiCallLogsView.class).integration.getValue()).isEqualTo("zendesk");
        expectNotifications();
    }

    /**
     * The calls of one integration (a vendor's bad day across customers): the API had the filter, the page had not,
     * and a link with it opened the whole log under a warning.
     */
    @Test
    void theIntegrationFilterShowsOneIntegrationsCalls() {
        signIn(Actor.Role.VIEWER);
        navigate("logs");
        ApiCallLogsView view = _get(ApiCallLogsView.class);
        assertThat(ComboBoxKt.getSuggestionItems(view.integration)).containsExactly("hubspot", "zendesk");
        ComboBoxKt._fireCustomValueSet(view.integration, "zen"); // typed, then Enter: the one that matches
        assertThat(view.integration.getValue()).isEqualTo("zendesk");
        assertThat(paths()).containsExactly("/tickets", "/hooks/ticket");
        assertThat(currentLocation()).contains("integration=zendesk");
        assertThat(grid().getColumnByKey("integration").isVisible()).as("it would repeat the filter on each row")
                .isFalse();
        assertThat(view.total.getText()).isEqualTo("2 calls");

        _setValue(view.status, "4xx");
        assertThat(paths()).containsExactly("/hooks/ticket");
        _setValue(view.integration, null);
        assertThat(paths()).containsExactly("/oauth/token", "/hooks/ticket", "/crm/deals");
        assertThat(grid().getColumnByKey("integration").isVisible()).isTrue();

        // one that comes while the page is open is offered after Refresh, and a deleted connection's, whose calls stay
        connection("salesforce", "initech");
        Connection deleted = connection("pipedrive", "umbrella");
        post(call(deleted.id(), clock.instant().minusSeconds(5), 200));
        connections.delete(admin, deleted.id());
        _click(_get(Button.class, spec -> spec.withText("Refresh")));
        assertThat(ComboBoxKt.getSuggestionItems(view.integration))
                .containsExactly("hubspot", "pipedrive", "salesforce", "zendesk");
    }

    /** A connection that reports job runs only had opened its calls to "no match" without a hint where to look. */
    @Test
    void aConnectionWithoutCallsSaysWhereItsJobRunsAre() {
        Connection syncOnly = connection("crowdstrike", "rekall");
        signIn(Actor.Role.VIEWER);
        navigate("logs?connection=" + syncOnly.id());
        assertThat(_findAll(grid())).isEmpty();
        assertThat(grid().getEmptyStateText()).isEqualTo(ApiCallLogsView.NONE_FOR_CONNECTION)
                .contains("job runs lists them on its page");
        navigate("logs?connection=" + syncOnly.id() + "&errors=true");
        assertThat(grid().getEmptyStateText()).as("other filters may hide its calls").isEqualTo(ApiCallLogsView.NO_MATCH);
    }

    @Test
    void aFilterThatMatchesNothingSaysSo() {
        signIn(Actor.Role.ADMIN);
        navigate("logs?status=503");
        assertThat(_findAll(grid())).isEmpty();
        assertThat(grid().getEmptyStateText()).isEqualTo(ApiCallLogsView.NO_MATCH);
    }

    /** Oldest first, clicked, shows the list from its start, where the grid had kept its scroll place (row 27,678). */
    @Test
    void anotherOrderStartsAtTheTop() {
        signIn(Actor.Role.VIEWER);
        navigate("logs");
        pendingJavaScript();
        var order = List.of(new com.vaadin.flow.component.grid.GridSortOrder<>(grid().getColumnByKey("time"),
                com.vaadin.flow.data.provider.SortDirection.ASCENDING));
        com.vaadin.flow.component.ComponentUtil.fireEvent(grid(),
                new com.vaadin.flow.data.event.SortEvent<>(grid(), order, true));
        assertThat(scrolledTo()).contains(0);
    }

    private static Grid<ApiCall> grid() {
        return _get(ApiCallLogsView.class).grid;
    }

    private static List<String> paths() {
        return _findAll(grid()).stream().map(ApiCall::path).toList();
    }

    @Test
    void newestFirstWithTheRetentionNote() {
        signIn(Actor.Role.VIEWER);
        navigate("logs");
        assertThat(paths()).containsExactly("/oauth/token", "/tickets", "/hooks/ticket", "/crm/deals", "/crm/contacts");
        assertThat(_get(Span.class, spec -> spec.withId("retention-note")).getText()).contains("60 days");
        assertThat(_get(Span.class, spec -> spec.withId("call-count")).getText()).isEqualTo("5 calls");
        assertThat(_get(Span.class, spec -> spec.withId("call-count")).getElement().getAttribute("role"))
                .as("read out as a filter changes it").isEqualTo("status");
        assertThat(_getFormatted(grid(), 1, "connection")).as("set apart from the id: a right-to-left customer had "
                + "moved its digits").startsWith("\u2068globex\u2069 · ");
        assertThat(_getFormatted(grid(), 0, "connection")).as("a call without a connection").isEqualTo("—");
    }

    @Test
    void aCallWithoutMethodOrPathReadsSoAndItsDialogNamesTheConnectionsCustomer() {
        post(calls(hubspot.id(), t0.plusSeconds(270), ApiCallType.INBOUND, null, null, 200, null),
                calls(hubspot.id(), t0.plusSeconds(280), ApiCallType.INBOUND, null, "/b1", 200, null));
        signIn(Actor.Role.VIEWER);
        navigate("logs?connection=" + hubspot.id());
        assertThat(_getFormatted(grid(), 0, "request")).isEqualTo("/b1");
        assertThat(_getFormatted(grid(), 1, "request")).isEqualTo("—");
        assertThat(_getFormatted(grid(), 2, "request")).isEqualTo("POST /crm/deals");

        _clickItem(grid(), 1);
        Dialog dialog = _get(Dialog.class);
        assertThat(dialog.getHeaderTitle()).isEqualTo("API call");
        // the customer is the connection's; the call's own external_xref is another field, empty here
        Span customer = _get(dialog, Span.class, spec -> spec.withText("acme"));
        assertThat(customer.getParent().orElseThrow().getElement().getTextRecursively())
                .contains("Customer (the connection's external_xref)");
    }

    @Test
    void theLineUnderTheGridCountsFromTheFirstPageOrByCounting() {
        List<ApiCallInput> more = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            more.add(calls(hubspot.id(), t0.plusSeconds(300 + i), ApiCallType.INBOUND, "GET",
                    i < 70 ? "/crm/more" : "/crm/other", 200, null));
        }
        post(more.toArray(ApiCallInput[]::new));
        signIn(Actor.Role.VIEWER);

        // a full first page: the rest is counted
        navigate("logs?connection=" + hubspot.id());
        assertThat(_fetch(grid(), 0, 50)).hasSize(50);
        assertThat(_get(Span.class, spec -> spec.withId("call-count")).getText()).isEqualTo("132 calls");

        // a first page that is not full holds them all
        navigate("logs?status=429");
        assertThat(_fetch(grid(), 0, 50)).hasSize(1);
        assertThat(_get(Span.class, spec -> spec.withId("call-count")).getText()).isEqualTo("1 call");
        navigate("logs?status=418");
        assertThat(_fetch(grid(), 0, 50)).isEmpty();
        assertThat(_get(Span.class, spec -> spec.withId("call-count")).getText()).isEqualTo("0 calls");

        // a later page of the same filter does not change it
        navigate("logs");
        assertThat(_fetch(grid(), 0, 50)).hasSize(50);
        assertThat(_fetch(grid(), 100, 50)).hasSize(35);
        assertThat(_get(Span.class, spec -> spec.withId("call-count")).getText()).isEqualTo("135 calls");
        pendingJavaScript(); // runs what waits for the response, as a request from the browser would
        assertThat(length(grid())).as("the scroll bar spans the matches").isEqualTo(135);
        ApiCallLogsView view = _get(ApiCallLogsView.class);
        // another filter in the same view spans its own matches at once: it had kept the last one's length, so dragging
        // to its end read pages backwards from there (minutes on a large log)
        _setValue(view.status, "429");
        assertThat(length(grid())).isEqualTo(1);
        assertThat(_fetch(grid(), 0, 50)).hasSize(1);
        _setValue(view.status, "");
        assertThat(length(grid())).isEqualTo(135);
        _setValue(view.path, "/crm/other");
        assertThat(length(grid())).as("fewer than two pages: as an estimate, 200 more").isEqualTo(60);
        _setValue(view.path, "");
        assertThat(_fetch(grid(), 100, 50)).hasSize(35);
        Span cut = view.exportCut;
        assertThat(cut.isVisible()).as("the file holds them all").isFalse();

        // more than a file takes (a hundred thousand calls, counted here without storing them)
        view.showCount(ApiCallFilter.ALL, ApiCallLogsView.COUNT_CAP);
        assertThat(_get(Span.class, spec -> spec.withId("call-count")).getText()).isEqualTo("100,000 or more calls");
        assertThat(cut.isVisible()).isTrue();
        assertThat(cut.getText()).isEqualTo("the file holds the first 100,000 in the list's order; narrow the filter "
                + "(a time range) for the rest");
    }

    @Test
    void anImpossibleFilterSaysWhy() {
        signIn(Actor.Role.VIEWER);
        navigate("logs?from=" + t0.plusSeconds(120) + "&to=" + t0.plusSeconds(60));
        ApiCallLogsView view = _get(ApiCallLogsView.class);
        assertThat(view.to.isInvalid()).isTrue();
        assertThat(view.to.getI18n().getMinErrorMessage()).isEqualTo("Before From: no call can match");

        navigate("logs?errors=true");
        _setValue(view.status, "999");
        assertThat(currentLocation()).as("applied as typed, as the URL would").isEqualTo("logs?errors=true&status=999");
        assertThat(view.status.isInvalid()).isTrue();
        assertThat(view.status.getErrorMessage()).isEqualTo("An HTTP status is 100–599: no call can match");
        assertThat(_fetch(grid(), 0, 50)).isEmpty();
        _setValue(view.errorsOnly, false);
        assertThat(currentLocation()).as("the other filters still apply").isEqualTo("logs?status=999");
        _setValue(view.status, "429");
        assertThat(currentLocation()).contains("status=429");
        assertThat(view.status.isInvalid()).isFalse();
        // neither a status nor a class: not applied, and the field says what it takes
        _setValue(view.status, "4x");
        assertThat(currentLocation()).contains("status=429");
        assertThat(view.status.getErrorMessage()).isEqualTo("Type a status (401) or a class (4xx)");
        navigate("logs?status=banana");
        assertThat(view.status.getValue()).as("in a hand-edited address: any").isNull();
    }

    @Test
    void typingAPathFiltersAtOnceWithoutANavigation() {
        signIn(Actor.Role.VIEWER);
        navigate("logs?errors=true");
        ApiCallLogsView view = _get(ApiCallLogsView.class);
        _setValue(view.path, "crm");
        assertThat(paths()).containsExactly("/crm/deals");
        assertThat(currentLocation()).as("written in the browser's history (TypingHistory), not a navigation")
                .isEqualTo("logs?errors=true");
        _setValue(view.errorsOnly, false);
        assertThat(currentLocation()).contains("path=crm");
        assertThat(paths()).containsExactly("/crm/deals", "/crm/contacts");

        _setValue(view.path, "   ");
        assertThat(paths()).as("only spaces: no filter, as the address (which drops it) says")
                .containsExactly("/oauth/token", "/tickets", "/hooks/ticket", "/crm/deals", "/crm/contacts");
    }

    @Test
    void oldestFirstIsInTheUrlSoThatAReloadOrABookmarkKeepsIt() {
        signIn(Actor.Role.VIEWER);
        navigate("logs?order=ASC"); // read in any case, as the Connections view reads it
        assertThat(grid().getSortOrder()).singleElement().satisfies(order -> {
            assertThat(order.getSorted().getKey()).isEqualTo("time");
            assertThat(order.getDirection()).isEqualTo(com.vaadin.flow.data.provider.SortDirection.ASCENDING);
        });
        assertThat(paths()).containsExactly("/crm/contacts", "/crm/deals", "/hooks/ticket", "/tickets", "/oauth/token");
        _setValue(_get(ApiCallLogsView.class).errorsOnly, true);
        assertThat(currentLocation()).as("a filter set after sorting keeps the order").contains("order=asc");

        navigate("logs");
        assertThat(grid().getSortOrder()).as("newest first, the default, shown by the Time column's arrow")
                .singleElement().satisfies(order -> assertThat(order.getDirection())
                        .isEqualTo(com.vaadin.flow.data.provider.SortDirection.DESCENDING));
        assertThat(paths()).containsExactly("/oauth/token", "/tickets", "/hooks/ticket", "/crm/deals", "/crm/contacts");
        assertThat(currentLocation()).isEqualTo("logs");
        navigate("logs?order=sideways");
        assertThat(grid().getSortOrder().getFirst().getDirection()).as("an unknown order is the default")
                .isEqualTo(com.vaadin.flow.data.provider.SortDirection.DESCENDING);

        // the sorter's third click (no order) toggles to oldest first instead of newest first under no arrow
        ComponentUtil.fireEvent(grid(), new com.vaadin.flow.data.event.SortEvent<>(grid(), List.of(), true));
        assertThat(grid().getSortOrder().getFirst().getDirection())
                .isEqualTo(com.vaadin.flow.data.provider.SortDirection.ASCENDING);
        assertThat(paths()).containsExactly("/crm/contacts", "/crm/deals", "/hooks/ticket", "/tickets", "/oauth/token");
    }

    @Test
    void theRangePickersWriteTimesAsThePageDoes() {
        signIn(Actor.Role.VIEWER);
        navigate("logs");
        ApiCallLogsView view = _get(ApiCallLogsView.class);
        for (var picker : List.of(view.from, view.to)) {
            assertThat(picker.getLocale()).as("24-hour clock").isEqualTo(Locale.UK);
            assertThat(picker.getDatePickerI18n().getDateFormats()).containsExactly("yyyy-MM-dd");
            assertThat(picker.getDatePickerI18n().getFirstDayOfWeek()).as("Monday, as ISO dates go").isEqualTo(1);
            // opened on focus, the calendar took the Tab after a typed date, and the time typed next was lost
            assertThat(picker.isAutoOpen()).as("no calendar on focus").isFalse();
        }
    }

    @Test
    void eachFilterComesFromTheUrl() {
        signIn(Actor.Role.VIEWER);
        navigate("logs?connection=" + hubspot.id());
        assertThat(paths()).containsExactly("/crm/deals", "/crm/contacts");
        assertThat(_get(ApiCallLogsView.class).connection.getValue().id()).isEqualTo(hubspot.id());
        assertThat(_get(ApiCallLogsView.class).connection.getValue().label()).contains("acme");

        navigate("logs?errors=true");
        assertThat(paths()).containsExactly("/oauth/token", "/tickets", "/hooks/ticket", "/crm/deals");
        assertThat(_get(ApiCallLogsView.class).errorsOnly.getValue()).isTrue();

        navigate("logs?status=429");
        assertThat(paths()).containsExactly("/hooks/ticket");
        navigate("logs?type=login");
        assertThat(paths()).containsExactly("/oauth/token");
        navigate("logs?method=get");
        assertThat(paths()).containsExactly("/tickets", "/crm/contacts");
        navigate("logs?path=crm");
        assertThat(paths()).containsExactly("/crm/deals", "/crm/contacts");
        navigate("logs?from=" + t0.plusSeconds(60) + "&to=" + t0.plusSeconds(120));
        assertThat(paths()).containsExactly("/hooks/ticket", "/crm/deals");
        navigate("logs?connection=" + zendesk.id() + "&errors=true&method=POST");
        assertThat(paths()).containsExactly("/hooks/ticket");
        navigate("logs?from=%2B1000000000-01-01T00:00:00Z");
        assertThat(paths()).as("a time no picker can show is ignored, not an error page").hasSize(5);
    }

    @Test
    void aTimeRangeThatEndsNowStaysRelativeInTheUrlAndMovesOnRefresh() {
        clock.set(t0.plusSeconds(150).plus(Duration.ofMinutes(15)));
        signIn(Actor.Role.VIEWER);
        navigate("logs?last=15m");
        ApiCallLogsView view = _get(ApiCallLogsView.class);
        assertThat(view.range.getValue()).isEqualTo(TimeRange.LAST_15_MINUTES);
        assertThat(view.from.isVisible()).as("the pickers are for a custom range").isFalse();
        assertThat(paths()).containsExactly("/oauth/token", "/tickets");

        // the range ends now: a minute later, Refresh drops the call that fell out of it and shows a new one
        clock.advance(Duration.ofSeconds(60));
        post(calls(hubspot.id(), clock.instant().minusSeconds(5), ApiCallType.INBOUND, "GET", "/crm/new", 200, null));
        _click(_get(Button.class, spec -> spec.withText("Refresh")));
        assertThat(paths()).containsExactly("/crm/new", "/oauth/token");
        assertThat(_get(Span.class, spec -> spec.withId("call-count")).getText()).isEqualTo("2 calls");

        _setValue(view.range, TimeRange.LAST_HOUR);
        assertThat(currentLocation()).isEqualTo("logs?last=1h");
        _setValue(view.range, TimeRange.ANY_TIME);
        assertThat(currentLocation()).isEqualTo("logs");
        assertThat(paths()).hasSize(6);
    }

    @Test
    void callsArrivingWhileTheListIsOpenWaitForRefreshSoPagesDoNotShift() {
        // a call dated ahead (clocks differ; up to 5 minutes are taken) is listed like any other
        post(calls(hubspot.id(), clock.instant().plusSeconds(120), ApiCallType.INBOUND, "GET", "/crm/ahead", 200, null));
        signIn(Actor.Role.VIEWER);
        navigate("logs");
        List<String> before = paths();
        assertThat(before).first().isEqualTo("/crm/ahead");
        assertThat(_get(Span.class, spec -> spec.withId("calls-up-to")).getText()).startsWith("received until ");

        clock.advance(Duration.ofSeconds(1));
        post(calls(hubspot.id(), clock.instant(), ApiCallType.INBOUND, "GET", "/crm/arrived", 200, null),
                calls(hubspot.id(), t0.plusSeconds(30), ApiCallType.INBOUND, "GET", "/crm/late", 200, null));
        assertThat(paths()).as("a page read now matches the first one, also with a late call among them")
                .isEqualTo(before);

        _click(_get(Button.class, spec -> spec.withText("Refresh")));
        assertThat(paths()).hasSize(before.size() + 2).contains("/crm/arrived", "/crm/late");
    }

    @Test
    void aCustomRangeUsesThePickersAndStartsFromTheRangeShownBefore() {
        signIn(Actor.Role.VIEWER);
        navigate("logs");
        ApiCallLogsView view = _get(ApiCallLogsView.class);
        _setValue(view.range, TimeRange.CUSTOM);
        assertThat(view.from.isVisible()).isTrue();
        assertThat(currentLocation()).as("nothing to apply yet").isEqualTo("logs");
        _setValue(view.errorsOnly, true);
        assertThat(view.range.getValue()).as("stays open while empty").isEqualTo(TimeRange.CUSTOM);

        clock.advance(java.time.Duration.ofNanos(123_456_789));
        navigate("logs?last=24h");
        _setValue(view.range, TimeRange.CUSTOM);
        assertThat(currentLocation()).startsWith("logs?from=").doesNotContain("last=")
                .as("to the second, as the pickers show it").matches("logs\\?from=[0-9-]+T[0-9%A]+Z");
        assertThat(view.from.getValue()).isNotNull();
        assertThat(paths()).hasSize(5);

        navigate("logs?from=" + t0.plusSeconds(60) + "&to=" + t0.plusSeconds(120));
        assertThat(view.range.getValue()).isEqualTo(TimeRange.CUSTOM);
        _click(_get(Button.class, spec -> spec.withText("Clear filters")));
        assertThat(currentLocation()).isEqualTo("logs");
        assertThat(view.range.getValue()).isEqualTo(TimeRange.ANY_TIME);
        assertThat(view.from.isVisible()).isFalse();
    }

    @Test
    void aFromThatIsNotADateKeepsTheRangeAndItsText() {
        signIn(Actor.Role.VIEWER);
        navigate("logs");
        ApiCallLogsView view = _get(ApiCallLogsView.class);
        _setValue(view.range, TimeRange.CUSTOM);
        _setValue(view.from, LocalDateTime.ofInstant(t0.plusSeconds(60), ZoneOffset.UTC));
        assertThat(currentLocation()).startsWith("logs?from=");
        String before = currentLocation();

        // text that is not a date empties the value; the view asks the browser what its fields hold
        _setValue(view.from, null);
        assertThat(currentLocation()).as("nothing applied before the browser answers").isEqualTo(before);
        view.from.emptied("banana\u001f12:00 AM");
        assertThat(currentLocation()).as("the filter stays").isEqualTo(before);
        assertThat(view.from.isInvalid()).isTrue();
        assertThat(view.from.getErrorMessage()).startsWith("Not a date and time");
        // a date without its time is half of what is needed, and says so
        view.from.emptied("2026-12-02\u001f");
        assertThat(currentLocation()).isEqualTo(before);
        assertThat(view.from.getErrorMessage()).isEqualTo("Give both a date and a time, the time as 24-hour HH:mm or HH:mm:ss (00:00:00 for the start of a day)");

        view.from.emptied("");
        assertThat(currentLocation()).as("emptied on purpose: no lower bound").doesNotContain("from=");
    }

    @Test
    void aToTypedBeforeFromSaysSoAfterAHalfTypedOne() {
        signIn(Actor.Role.VIEWER);
        navigate("logs?from=" + t0.plusSeconds(120));
        ApiCallLogsView view = _get(ApiCallLogsView.class);
        assertThat(view.to.getDateAriaLabel()).as("the halves told apart").hasValue("date");
        assertThat(view.to.getTimeAriaLabel()).hasValue("time");
        assertThat(view.to.getDatePlaceholder()).as("how to type one").isEqualTo("yyyy-mm-dd");
        _setValue(view.to, null);
        view.to.emptied("2026-12-02");
        assertThat(view.to.getErrorMessage()).startsWith("Give both a date and a time");

        _setValue(view.to, view.to.getMin().minusMinutes(1)); // From is its minimum, in the page's zone
        assertThat(currentLocation()).as("applied, as the URL would be").contains("to=");
        assertThat(view.to.isInvalid()).isTrue();
        assertThat(view.to.getErrorMessage()).as("the earlier message does not stand for this one")
                .isEqualTo("Before From: no call can match");

        _setValue(view.to, view.to.getMin().plusMinutes(1));
        assertThat(view.to.isInvalid()).isFalse();
    }

    @Test
    void aDeletedConnectionsLogsStayReachable() {
        connections.delete(admin, hubspot.id());
        signIn(Actor.Role.VIEWER);
        navigate("logs?connection=" + hubspot.id());
        assertThat(paths()).containsExactly("/crm/deals", "/crm/contacts");
        assertThat(_getFormatted(grid(), 0, "connection")).as("the customer and the id's start")
                .isEqualTo("\u2068acme\u2069 · " + hubspot.id().substring(0, 8) + "…");
        assertThat(_get(ApiCallLogsView.class).connection.getValue().label()).as("its customer, as the rows say it")
                .isEqualTo("\u2068acme\u2069 · " + hubspot.id().substring(0, 8) + "… (deleted)");
        navigate("logs?connection=0f0f0f0f-0000-0000-0000-000000000000");
        assertThat(_get(ApiCallLogsView.class).connection.getValue().label()).isEqualTo("0f0f0f0f… (deleted or unknown)");
    }

    @Test
    void changingAFilterPutsItInTheUrl() {
        signIn(Actor.Role.VIEWER);
        navigate("logs");
        ApiCallLogsView view = _get(ApiCallLogsView.class);
        _setValue(view.errorsOnly, true);
        assertThat(currentLocation()).isEqualTo("logs?errors=true");
        _setValue(view.status, "401");
        assertThat(currentLocation()).contains("errors=true").contains("status=401");
        assertThat(paths()).containsExactly("/crm/deals");
        _setValue(view.errorsOnly, false);
        _setValue(view.status, "2xx");
        assertThat(currentLocation()).isEqualTo("logs?status=2xx");
        assertThat(_fetch(grid(), 0, 500)).isNotEmpty().allMatch(c -> c.status() >= 200 && c.status() < 300);
        _setValue(view.status, "4xx");
        assertThat(_fetch(grid(), 0, 500)).isNotEmpty().allMatch(c -> c.status() >= 400 && c.status() < 500)
                .anyMatch(c -> c.status() == 401);
        _setValue(view.status, "401");
        _setValue(view.errorsOnly, true);
        _setValue(view.type, ApiCallType.INBOUND);
        assertThat(currentLocation()).contains("type=inbound");
        assertThat(paths()).containsExactly("/crm/deals");
    }

    @Test
    void theConnectionFilterFindsOneConnectionAmongMany() {
        List<Connection> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(connections.create(admin, new NewConnection(i % 2 == 0 ? "hubspot" : "pipedrive", null, List.of(),
                    List.of(), String.format("customer-%03d", i), null)));
        }
        connections.create(Actor.system(workspaces.create("Other").id()), new NewConnection("hubspot", null, List.of(),
                List.of(), "customer-123", null));
        signIn(Actor.Role.VIEWER);
        navigate("logs");
        ApiCallLogsView view = _get(ApiCallLogsView.class);
        setUserInput(view.connection, "customer-123");
        List<ConnectionBox.Choice> found = getSuggestionItems(view.connection);
        assertThat(found).extracting(ConnectionBox.Choice::id).containsExactly(many.get(123).id());
        _setValue(view.connection, found.getFirst());
        assertThat(currentLocation()).isEqualTo("logs?connection=" + many.get(123).id());
        assertThat(paths()).isEmpty();

        setUserInput(view.connection, "pipedrive");
        assertThat(getSuggestionItems(view.connection)).hasSize(150);

        // words in any order, and a choice's label typed back as it reads ("hubspot · customer-124 · 1f3e…")
        setUserInput(view.connection, "customer-124 HubSpot");
        assertThat(getSuggestionItems(view.connection)).extracting(ConnectionBox.Choice::id)
                .containsExactly(many.get(124).id());
        setUserInput(view.connection, ConnectionBox.choice(many.get(124)).label());
        assertThat(getSuggestionItems(view.connection)).extracting(ConnectionBox.Choice::id)
                .containsExactly(many.get(124).id());
        setUserInput(view.connection, "customer-124 pipedrive");
        assertThat(getSuggestionItems(view.connection)).isEmpty();
    }

    @Test
    void anOldFailureOfAConnectionThatWorksNowSaysSoAboveItsSteps() {
        signIn(Actor.Role.VIEWER);
        navigate("logs?connection=" + hubspot.id());
        // the 401 at t0 + 60 s; the connection is unhealthy since: its steps stand
        _clickItem(grid(), 0);
        _assertNone(Paragraph.class, spec -> spec.withId("since-then"));
        _get(Dialog.class).close();

        post(calls(hubspot.id(), t0.plusSeconds(90), ApiCallType.INBOUND, "GET", "/crm/ok", 200, null));
        navigate("logs?connection=" + hubspot.id() + "&errors=true");
        _clickItem(grid(), 0);
        assertThat(_get(Paragraph.class, spec -> spec.withId("since-then")).getText())
                .startsWith("Its connection has worked since: it is Healthy now");
    }

    /**
     * A sign-in refused before its connection existed says whose it was (the list had shown "—" beside the customer
     * reference the call carried), and its steps do not send the admin to a connection page that does not exist.
     */
    @Test
    void aCallWithoutAConnectionShowsItsCustomerAndNoCredentialsStep() {
        post(new ApiCallInput(null, null, t0.plusSeconds(270), ApiCallType.LOGIN, "POST", "/oauth/authorize", 401,
                false, "invalid_client", null, 30L, null, "prospect-7"));
        signIn(Actor.Role.VIEWER);
        navigate("logs?type=login");
        assertThat(paths()).containsExactly("/oauth/authorize", "/oauth/token");
        assertThat(_getFormatted(grid(), 0, "connection")).isEqualTo("\u2068prospect-7\u2069 · no connection");
        assertThat(_getFormatted(grid(), 1, "connection")).as("none named").isEqualTo("—");
        _clickItem(grid(), 0);
        String dialog = get_textRecursively(_get(io.connectionhealth.connection.ui.GuidancePanel.class));
        assertThat(dialog).as("What to do").contains("a call that names no connection").contains("no connection is broken")
                .doesNotContain("Credentials updated").doesNotContain("re-authorize the connection")
                .doesNotContain("the connection is broken");
    }

    @Test
    void theConnectionBoxSearchesTheWordsTypedAtMostTen() {
        assertThat(ConnectionBox.searched(" HubSpot · acme · 1f3e… ")).isEqualTo("hubspot acme 1f3e");
        assertThat(ConnectionBox.searched(ConnectionBox.choice(connection("hubspot", "acme")).label()))
                .as("a label typed back, its isolates left out").startsWith("hubspot acme ");
        assertThat(ConnectionBox.searched(" · ")).isNull();
        assertThat(ConnectionBox.searched(null)).isNull();
        assertThat(ConnectionBox.searched("a b c d e f g h i j k l")).isEqualTo("a b c d e f g h i j");
    }

    @Test
    void enterInTheConnectionBoxPicksTheOnlyConnectionTheWordsFindOrSaysWhy() {
        signIn(Actor.Role.VIEWER);
        navigate("logs");
        ApiCallLogsView view = _get(ApiCallLogsView.class);
        ComboBoxKt._fireCustomValueSet(view.connection, "nothing-like-it");
        assertThat(view.connection.isInvalid()).isTrue();
        assertThat(view.connection.getErrorMessage()).isEqualTo("No connection matches 'nothing-like-it'");
        assertThat(view.connection.getValue()).isNull();
        ComboBoxKt._fireCustomValueSet(view.connection, "e");
        assertThat(view.connection.getErrorMessage()).startsWith("Several connections match");
        assertThat(view.connection.getValue()).isNull();
        // the list opens on what was typed (the box ends its filter at Enter: its list had shown every connection),
        // while the box has the focus (checked in Chromium: after Enter it shows the matches, after Tab it stays shut)
        assertThat(pendingJavaScript()).anySatisfy(js -> {
            assertThat(js.getInvocation().getExpression()).contains("this.hasAttribute('focused')")
                    .contains("this.filter = $0").contains("this.opened = true");
            assertThat(js.getInvocation().getParameters().getFirst()).isEqualTo("e");
        });
        ComboBoxKt._fireCustomValueSet(view.connection, "ACME hubspot");
        assertThat(view.connection.getValue().id()).as("typed, then Enter: it had selected nothing").isEqualTo(hubspot.id());
        assertThat(view.connection.isInvalid()).isFalse();
        assertThat(currentLocation()).contains("connection=" + hubspot.id());
        ComboBoxKt._fireCustomValueSet(view.connection, "nothing-like-it");
        assertThat(view.connection.getErrorMessage()).as("the typed text stays in the box: it is not what is shown")
                .isEqualTo("No connection matches 'nothing-like-it'. The log still shows "
                        + view.connection.getValue().label());
        assertThat(view.connection.getValue().id()).isEqualTo(hubspot.id());
    }

    @Test
    void backFromACallsConnectionShowsTheSameCallsWhereTheyWereLeft() {
        List<ApiCallInput> failing = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            failing.add(calls(hubspot.id(), t0.plusSeconds(300 + i), ApiCallType.INBOUND, "GET", "/crm/failing", 500,
                    null));
        }
        post(failing.toArray(ApiCallInput[]::new));
        signIn(Actor.Role.VIEWER);
        String filters = "errors=true&last=24h";
        navigate("logs?" + filters);
        List<String> shown = _findAll(grid()).stream().map(ApiCall::id).toList();
        _clickItem(grid(), 150);
        _click(_get(Button.class, spec -> spec.withId("open-connection")));
        _assertOne(ConnectionDetailView.class);
        pendingJavaScript();
        clock.advance(Duration.ofMinutes(5));
        post(calls(zendesk.id(), clock.instant().minusSeconds(1), ApiCallType.INBOUND, "GET", "/arrived", 503, null));

        // the browser's Back: the calls as they were read (the newer one waits for Refresh, as it would have), the
        // row two below the top and the keyboard on it (it was back at the list's start: row 150 scrolled to again)
        com.vaadin.flow.component.UI ui = com.vaadin.flow.component.UI.getCurrent();
        ui.getInternals().getRouter().navigate(ui, new com.vaadin.flow.router.Location("logs",
                com.vaadin.flow.router.QueryParameters.fromString(filters)), com.vaadin.flow.router.NavigationTrigger.HISTORY);
        List<com.vaadin.flow.component.internal.PendingJavaScriptInvocation> js = pendingJavaScript();
        assertThat(_findAll(grid()).stream().map(ApiCall::id).toList()).isEqualTo(shown);
        // the count is an estimate here: it takes in the call that arrived since, which the list leaves out
        assertThat(length(grid())).as("still about the calls' own length").isBetween(shown.size(), shown.size() + 1);
        assertThat(currentLocation()).as("still the last 24 hours, not a custom range from the start read then")
                .contains("last=24h").doesNotContain("from=");
        assertThat(js).anySatisfy(call -> {
            assertThat(call.getInvocation().getExpression()).contains("scrollToIndex");
            assertThat(call.getInvocation().getParameters().getLast()).isEqualTo(148);
        });
        assertThat(js).anySatisfy(call -> {
            assertThat(call.getInvocation().getExpression()).contains("r.index === $1");
            assertThat(call.getInvocation().getParameters()).contains(150);
        });
        _click(_get(Button.class, spec -> spec.withText("Refresh")));
        assertThat(_findAll(grid()).getFirst().path()).isEqualTo("/arrived");

        // once: a row opened, then other filters, then Back to these reads the list as it is now (it had gone back to
        // the bounds and the row of the return, hiding the calls that arrived since; a regression check found it)
        _clickItem(grid(), 150);
        _get(Dialog.class).close();
        navigate("logs?errors=true");
        pendingJavaScript();
        ui.getInternals().getRouter().navigate(ui, new com.vaadin.flow.router.Location("logs",
                com.vaadin.flow.router.QueryParameters.fromString(filters)), com.vaadin.flow.router.NavigationTrigger.HISTORY);
        assertThat(scrolledTo()).as("the list's top").containsOnly(0);
        assertThat(_findAll(grid()).getFirst().path()).isEqualTo("/arrived");

        // the drawer's link, or another filter: the list's top, read now
        _clickItem(grid(), 150);
        navigate("logs?" + filters);
        assertThat(scrolledTo()).as("the list's top").containsOnly(0);
    }

    @Test
    void anotherFilterShowsItsRowsFromTheFirst() {
        signIn(Actor.Role.VIEWER);
        navigate("logs");
        pendingJavaScript();
        // the grid kept its place: scrolled to row 150, Errors only showed its rows from there, and the count under it
        // (taken with the first page) still said the unfiltered one's (seen in Chromium)
        _setValue(_get(ApiCallLogsView.class).errorsOnly, true);
        assertThat(scrolledTo()).containsExactly(0);
    }

    @Test
    void aRowOpensTheCallWithItsErrorAsTextAndTheGuidance() {
        signIn(Actor.Role.VIEWER);
        navigate("logs?type=login");
        _clickItem(grid(), 0);
        Dialog dialog = _get(Dialog.class);
        Pre error = _get(dialog, Pre.class, spec -> spec.withId("call-error"));
        assertThat(error.getText()).isEqualTo("<img src=x onerror=alert(1)>bad, \"quoted\"\nsecond line");
        assertThat(error.getElement().getChildCount()).isOne();
        assertThat(error.getElement().getChild(0).isTextNode()).isTrue();
        assertThat(error.getElement().getAttribute("aria-label")).as("it had replaced the text for a screen reader")
                .isNull();
        assertThat(_get(dialog, com.vaadin.flow.component.html.H3.class,
                spec -> spec.withId(error.getElement().getAttribute("aria-labelledby"))).getText()).isEqualTo("Error");
        assertThat(get_textRecursively(_get(dialog, GuidancePanel.class))).contains("client error (400)");

        // a double-click's second click opens no second dialog over it (a review)
        Grid<ApiCall> grid = grid();
        com.vaadin.flow.component.ComponentUtil.fireEvent(grid, new com.vaadin.flow.component.grid.ItemClickEvent<>(
                grid, true, grid.getDataCommunicator().getKeyMapper().key(_findAll(grid).getFirst()), null, 0, 0, 0, 0, 2, 0,
                false, false, false, false));
        _assertOne(Dialog.class);
    }

    /** Pausing counts by arrival, as ingestion applies it: the note had compared the call's own time, while paused. */
    @Test
    void aCallThatArrivedWhileItsConnectionWasPausedSaysItMovedNothingWhenEverItWasMade() {
        Instant beforeThePause = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        connections.update(admin, hubspot.id(), new io.connectionhealth.connection.ConnectionUpdate(null, null, null,
                null, true, false));
        Instant duringThePause = clock.instant().plusMillis(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        clock.advance(Duration.ofSeconds(1));
        post(calls(hubspot.id(), clock.instant(), ApiCallType.INBOUND, "GET", "/while-paused", 401, null));
        post(calls(hubspot.id(), beforeThePause, ApiCallType.INBOUND, "GET", "/made-before-arrived-during", 401, null));
        clock.advance(Duration.ofSeconds(1));
        connections.update(admin, hubspot.id(), new io.connectionhealth.connection.ConnectionUpdate(null, null, null,
                null, false, false));
        clock.advance(Duration.ofSeconds(1));
        post(calls(hubspot.id(), duringThePause, ApiCallType.INBOUND, "GET", "/made-during-arrived-after", 401, null));
        signIn(Actor.Role.VIEWER);

        for (String ignored : List.of("while-paused", "made-before-arrived-during")) {
            navigate("logs?path=" + ignored);
            _clickItem(grid(), 0);
            assertThat(_get(_get(Dialog.class), com.vaadin.flow.component.html.Paragraph.class,
                    spec -> spec.withId("moved-nothing")).getText()).as(ignored)
                    .startsWith("It arrived while its connection was paused, so it moved nothing");
            _get(Dialog.class).close();
        }
        // before the pause, and one made during it that arrived after it: both moved the connection
        for (String counted : List.of("crm/deals", "made-during-arrived-after")) {
            navigate("logs?path=" + counted);
            _clickItem(grid(), 0);
            _assertNone(_get(Dialog.class), com.vaadin.flow.component.html.Paragraph.class,
                    spec -> spec.withId("moved-nothing"));
            _get(Dialog.class).close();
        }
        assertThat(connections.get(admin, hubspot.id()).lastUnhealthyAt()).isEqualTo(duringThePause);
    }

    @Test
    void countedUnhealthyLeavesOutTheErrorsThatCountHealthy() {
        signIn(Actor.Role.VIEWER);
        navigate("logs?errors=true");
        assertThat(paths()).containsExactly("/oauth/token", "/tickets", "/hooks/ticket", "/crm/deals");
        _setValue(_get(ApiCallLogsView.class).unhealthyOnly, true);
        assertThat(currentLocation()).contains("errors=true").contains("unhealthy=true");
        assertThat(paths()).as("the 429 counts healthy").containsExactly("/oauth/token", "/tickets", "/crm/deals");
        navigate("logs?unhealthy=true&connection=" + zendesk.id());
        assertThat(paths()).containsExactly("/tickets");
    }

    @Test
    void aSuccessfulCallOpensToo() {
        signIn(Actor.Role.VIEWER);
        navigate("logs?status=200");
        assertThat(paths()).isNotEmpty();
        _clickItem(grid(), 0);
        Dialog dialog = _get(Dialog.class);
        assertThat(get_textRecursively(_get(dialog, GuidancePanel.class))).doesNotContain("Who acts");
    }

    @Test
    void aRateLimitedCallExplainsWhyItCountsAsHealthy() {
        signIn(Actor.Role.VIEWER);
        navigate("logs?status=429");
        _clickItem(grid(), 0);
        Dialog dialog = _get(Dialog.class);
        assertThat(_get(dialog, com.vaadin.flow.component.html.Paragraph.class,
                spec -> spec.withId("classification-explanation")).getText())
                .isEqualTo("429 counts as healthy: the connection is active but rate-limited.");
        assertThat(get_textRecursively(_get(dialog, GuidancePanel.class))).contains("Throttle")
                .contains("Who acts: you");
        _click(_get(dialog, Button.class, spec -> spec.withId("open-connection")));
        _assertOne(ConnectionDetailView.class);
        assertThat(currentLocation()).isEqualTo("connections/" + zendesk.id());
        _assertNoDialogs();
    }

    @Test
    void exportsTheCurrentFilterAsCsv() {
        post(new ApiCallInput("=1+1", hubspot.id(), t0.plusSeconds(10), ApiCallType.INBOUND, "POST", "/formula", 500,
                false, null, null, 10L, null, null));
        signIn(Actor.Role.VIEWER);
        navigate("logs?errors=true&method=POST");
        Anchor export = _get(Anchor.class, spec -> spec.withId("export-csv"));
        assertThat(export.getParent().orElseThrow().getChildren().toList())
                .as("beside the count, ahead of the long lines that wrap (last, it was below the fold at 1366×768)")
                .startsWith(_get(com.vaadin.flow.component.Component.class, spec -> spec.withId("call-count")), export)
                .extracting(c -> c.getId().orElse("")).element(2).isEqualTo("export-cut");
        String csv = new String(_download(export), StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("id,created_at,connection_id,integration_type,type,method,path,status");
        assertThat(csv).contains(",/oauth/token,400,").contains(",/hooks/ticket,429,").contains(",/crm/deals,401,")
                .doesNotContain("/tickets,").doesNotContain("/crm/contacts");
        assertThat(csv).contains("\"<img src=x onerror=alert(1)>bad, \"\"quoted\"\"\nsecond line\"");
        assertThat(csv).as("a client's id a spreadsheet would run").contains("\r\n'=1+1,");

        // in the list's order: oldest first once the Time column is sorted so
        navigate("logs?connection=" + hubspot.id());
        Grid<ApiCall> grid = grid();
        grid.sort(List.of(new com.vaadin.flow.component.grid.GridSortOrder<>(grid.getColumnByKey("time"),
                com.vaadin.flow.data.provider.SortDirection.ASCENDING)));
        String[] oldestFirst = new String(_download(_get(Anchor.class, spec -> spec.withId("export-csv"))),
                StandardCharsets.UTF_8).split("\r\n");
        assertThat(oldestFirst[1]).contains("/crm/contacts");
        assertThat(oldestFirst[oldestFirst.length - 1]).contains("/crm/deals");
        assertThat(grid.getColumnByKey("connection").isVisible()).as("one connection: the column would repeat it")
                .isFalse();
    }
}
