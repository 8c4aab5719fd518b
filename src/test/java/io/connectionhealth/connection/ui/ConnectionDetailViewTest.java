package io.connectionhealth.connection.ui;

import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Svg;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.ShortcutsKt;
import com.vaadin.flow.component.button.Button;
import io.connectionhealth.base.ui.Confirmation;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.RouterLink;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ForbiddenException;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.ui.KaribuTest;
import io.connectionhealth.base.ui.MainLayout;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.health.ExportDetail;
import io.connectionhealth.signal.ExportInput;
import io.connectionhealth.signal.JobRunInput;
import io.connectionhealth.signal.ui.ApiCallLogsView;
import io.connectionhealth.workspace.RetentionService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static com.github.mvysny.kaributesting.v10.BasicUtilsKt.get_textRecursively;
import static com.github.mvysny.kaributesting.v10.GridKt._clickItem;
import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionDetailViewTest extends KaribuTest {

    @Autowired
    private RetentionService retention;

    private String guidance() {
        return get_textRecursively(_get(GuidancePanel.class));
    }

    @Test
    void anUnauthorized401ConnectionSaysReauthorizeAndTheCustomerActs() {
        Connection c = withCalls(connection("salesforce", "globex"), 200, 401);
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        _assertOne(ConnectionDetailView.class);
        // the customer in the heading and the navbar: two salesforce connections must not look alike; each set apart
        // from the words around it, so that a right-to-left one cannot reorder them
        H2 heading = _get(H2.class);
        assertThat(heading.getElement().getTextRecursively()).as("no isolate characters: a name copied from the "
                + "heading had carried them into the search box").isEqualTo("salesforce · globex");
        assertThat(heading.getChildren().filter(com.vaadin.flow.component.html.Span.class::isInstance).map(s -> s.getElement().getAttribute("dir")))
                .as("each part isolated by the browser").containsExactly("auto", "auto");
        assertThat(_get(MainLayout.class).getElement().toString()).contains("\u2068salesforce\u2069 · \u2068globex\u2069");
        assertThat(guidance()).contains("rejected the credentials (401)").contains("re-authorize")
                .contains("Who acts: the customer");
        String page = get_textRecursively(_get(ConnectionDetailView.class));
        assertThat(page).contains("UNAUTHORIZED").contains("globex").contains("Unhealthy now").contains("401");
        _click(_get(Button.class, spec -> spec.withId("view-failing-calls")));
        assertThat(currentLocation()).startsWith("logs?").contains("connection=" + c.id()).contains("unhealthy=true");
    }

    @Test
    void afterCredentialsUpdatedTheGuidanceSaysWhatIsLeft() {
        Connection c = withCalls(connection("salesforce", "initech"), 401);
        signIn(Actor.Role.ADMIN);
        navigate("connections/" + c.id());
        assertThat(guidance()).contains("An admin records the new credentials with Credentials updated");
        clock.advance(java.time.Duration.ofSeconds(5));
        _click(_get(Button.class, spec -> spec.withText("Credentials updated")));
        assertThat(guidance()).contains("Done: credentials were recorded as updated")
                .doesNotContain("An admin records the new credentials");

        // the new credentials refused too: the page says so, and the chase starts again
        clock.advance(java.time.Duration.ofSeconds(5));
        post(call(c.id(), clock.instant().minusSeconds(1), 401));
        _click(_get(Button.class, spec -> spec.withId("refresh-connection")));
        assertThat(guidance()).contains("failed too: a later signal was refused again")
                .contains("An admin records the new credentials").doesNotContain("Done:");

        // once a call works, nothing is said of them
        post(call(c.id(), clock.instant(), 200));
        _click(_get(Button.class, spec -> spec.withId("refresh-connection")));
        assertThat(guidance()).doesNotContain("failed too");
    }

    @Test
    void theFocusStartsAtTheFirstActionAndStaysOnAButtonThatRebuildsThePage() {
        Connection c = withCalls(connection("hubspot", "focused"), 401);
        signIn(Actor.Role.ADMIN);
        navigate("connections/" + c.id());
        assertThat(focusRequested()).as("opened by address or click: focused, no ring that looks like a selection")
                .contains(new FocusRequest(_get(Button.class, spec -> spec.withId("view-api-calls")), false));
        _click(_get(Button.class, spec -> spec.withId("refresh-connection")));
        assertThat(focusRequested())
                .contains(new FocusRequest(_get(Button.class, spec -> spec.withId("refresh-connection")), false));
        ComponentUtil.fireEvent(_get(Button.class, spec -> spec.withId("pause")),
                new ClickEvent<>(_get(Button.class, spec -> spec.withId("pause")), true, 0, 0, 0, 0, 0, 0,
                        false, false, false, false));
        assertThat(focusRequested()).as("pressed with Enter or Space: the ring shows where the keyboard is")
                .contains(new FocusRequest(_get(Button.class, spec -> spec.withText("Unpause")), true));
        _click(_get(Button.class, spec -> spec.withText("Credentials updated")));
        assertThat(focusRequested())
                .contains(new FocusRequest(_get(Button.class, spec -> spec.withText("Credentials updated")), false));
    }

    @Test
    void enterOnARowOpensItWithTheFocusRingOnTheFirstAction() {
        Connection c = withCalls(connection("hubspot", "by-keyboard"), 401);
        signIn(Actor.Role.VIEWER);
        navigate("connections?q=by-keyboard");
        @SuppressWarnings("unchecked")
        Grid<Connection> grid = _get(Grid.class);
        Connection row = GridKt._get(grid, 0);
        assertThat(row.id()).isEqualTo(c.id());
        ComponentUtil.fireEvent(grid, new com.vaadin.flow.component.grid.CellFocusEvent<>(grid, true,
                grid.getDataCommunicator().getKeyMapper().key(row), null, "body"));
        ShortcutsKt._fireShortcut(grid, Key.ENTER);
        assertThat(currentLocation()).isEqualTo("connections/" + c.id());
        assertThat(focusRequested())
                .contains(new FocusRequest(_get(Button.class, spec -> spec.withId("view-api-calls")), true));
    }

    @Test
    void refreshShowsWhatChangedSinceThePageOpened() {
        Connection c = withCalls(connection("hubspot", "refreshing"), 200);
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        assertThat(guidance()).contains("The connection works");
        clock.advance(java.time.Duration.ofSeconds(5));
        withCalls(c, 401);
        _click(_get(Button.class, spec -> spec.withId("refresh-connection")));
        assertThat(guidance()).contains("rejected the credentials (401)");
    }

    @Test
    void theGuidanceFollowsTheStatusCode() {
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + withCalls(connection("hubspot", "a"), 403).id());
        assertThat(guidance()).contains("403").contains("Compare the scopes");

        navigate("connections/" + withCalls(connection("clearbit", "b", "enrichment"), 404).id());
        assertThat(guidance()).contains("The connection works: nothing to do").doesNotContain("Who acts");

        navigate("connections/" + withCalls(connection("hubspot", "c"), 418).id());
        assertThat(guidance()).contains("client error (418)").contains("Who acts: you");

        navigate("connections/" + connection("hubspot", "d").id());
        assertThat(guidance()).contains("No signal has reached this connection yet");
    }

    @Test
    void aJobRunListsTheExportsThatLackedPermission() {
        Connection c = connection("workday", "hooli");
        ingestion.ingestJobRun(admin, new JobRunInput(c.id(), null, clock.instant().minusSeconds(10), false, null, null,
                List.of(new ExportInput("employees", "/v1/employees", 200, null),
                        new ExportInput("payroll", "/v1/payroll", 403, "forbidden"))));
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        @SuppressWarnings("unchecked")
        Grid<ExportDetail> details = _get(Grid.class, spec -> spec.withId("health-details"));
        assertThat(_findAll(details)).containsExactly(new ExportDetail("payroll", "/v1/payroll", 403));
        assertThat(details.getAriaLabel()).hasValue("Data exports that lacked permission");
        _assertOne(Paragraph.class, spec -> spec.withText("These data exports lacked permission:"));
        assertThat(guidance()).contains("Compare the scopes").contains("any export not listed worked");
        @SuppressWarnings("unchecked")
        Grid<?> runs = _get(Grid.class, spec -> spec.withId("job-runs"));
        assertThat(_findAll(runs)).hasSize(1);
        // its calls would not say why: the page points at the job run instead
        _assertNone(Button.class, spec -> spec.withId("view-failing-calls"));
        _assertOne(Button.class, spec -> spec.withId("view-failing-job-run"));
        assertThat(_get(Paragraph.class, spec -> spec.withId("health-source")).getText())
                .startsWith("Set by the job run that finished ").contains("(in Job runs, below)");
    }

    @Test
    void aLongNameMakesAShortHeadingWithTheWholeNameBelow() {
        String longName = "Enterprise resource planning ".repeat(6).strip();
        String longXref = "customer-" + "x".repeat(240);
        Connection c = connections.create(admin, new io.connectionhealth.connection.NewConnection("erp", longName,
                List.of(), List.of(), longXref, null));
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        H2 heading = _get(H2.class);
        assertThat(heading.getElement().getTextRecursively()).hasSizeLessThan(180).endsWith("…").contains("… (erp) · customer-");
        assertThat(heading.getElement().getAttribute("title")).contains(longName).endsWith(longXref);
        assertThat(_get(ConnectionDetailView.class).getPageTitle()).hasSizeLessThan(120).endsWith(" · Connection Health");
    }

    @Test
    void aJobRunOpensWithItsErrorAndEveryExportAsSent() {
        Connection c = connection("workday", "initech");
        String endpoint = "/v1/payroll/" + "segment".repeat(80);
        ingestion.ingestJobRun(admin, new JobRunInput(c.id(), null, clock.instant().minusSeconds(10), false,
                "quota exceeded for tenant 42", null, List.of(new ExportInput("employees", "/v1/employees", 200, null),
                        new ExportInput("payroll", endpoint, 403, "scope payroll.read missing"))));
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        @SuppressWarnings("unchecked")
        Grid<ExportDetail> details = _get(Grid.class, spec -> spec.withId("health-details"));
        assertThat(details.getColumns().get(1).getTooltipGenerator()).isNotNull();
        assertThat(details.getColumns().get(1).getTooltipGenerator().apply(_findAll(details).getFirst()))
                .as("a long endpoint, whole in the tooltip too").isEqualTo(endpoint);
        assertThat(details.getThemeNames()).as("and wrapped in its cell, for a phone").contains("wrap-cell-content");
        assertThat(String.join(" ", com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow(details, 0)))
                .contains(endpoint);
        @SuppressWarnings("unchecked")
        Grid<io.connectionhealth.signal.JobRun> runs = _get(Grid.class, spec -> spec.withId("job-runs"));
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow(runs, 0))
                .contains("quota exceeded for tenant 42").contains("payroll 403, employees 200");

        _click(_get(Button.class, spec -> spec.withId("view-failing-job-run")));
        _get(com.vaadin.flow.component.html.Pre.class, spec -> spec.withId("job-run-error"));
        assertThat(_get(com.vaadin.flow.component.html.Pre.class, spec -> spec.withId("job-run-error")).getText())
                .isEqualTo("quota exceeded for tenant 42");
        assertThat(_get(com.vaadin.flow.component.html.Pre.class, spec -> spec.withId("job-run-error")).getElement()
                .getAttribute("tabindex")).as("reached by Tab, scrolled by the arrow keys").isEqualTo("0");
        // for a screen reader a region named by its heading, its text read as it is (a label had replaced the text)
        var runError = _get(com.vaadin.flow.component.html.Pre.class, spec -> spec.withId("job-run-error")).getElement();
        assertThat(runError.getAttribute("aria-label")).isNull();
        assertThat(runError.getAttribute("role")).isEqualTo("region");
        assertThat(_get(com.vaadin.flow.component.html.H3.class,
                spec -> spec.withId(runError.getAttribute("aria-labelledby"))).getText()).isEqualTo("Error");
        @SuppressWarnings("unchecked")
        Grid<ExportInput> exports = _get(Grid.class, spec -> spec.withId("job-run-exports"));
        assertThat(_findAll(exports)).extracting(ExportInput::endpoint).as("the failing one first")
                .containsExactly(endpoint, "/v1/employees");
        assertThat(String.join(" ", com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow(exports, 0)))
                .contains("text='scope payroll.read missing'", "403");
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getCellComponent(exports, 0, "error").getElement().getAttribute("aria-label")).as("the text is the cell's name").isNull();
        assertThat(_get(com.vaadin.flow.component.dialog.Dialog.class).getElement().getTextRecursively())
                .contains("Data exports: 1 of 2 failed, listed first").contains("Error origin");
        _click(_get(Button.class, spec -> spec.withText("Close")));
        _assertNone(com.vaadin.flow.component.dialog.Dialog.class);

        com.github.mvysny.kaributesting.v10.GridKt._clickItem(runs, 0);
        assertThat(_get(Paragraph.class, spec -> spec.withId("job-run-explanation")).getText()).isNotBlank();
    }

    /** An audit: a run of the same time logged while paused (it moved nothing) had been opened as the failing one. */
    @Test
    void theFailingJobRunIsTheOneWhoseExportsTheHealthNames() {
        Connection c = connection("workday", "paused-meanwhile");
        Instant at = clock.instant().minusSeconds(60);
        ingestion.ingestJobRun(admin, new JobRunInput(c.id(), null, at, false, null, null,
                List.of(new ExportInput("deals", "/v1/deals", 403, null))));
        connections.update(admin, c.id(), new io.connectionhealth.connection.ConnectionUpdate(null, null, null, null,
                true, false));
        ingestion.ingestJobRun(admin, new JobRunInput(c.id(), null, at, false, null, null,
                List.of(new ExportInput("contacts", "/v1/contacts", 403, null))));
        connections.update(admin, c.id(), new io.connectionhealth.connection.ConnectionUpdate(null, null, null, null,
                false, false));
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        _click(_get(Button.class, spec -> spec.withId("view-failing-job-run")));
        @SuppressWarnings("unchecked")
        Grid<ExportInput> exports = _get(Grid.class, spec -> spec.withId("job-run-exports"));
        assertThat(_findAll(exports)).extracting(ExportInput::dataExportType).containsExactly("deals");
        _click(_get(Button.class, spec -> spec.withText("Close")));
        assertThat(_get(Paragraph.class, spec -> spec.withId("health-source")).getText()).as("no error sent, none quoted")
                .doesNotContain("error:");

        // the vendor's words on the page, as for a call: the run's error, else the first failing export's
        Connection erred = connection("workday", "with-errors");
        ingestion.ingestJobRun(admin, new JobRunInput(erred.id(), null, at, false, null, null, List.of(
                new ExportInput("employees", "/v1/employees", 200, null),
                new ExportInput("payroll", "/v1/payroll", 403, "scope payroll.read missing"))));
        navigate("connections/" + erred.id());
        assertThat(_get(Paragraph.class, spec -> spec.withId("health-source")).getText())
                .endsWith(" The \u2068payroll\u2069 export's error: \u2068scope payroll.read missing\u2069");
    }

    @Test
    void aConnectionAJobRunBrokeAfterAnOldFailedCallPointsAtTheJobRun() {
        Connection c = withCalls(connection("workday", "umbrella"), 401, 200);
        ingestion.ingestJobRun(admin, new JobRunInput(c.id(), null, clock.instant(), false, null, null,
                List.of(new ExportInput("payroll", "/v1/payroll", 403, "forbidden"))));
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        _assertNone(Button.class, spec -> spec.withId("view-failing-calls")); // the old 401 is not the reason
        _click(_get(Button.class, spec -> spec.withId("view-failing-job-run")));
        assertThat(currentLocation()).startsWith("connections/");
        assertThat(_get(com.vaadin.flow.component.dialog.Dialog.class).getElement().getTextRecursively())
                .as("no error, so no origin of one").doesNotContain("Error origin");
        _click(_get(Button.class, spec -> spec.withText("Close")));

        Connection called = withCalls(connection("workday", "tyrell"), 401);
        navigate("connections/" + called.id());
        _assertNone(Button.class, spec -> spec.withId("view-failing-job-run"));
        _assertOne(Button.class, spec -> spec.withId("view-failing-calls"));
        // what broke it, in the vendor's words, without a trip to the logs
        assertThat(_get(Paragraph.class, spec -> spec.withId("health-source")).getText())
                .startsWith("Set by the API call \u2068GET /crm/contact\u2069 at ").endsWith(", answered 401");

        Connection erred = connection("hubspot", "cyberdyne");
        post(new io.connectionhealth.signal.ApiCallInput(null, erred.id(), clock.instant().minusSeconds(5),
                io.connectionhealth.signal.ApiCallType.INBOUND, "POST", "/crm/v3/deals", 403, false,
                "{\"message\":\"This app lacks the crm.objects.deals.write scope\"}", null, 40L, null, null));
        navigate("connections/" + erred.id());
        assertThat(_get(Paragraph.class, spec -> spec.withId("health-source")).getText())
                .startsWith("Set by the API call \u2068POST /crm/v3/deals\u2069 at ")
                .endsWith(", answered 403: \u2068{\"message\":\"This app lacks the crm.objects.deals.write scope\"}\u2069");

        post(new io.connectionhealth.signal.ApiCallInput(null, erred.id(), clock.instant().minusSeconds(1),
                io.connectionhealth.signal.ApiCallType.INBOUND, "GET", "/crm/v3/deals", 200, false, null, null, 40L,
                null, null));
        navigate("connections/" + erred.id());
        _assertNone(Paragraph.class, spec -> spec.withId("health-source")); // healthy again: nothing broke it
    }

    /**
     * Signals of one time: the one applied last sets the health, and the page names that one (a review found the
     * call with the greatest id named, a call logged while paused, and a job run whose health the call replaced).
     */
    @Test
    void ofSignalsOfOneTimeThePageNamesTheOneThatSetTheHealth() {
        java.time.Instant t = clock.instant().minusSeconds(30);
        Connection batch = connection("hubspot", "one-batch");
        post(new io.connectionhealth.signal.ApiCallInput("b-first-" + batch.id(), batch.id(), t,
                        io.connectionhealth.signal.ApiCallType.INBOUND, "GET", "/contacts", 401, false, "token revoked",
                        null, 40L, null, null),
                new io.connectionhealth.signal.ApiCallInput("a-second-" + batch.id(), batch.id(), t,
                        io.connectionhealth.signal.ApiCallType.INBOUND, "POST", "/deals", 403, false, "missing scope",
                        null, 40L, null, null));
        assertThat(connections.get(admin, batch.id()).lastUnhealthyCode()).isEqualTo(403);
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + batch.id());
        assertThat(_get(Paragraph.class, spec -> spec.withId("health-source")).getText())
                .contains("\u2068POST /deals\u2069").endsWith("answered 403: \u2068missing scope\u2069");

        Connection paused = connection("hubspot", "paused-between");
        post(new io.connectionhealth.signal.ApiCallInput(null, paused.id(), t,
                io.connectionhealth.signal.ApiCallType.INBOUND, "POST", "/real", 403, false, "real", null, 40L, null, null));
        connections.update(admin, paused.id(), new io.connectionhealth.connection.ConnectionUpdate(null, null, null,
                null, true, false));
        clock.advance(java.time.Duration.ofSeconds(1));
        post(new io.connectionhealth.signal.ApiCallInput("zz-" + paused.id(), paused.id(), t,
                io.connectionhealth.signal.ApiCallType.INBOUND, "GET", "/while-paused", 403, false, "moved nothing", null,
                40L, null, null));
        connections.update(admin, paused.id(), new io.connectionhealth.connection.ConnectionUpdate(null, null, null,
                null, false, false));
        navigate("connections/" + paused.id());
        assertThat(_get(Paragraph.class, spec -> spec.withId("health-source")).getText()).contains("\u2068POST /real\u2069");

        Connection bare = connection("hubspot", "no-request-line");
        post(new io.connectionhealth.signal.ApiCallInput(null, bare.id(), t,
                io.connectionhealth.signal.ApiCallType.INBOUND, null, null, 401, false, null, null, 40L, null, null));
        navigate("connections/" + bare.id());
        assertThat(_get(Paragraph.class, spec -> spec.withId("health-source")).getText())
                .startsWith("Set by an API call at ").endsWith(", answered 401"); // not "the API call —"

        Connection both = connection("workday", "run-then-call");
        ingestion.ingestJobRun(admin, new JobRunInput(both.id(), null, t, false, null, null,
                List.of(new ExportInput("payroll", "/v1/payroll", 401, "unauthorized"))));
        post(new io.connectionhealth.signal.ApiCallInput(null, both.id(), t,
                io.connectionhealth.signal.ApiCallType.INBOUND, "GET", "/v1/workers", 400, false, "bad filter", null,
                40L, null, null));
        assertThat(connections.get(admin, both.id()).health().name())
                .isEqualTo(io.connectionhealth.health.HealthName.VENDOR_CLIENT_ERROR);
        navigate("connections/" + both.id());
        _assertNone(Button.class, spec -> spec.withId("view-failing-job-run"));
        assertThat(_get(Paragraph.class, spec -> spec.withId("health-source")).getText())
                .contains("\u2068GET /v1/workers\u2069").endsWith("answered 400: \u2068bad filter\u2069");
    }

    @Test
    void showsTheLastDayOfCallsAndTheStatusChanges() {
        Connection c = withCalls(connection("hubspot", "acme"), 200, 200, 500, 401);
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        Svg chart = _get(Svg.class, spec -> spec.withId("calls-chart"));
        assertThat(chart.getStyle().get("direction")).as("opens on the newest hours where a phone scrolls it (it "
                + "opened on the oldest): a right-to-left box starts at its right end").isEqualTo("rtl");
        assertThat(chart.getElement().getProperty("innerHTML", "")).as("the chart itself left to right")
                .contains("style=\"direction:ltr;");
        assertThat(chart.getElement().getProperty("innerHTML", ""))
                .contains("aria-label=\"Last 24 hours, from ").contains(": 2 successful, 2 failed calls\"");
        assertThat(chart.getElement().getAttribute("tabindex")).as("a phone scrolls it sideways: by keyboard too")
                .isEqualTo("0");
        assertThat(chart.getElement().getAttribute("aria-label")).as("a Tab stop has a name")
                .isEqualTo("API calls per hour, last 24 hours");
        // the bars' numbers, which a title shows only under the mouse, in a table a keyboard reaches
        var table = _get(com.vaadin.flow.component.html.NativeTable.class, spec -> spec.withId("calls-per-hour"));
        var rows = table.getBody().getChildren().map(com.vaadin.flow.component.html.NativeTableRow.class::cast).toList();
        assertThat(rows).hasSize(24);
        assertThat(rows.stream().mapToLong(r -> Long.parseLong(r.getCell(1).orElseThrow().getElement().getText())).sum())
                .isEqualTo(2);
        assertThat(rows.stream().mapToLong(r -> Long.parseLong(r.getCell(2).orElseThrow().getElement().getText())).sum())
                .isEqualTo(2);
        String lastHour = rows.getLast().getCell(0).orElseThrow().getElement().getText();
        assertThat(lastHour).matches("\\d\\d:00");
        String html = chart.getElement().getProperty("innerHTML", "");
        String lastTitle = "<title>" + lastHour + ": " + rows.getLast().getCell(1).orElseThrow().getElement().getText()
                + " successful, " + rows.getLast().getCell(2).orElseThrow().getElement().getText() + " failed</title>";
        assertThat(html.lastIndexOf("<title>")).as("the chart's last bar: the same hour and numbers")
                .isEqualTo(html.indexOf(lastTitle)).isPositive();
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("calls-chart-legend")).getText())
                .as("the vendor's 500 counted healthy, yet is red: the legend must not say otherwise")
                .contains("also those that count as healthy (a 429, a vendor's 5xx)")
                .as("said by position too, not by colour alone").contains("at the bottom").contains("stacked on top")
                .as("and in which zone its hours are").containsPattern("Hours in your time zone, \\S+\\.");
        @SuppressWarnings("unchecked")
        Grid<io.connectionhealth.notification.Notification> events = _get(Grid.class, spec -> spec.withId("recent-events"));
        assertThat(_findAll(events)).extracting(n -> n.event().name())
                .containsExactly("CONNECTION_UNHEALTHY", "CONNECTION_HEALTHY", "CONNECTION_CREATED");
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow(events, 0))
                .as("labels as the rest of the page writes them").contains("Healthy → Unhealthy now · UNAUTHORIZED, Customer acts", "Not sent")
                .as("whether it went out before the long change (on a phone it was 540 px to the right)")
                .containsSubsequence("Not sent", "Healthy → Unhealthy now · UNAUTHORIZED, Customer acts");
        ConnectionDetailView.fitEvents(events, 390);
        assertThat(events.getColumns().stream().map(Grid.Column::getKey)).as("and before the event's name on a phone")
                .containsExactly("when", "webhook", "event", "change");
        ConnectionDetailView.fitEvents(events, 1280);
        assertThat(events.getColumns().stream().map(Grid.Column::getKey)).containsExactly("when", "event", "webhook",
                "change");
    }

    @Test
    void anUpdateThatRecordedNewCredentialsSaysSoInTheEvents() {
        Connection c = withCalls(connection("hubspot", "renewed"), 401);
        clock.advance(java.time.Duration.ofSeconds(5));
        connections.update(admin, c.id(), new io.connectionhealth.connection.ConnectionUpdate(null, null, null, null,
                null, true));
        clock.advance(java.time.Duration.ofSeconds(5));
        connections.update(admin, c.id(), new io.connectionhealth.connection.ConnectionUpdate("HubSpot EU", null, null,
                null, null, false));
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        @SuppressWarnings("unchecked")
        Grid<io.connectionhealth.notification.Notification> events = _get(Grid.class, spec -> spec.withId("recent-events"));
        assertThat(_findAll(events)).extracting(n -> n.event().name())
                .startsWith("CONNECTION_UPDATED", "CONNECTION_UPDATED", "CONNECTION_UNHEALTHY");
        // the status alone had read as a change of status
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormatted(events, 1, "change"))
                .isEqualTo("Unhealthy · credentials updated");
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormatted(events, 0, "change"))
                .as("another change: its body does not say which").isEqualTo("Unhealthy");
    }

    @Test
    void aSecondUnhealthyEventSaysWhatChangedWithItsHealthAndWhoActs() {
        Connection c = withCalls(connection("hubspot", "acme"), 200, 401);
        post(new io.connectionhealth.signal.ApiCallInput(null, c.id(), clock.instant().minusSeconds(30),
                io.connectionhealth.signal.ApiCallType.INBOUND, "GET", "/crm", 500, false, "mapping bug",
                io.connectionhealth.health.ErrorOrigin.PLATFORM, 10L, null, null));
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        @SuppressWarnings("unchecked")
        Grid<io.connectionhealth.notification.Notification> events = _get(Grid.class, spec -> spec.withId("recent-events"));
        assertThat(_findAll(events)).extracting(n -> n.event().name())
                .containsExactly("CONNECTION_UNHEALTHY", "CONNECTION_UNHEALTHY", "CONNECTION_HEALTHY", "CONNECTION_CREATED");
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormatted(events, 0, "change"))
                .isEqualTo("Unhealthy now · INTERNAL_ERROR, Platform acts");
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormatted(events, 1, "change"))
                .isEqualTo("Healthy → Unhealthy now · UNAUTHORIZED, Customer acts");
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormatted(events, 2, "change"))
                .isEqualTo("New → Healthy");
    }

    /** Unhealthy → Unhealthy now has no event (SPEC §4): the page says why its newest event disagrees with the header. */
    @Test
    void aLateOlderSuccessSaysWhyTheStatusIsUnhealthyNowWithoutAnEvent() {
        Connection c = withCalls(connection("hubspot", "acme"), 401);
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        _assertNone(Paragraph.class, spec -> spec.withId("silent-move"));

        java.time.Instant worked = clock.instant().minusSeconds(3600);
        post(call(c.id(), worked, 200));
        _click(_get(Button.class, spec -> spec.withId("refresh-connection")));
        @SuppressWarnings("unchecked")
        Grid<io.connectionhealth.notification.Notification> events = _get(Grid.class, spec -> spec.withId("recent-events"));
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormatted(events, 0, "change"))
                .isEqualTo("New → Unhealthy · UNAUTHORIZED, Customer acts");
        assertThat(_get(Paragraph.class, spec -> spec.withId("silent-move")).getText())
                .startsWith("Unhealthy now since a success from " + io.connectionhealth.base.ui.Formats.exact(worked)
                        + " (an API call or job run), made no later than the failure but reported after it, showed "
                        + "that it worked before")
                .contains("no webhook was sent");

        post(call(c.id(), clock.instant().minusSeconds(10), 400)); // a new health name: an event says Unhealthy now
        _click(_get(Button.class, spec -> spec.withId("refresh-connection")));
        _assertNone(Paragraph.class, spec -> spec.withId("silent-move"));
    }

    @Test
    void aConnectionWithoutCallsSaysSoInsteadOfAnEmptyChart() {
        Connection c = connection("hubspot", "quiet");
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        _assertNone(Svg.class);
        assertThat(_get(Paragraph.class, spec -> spec.withId("calls-chart-empty")).getText())
                .isEqualTo("No API calls in the last 24 hours.");
    }

    @Test
    void viewApiCallsOpensTheLogFilteredToTheConnection() {
        Connection c = withCalls(connection("hubspot", "acme"), 200);
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        _click(_get(Button.class, spec -> spec.withId("view-api-calls")));
        _assertOne(ApiCallLogsView.class);
        assertThat(currentLocation()).isEqualTo("logs?connection=" + c.id());
        @SuppressWarnings("unchecked")
        Grid<io.connectionhealth.signal.ApiCall> calls = _get(Grid.class);
        assertThat(_findAll(calls)).extracting(io.connectionhealth.signal.ApiCall::connectionId).containsExactly(c.id());
    }

    @Test
    void anAdminPausesAndUnpauses() {
        Connection c = connection("hubspot", "acme");
        signIn(Actor.Role.ADMIN);
        navigate("connections/" + c.id());
        _click(_get(Button.class, spec -> spec.withId("pause")));
        assertThat(connections.get(admin, c.id()).isPaused()).isTrue();
        assertThat(_get(Button.class, spec -> spec.withId("pause")).getText()).isEqualTo("Unpause");
        _click(_get(Button.class, spec -> spec.withId("pause")));
        assertThat(connections.get(admin, c.id()).isPaused()).isFalse();
    }

    @Test
    void credentialsUpdatedIsOfferedOnlyWhileTheCustomerMustAct() {
        signIn(Actor.Role.ADMIN);
        navigate("connections/" + connection("hubspot", "new-one").id());
        _assertNone(Button.class, spec -> spec.withText("Credentials updated"));
        navigate("connections/" + withCalls(connection("hubspot", "our-bug"), 418).id());
        _assertNone(Button.class, spec -> spec.withText("Credentials updated"));
        navigate("connections/" + withCalls(connection("hubspot", "too-slow"), (Integer) null).id());
        _assertNone(Button.class, spec -> spec.withText("Credentials updated"));

        Connection refused = withCalls(connection("hubspot", "refused"), 401);
        navigate("connections/" + refused.id());
        _assertOne(Button.class, spec -> spec.withText("Credentials updated"));
        post(call(refused.id(), clock.instant(), 200));
        _click(_get(Button.class, spec -> spec.withId("refresh-connection")));
        _assertNone(Button.class, spec -> spec.withText("Credentials updated"));
    }

    @Test
    void aNoteForTheCustomerIsOfferedOnlyWhileTheyMustAct() {
        signIn(Actor.Role.ADMIN);
        navigate("connections/" + withCalls(connection("hubspot", "slow-vendor"), 503).id());
        _assertNone(com.vaadin.flow.component.details.Details.class, spec -> spec.withId("customer-note"));

        Connection refused = withCalls(connection("hubspot", "refused-co"), 200, 401);
        navigate("connections/" + refused.id());
        var note = _get(com.vaadin.flow.component.details.Details.class, spec -> spec.withId("customer-note"));
        assertThat(note.isOpened()).as("read on demand").isFalse();
        assertThat(_get(com.vaadin.flow.component.textfield.TextArea.class, spec -> spec.withId("customer-note-text"))
                .getValue()).contains("Your hubspot connection (refused-co) needs your attention: on ")
                .contains("hubspot refused our access (HTTP 401)").contains("signing in again");
        _assertOne(Button.class, spec -> spec.withId("copy-customer-note"));

        // once new credentials are recorded the customer has acted: nothing to ask them until a signal says otherwise
        clock.advance(java.time.Duration.ofSeconds(5));
        _click(_get(Button.class, spec -> spec.withText("Credentials updated")));
        _assertNone(com.vaadin.flow.component.details.Details.class, spec -> spec.withId("customer-note"));
        clock.advance(java.time.Duration.ofSeconds(5));
        post(call(refused.id(), clock.instant().minusSeconds(1), 401));
        _click(_get(Button.class, spec -> spec.withId("refresh-connection")));
        assertThat(_get(com.vaadin.flow.component.textfield.TextArea.class, spec -> spec.withId("customer-note-text"))
                .getValue()).contains("was refused as well");

        post(call(refused.id(), clock.instant(), 200));
        _click(_get(Button.class, spec -> spec.withId("refresh-connection")));
        _assertNone(com.vaadin.flow.component.details.Details.class, spec -> spec.withId("customer-note"));
    }

    /** A retention audit: the page offered "View failing calls" for a health whose signals the purge had deleted. */
    @Test
    void aHealthWhoseSignalRetentionDeletedSaysSoAndPointsAtNoFailingSignal() {
        Connection byRun = connection("workday", "old-run");
        ingestion.ingestJobRun(admin, new JobRunInput(byRun.id(), null, clock.instant().minus(Duration.ofDays(25)),
                false, null, null, List.of(new ExportInput("employees", "/v1/employees", 403, null))));
        Connection byCall = connection("hubspot", "old-call");
        post(call(byCall.id(), clock.instant().minus(Duration.ofDays(25)), 401));
        Connection recent = withCalls(connection("hubspot", "recent"), 401);
        workspaces.updateRetention(admin, 19);
        retention.purgeExpired();

        signIn(Actor.Role.ADMIN);
        for (int retentionDays : new int[]{19, 60}) { // raised again after the purge: the signals stay gone
            workspaces.updateRetention(admin, retentionDays);
            for (Connection c : List.of(byRun, byCall)) {
                navigate("connections/" + c.id());
                _assertNone(Button.class, spec -> spec.withId("view-failing-calls"));
                _assertNone(Button.class, spec -> spec.withId("view-failing-job-run"));
                // the time exactly, in UTC or the mock browser's zone (Helsinki): a UTC date alone had failed the
                // test between 22:00 and 24:00 UTC
                java.time.Instant at = connections.get(admin, c.id()).lastUnhealthyAt();
                assertThat(_get(Paragraph.class, spec -> spec.withId("health-source")).getText()).isIn(
                        Stream.of(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                                                .withZone(java.time.ZoneOffset.UTC).format(at),
                                        io.connectionhealth.base.ui.Formats.exact(at))
                                .map(time -> "Set by an API call or job run of " + time + " that is no longer in the "
                                        + "log: the workspace's retention deleted it, with every failing one before it.")
                                .toList());
            }
        }
        navigate("connections/" + recent.id());
        _assertOne(Button.class, spec -> spec.withId("view-failing-calls"));
        assertThat(_get(Paragraph.class, spec -> spec.withId("health-source")).getText()).startsWith("Set by the API call");
    }

    @Test
    void anAdminDeletesAfterConfirming() {
        Connection c = connection("hubspot", "acme");
        signIn(Actor.Role.ADMIN);
        navigate("connections/" + c.id());
        _click(_get(Button.class, spec -> spec.withId("delete")));
        Confirmation question = _get(Confirmation.class);
        // read out as a question with its consequences (checked in Chromium: its accessible description is the text)
        assertThat(question.getRole()).isEqualTo("alertdialog");
        String describedBy = question.getElement().getAttribute("aria-describedby");
        assertThat(_get(question, Paragraph.class, spec -> spec.withId(describedBy)).getText()).contains("acme");
        _click(question.confirm);
        assertThatThrownBy(() -> connections.get(admin, c.id())).isInstanceOf(NotFoundException.class);
        _assertOne(ConnectionsView.class);
    }

    @Test
    void deletingFromAFilteredListReturnsToThatList() {
        Connection first = withCalls(connection("hubspot", "acme-unauthorized"), 401);
        withCalls(connection("hubspot", "beta-unauthorized"), 401);
        signIn(Actor.Role.ADMIN);
        navigate("connections?health=unauthorized&q=unauthorized");
        @SuppressWarnings("unchecked")
        Grid<Connection> list = _get(Grid.class);
        _clickItem(list, _findAll(list).stream().map(Connection::id).toList().indexOf(first.id()));
        _assertOne(ConnectionDetailView.class);
        _click(_get(Button.class, spec -> spec.withId("delete")));
        _click(_get(Confirmation.class).confirm);
        _assertOne(ConnectionsView.class);
        assertThat(currentLocation()).startsWith("connections?").contains("health=unauthorized")
                .contains("q=unauthorized");

        // another connection's page, reached by a link rather than from that list: back to the whole list
        Connection other = connection("hubspot", "gamma");
        navigate("connections/" + other.id());
        _click(_get(Button.class, spec -> spec.withId("delete")));
        _click(_get(Confirmation.class).confirm);
        assertThat(currentLocation()).isEqualTo("connections");
    }

    @Test
    void anActionOnAConnectionDeletedMeanwhileSaysSoAndReturnsToTheList() {
        Connection c = connection("hubspot", "acme");
        signIn(Actor.Role.ADMIN);
        navigate("connections/" + c.id());
        connections.delete(admin, c.id()); // in another tab, or through the API
        _click(_get(Button.class, spec -> spec.withId("pause")));
        expectNotifications("This connection was deleted meanwhile (in another tab or through the API); nothing was "
                + "changed.");
        _assertOne(ConnectionsView.class);
    }

    @Test
    void theExportsOfAFailedJobRunAreNotCalledUnauthorized() {
        Connection c = connection("workday", "initech");
        ingestion.ingestJobRun(admin, new JobRunInput(c.id(), null, clock.instant().minusSeconds(10), false, null, null,
                List.of(new ExportInput("employees", "/v1/employees", 200, null),
                        new ExportInput("payroll", "/v1/payroll", 503, "unavailable"))));
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        assertThat(_get(Paragraph.class, spec -> spec.withText("These data exports failed:"))).isNotNull();
        _assertNone(Paragraph.class, spec -> spec.withText("These data exports lacked permission:"));
        assertThat(((Grid<?>) _get(Grid.class, spec -> spec.withId("health-details"))).getAriaLabel()).as("its name too")
                .hasValue("Data exports that failed");
    }

    @Test
    void aViewerSeesNoPauseOrDelete() {
        Connection c = connection("hubspot", "acme");
        Actor viewer = signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        _assertNone(Button.class, spec -> spec.withId("pause"));
        _assertNone(Button.class, spec -> spec.withId("delete"));
        _assertOne(Button.class, spec -> spec.withId("view-api-calls"));
        assertThatThrownBy(() -> connections.delete(viewer, c.id())).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void anotherWorkspacesConnectionIsNotFound() {
        Connection foreign = connections.create(Actor.system(workspaces.create("Other").id()),
                new io.connectionhealth.connection.NewConnection("hubspot", null, List.of(), List.of(), "x", null));
        signIn(Actor.Role.ADMIN);
        navigate("connections/" + foreign.id());
        assertThat(get_textRecursively(_get(ConnectionDetailView.class))).contains("Connection not found");
        _assertNone(Button.class, spec -> spec.withId("delete"));

        navigate("connections/" + "a".repeat(5000));
        com.vaadin.flow.component.html.Paragraph said = _get(com.vaadin.flow.component.html.Paragraph.class,
                spec -> spec.withPredicate(p -> p.getText().startsWith("There is no connection")));
        assertThat(said.getText()).as("a pasted id of any length, cut").hasSizeLessThan(400);
        assertThat(said.getStyle().get("overflow-wrap")).as("and wrapped, not run off the page").isEqualTo("anywhere");
    }

    @Test
    void aDeletedConnectionsPageLeadsToTheCallsItLeft() {
        Connection c = withCalls(connection("hubspot", "gone"), 200, 401);
        connections.delete(admin, c.id());
        signIn(Actor.Role.VIEWER);
        navigate("connections/" + c.id());
        assertThat(get_textRecursively(_get(ConnectionDetailView.class))).contains("Connection not found")
                .contains("API calls stay in the logs");
        RouterLink calls = _get(RouterLink.class, spec -> spec.withId("not-found-calls"));
        assertThat(calls.getHref()).isEqualTo("logs?connection=" + c.id());
        navigate(calls.getHref());
        _assertOne(io.connectionhealth.signal.ui.ApiCallLogsView.class);
        @SuppressWarnings("unchecked")
        Grid<io.connectionhealth.signal.ApiCall> logs = _get(Grid.class);
        assertThat(_findAll(logs)).hasSize(2);
    }
}
