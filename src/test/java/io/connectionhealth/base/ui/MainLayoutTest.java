package io.connectionhealth.base.ui;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.PollEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import io.connectionhealth.base.Actor;
import io.connectionhealth.connection.ui.ConnectionsView;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class MainLayoutTest extends KaribuTest {

    /** Vaadin's default only logs what a click's action throws unexpectedly: the page stayed as if it were done. */
    @Test
    void anUnexpectedFailureOfAnActionSaysSoOnThePage() {
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        com.vaadin.flow.server.ErrorHandler handler = com.vaadin.flow.server.VaadinSession.getCurrent().getErrorHandler();
        assertThat(handler).isInstanceOf(ErrorNotice.class);
        _assertNone(Span.class, spec -> spec.withId("error-notice"));
        handler.error(new com.vaadin.flow.server.ErrorEvent(new IllegalStateException("an action's unexpected failure")));
        assertThat(_get(Span.class, spec -> spec.withId("error-notice")).getText()).startsWith(ErrorNotice.TEXT);
        var notice = _get(com.vaadin.flow.component.notification.Notification.class);
        assertThat(notice.getDuration()).as("stays until closed").isZero();
        _click(_get(notice, Button.class, spec -> spec.withText("Close")));
        assertThat(notice.isOpened()).isFalse();
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginView() {
        navigate("connections");
        _assertOne(LoginView.class);
        _assertNone(ConnectionsView.class);
    }

    @Test
    void saysSoWhileTheApplicationIsStillStartingAndFillsTheListInWhenItIsDone() {
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        _assertNone(Span.class, spec -> spec.withId("still-starting"));
        // only the list's own asking whether it is behind, every 30 s
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(30_000);
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            navigate("connections?q=written-while-starting");
            assertThat(_get(Span.class, spec -> spec.withId("still-starting")).getText()).startsWith("Still starting");
            assertThat(UI.getCurrent().getPollInterval()).isEqualTo(MainLayout.STARTING_POLL_MILLIS);
            assertThat(_get(Button.class, spec -> spec.withId("count-all")).getText()).isEqualTo("All 0");

            connection("hubspot", "written-while-starting"); // what the start writes, committed at its end
            ComponentUtil.fireEvent(UI.getCurrent(), new PollEvent(UI.getCurrent(), true));
            _assertOne(Span.class, spec -> spec.withId("still-starting")); // not ready yet: nothing changes
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        ComponentUtil.fireEvent(UI.getCurrent(), new PollEvent(UI.getCurrent(), true));
        _assertNone(Span.class, spec -> spec.withId("still-starting"));
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(30_000);
        assertThat(_get(Button.class, spec -> spec.withId("count-all")).getText()).isEqualTo("All 1");
    }

    @Test
    void saysSoWhileTheDatabaseRefusesWritesForAFullDisk() {
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        _assertNone(Span.class, spec -> spec.withId("disk-full"));
        var alarm = context.getBean(io.connectionhealth.base.sql.DiskFullAlarm.class);
        clock.set(java.time.Instant.now().minus(java.time.Duration.ofMinutes(10))); // over once the clock is reset
        try {
            // a batch refused meanwhile (PostgreSQL reads on: the lists alone looked healthy)
            alarm.check(new org.springframework.dao.DataAccessResourceFailureException("insert",
                    new java.sql.SQLException("could not extend file: No space left on device", "53100")));
            ComponentUtil.fireEvent(UI.getCurrent(), new PollEvent(UI.getCurrent(), true));
            assertThat(_get(Span.class, spec -> spec.withId("disk-full")).getText())
                    .isEqualTo("Database disk full: nothing new is stored");
            navigate("logs");
            _assertOne(Span.class, spec -> spec.withId("disk-full"));
        } finally {
            clock.reset();
        }
        ComponentUtil.fireEvent(UI.getCurrent(), new PollEvent(UI.getCurrent(), true));
        _assertNone(Span.class, spec -> spec.withId("disk-full"));
    }

    @Test
    void eachPageIsTheMainLandmarkForScreenReaders() {
        navigate("login");
        assertThat(_get(LoginView.class).getElement().getAttribute("role")).isEqualTo("main");
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        assertThat(_get(ConnectionsView.class).getElement().getAttribute("role")).isEqualTo("main");
        assertThat(_get(com.vaadin.flow.component.html.Header.class).getChildren())
                .as("the title in the banner").anyMatch(c -> c instanceof H1);
        com.vaadin.flow.component.html.Aside drawer = _get(com.vaadin.flow.component.html.Aside.class);
        assertThat(drawer.getElement().getAttribute("aria-label")).isEqualTo("Navigation and account");
        _get(drawer, Span.class, spec -> spec.withId("workspace-name"));
    }

    @Test
    void everyPageHasBorderedFieldsAndANoticeOfALostServerThatStaysOpenAndIsALiveRegion() {
        navigate("login"); // a page before sign-in too: each browser tab's UI gets the same
        UI ui = UI.getCurrent();
        // checked in Chromium: a field's edge measured 3.2 : 1 against the page; with the server stopped, the
        // notice's text shows in full and its role is status
        assertThat(ui.getElement().getStyle().get("--vaadin-input-field-border-width")).isEqualTo("1px");
        assertThat(ui.getElement().getStyle().get("--vaadin-checkbox-border-color")).isEqualTo("var(--lumo-contrast-50pct)");
        assertThat(ui.getElement().getStyle().get("--status-height-collapsed")).isEqualTo("var(--status-height, 1.75rem)");
        assertThat(ui.getReconnectDialogConfiguration().getDialogText()).as("not only the network's fault")
                .isEqualTo(PageStyle.RECONNECTING).contains("cannot reach its database");
        assertThat(ui.getReconnectDialogConfiguration().getDialogTextGaveUp()).isEqualTo(PageStyle.GAVE_UP);
        pendingJavaScript(); // the page's first response carries it (Karibu has sent that already): as it is sent
        PageStyle.apply(ui);
        assertThat(pendingJavaScript()).anyMatch(js -> js.getInvocation().getExpression()
                .contains("vaadin-connection-indicator .v-status-message")
                && js.getInvocation().getExpression().contains("setAttribute('role', 'status')"));
    }

    @Test
    void showsTheWorkspaceTheUserTheTitleAndSignOut() {
        Actor viewer = signIn(Actor.Role.VIEWER);
        navigate("logs");
        assertThat(_get(Span.class, spec -> spec.withId("workspace-name")).getText())
                .isEqualTo(workspaces.get(workspaceId).name());
        assertThat(_get(Span.class, spec -> spec.withId("signed-in-user")).getText())
                .isEqualTo(viewer.id() + " · Viewer");
        assertThat(_get(MainLayout.class, spec -> {}).getContent()).isNotNull();
        assertThat(_get(H1.class).getText()).isEqualTo("API Call Logs");
        _get(Button.class, spec -> spec.withText("Sign out"));
    }

    /** A sign-in's time limit ended the session at the next request, and unsaved input was lost without warning. */
    @Test
    void warnsTenMinutesBeforeTheSignInReachesItsTimeLimit() {
        signIn(Actor.Role.VIEWER);
        java.time.Instant start = java.time.Instant.parse("2026-12-07T06:00:00Z");
        clock.set(start.plus(java.time.Duration.ofHours(11)));
        try {
            com.vaadin.flow.server.VaadinSession.getCurrent().getSession()
                    .setAttribute(io.connectionhealth.base.security.SignedInSessions.SIGNED_IN_AT, start);
            navigate("logs"); // the page's timer is set as it opens (Karibu has sent that already)
            MainLayout layout = _get(MainLayout.class, spec -> {});
            int first = layout.reminder;
            layout.signInEnding(first); // fired early (a clock changed): says nothing yet, sets the timer again
            assertThat(layout.reminder).isEqualTo(first + 1);
            assertThat(pendingJavaScript()).as("due 50 minutes on, at 17:50").anyMatch(js -> js.getInvocation()
                    .getExpression().contains("$server.signInEnding($1)")
                    && js.getInvocation().getParameters().getFirst().toString().equals("3000000"));
            _assertNone(Span.class, spec -> spec.withId("sign-in-ending")); // (Karibu's lookups send the queue)

            clock.set(start.plus(java.time.Duration.ofHours(12)).minusSeconds(600));
            layout.signInEnding(first); // a timer set before: not this page's any more
            _assertNone(Span.class, spec -> spec.withId("sign-in-ending"));
            layout.signInEnding(layout.reminder);
            assertThat(_get(Span.class, spec -> spec.withId("sign-in-ending")).getText())
                    .startsWith("Your sign-in ends at " + start.plus(java.time.Duration.ofHours(12))
                            .atZone(Formats.zone()).toLocalTime() + " (in 10 min): a sign-in lasts 12 hours.")
                    .contains("what is not saved then is lost");
            var notice = _get(com.vaadin.flow.component.notification.Notification.class);
            assertThat(notice.getDuration()).as("stays until closed").isZero();
            layout.signInEnding(layout.reminder);
            _assertOne(Span.class, spec -> spec.withId("sign-in-ending")); // once, however often it is asked
        } finally {
            clock.reset();
        }
    }

    @Test
    void theWarningComesAtOnceOnAPageOpenedInTheLastMinutesAndIsDueAtHalfOfAShortSignIn() {
        java.time.Instant start = java.time.Instant.parse("2026-12-07T06:00:00Z");
        java.time.Duration twelveHours = java.time.Duration.ofHours(12);
        assertThat(SignInEnding.untilNotice(start, twelveHours, start)).isEqualTo(twelveHours.minusMinutes(10));
        assertThat(SignInEnding.untilNotice(start, twelveHours, start.plus(twelveHours).minusSeconds(60)))
                .isZero();
        assertThat(SignInEnding.untilNotice(start, java.time.Duration.ofMinutes(4), start))
                .isEqualTo(java.time.Duration.ofMinutes(2));
    }
}
