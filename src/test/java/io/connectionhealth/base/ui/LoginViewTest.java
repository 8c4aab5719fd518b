package io.connectionhealth.base.ui;

import com.vaadin.flow.component.login.LoginForm;
import org.junit.jupiter.api.Test;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class LoginViewTest extends KaribuTest {

    @Test
    void aWrongPasswordAndALockedSignInSayDifferentThings() {
        navigate("login");
        assertThat(_get(LoginForm.class).isError()).isFalse();
        assertThat(_get(LoginView.class).announced.getText()).isEmpty();

        navigate("login?error");
        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getTitle()).isEqualTo("Incorrect username or password");
        // measured in Chromium: 6.2 : 1 on its tinted box in light (Lumo's red: 4.46), Lumo's own 5.6 : 1 in dark
        assertThat(form.getElement().getStyle().get("--lumo-error-text-color"))
                .isEqualTo("light-dark(hsl(3, 90%, 36%), hsl(3, 100%, 80%))");
        // the form's message is in no live region: said again where a screen reader speaks it
        assertThat(_get(LoginView.class).announced.getElement().getAttribute("role")).isEqualTo("alert");
        assertThat(_get(LoginView.class).announced.getText()).startsWith("Incorrect username or password. ")
                .isEqualTo("Incorrect username or password. " + _get(LoginView.class).i18n.getErrorMessage().getMessage());

        navigate("login?error=locked");
        form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getTitle()).isEqualTo("Too many failed sign-ins");
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getMessage()).contains("15 minutes").contains("5 wrong passwords");
        assertThat(_get(LoginView.class).announced.getText()).startsWith("Too many failed sign-ins. ").contains("15 minutes");
    }

    /** The form posts back the address its tab came from, so that another tab's later one does not win (SignInTest). */
    @Test
    void theFormCarriesTheAddressItsTabCameFrom() {
        navigate("login");
        assertThat(_get(LoginForm.class).getAction()).isEqualTo("login");
        com.vaadin.flow.server.VaadinSession.getCurrent().getSession().setAttribute("SPRING_SECURITY_SAVED_REQUEST",
                new org.springframework.security.web.savedrequest.SimpleSavedRequest(
                        "http://localhost:8080/logs?errors=true&q=a%20b"));
        navigate("login");
        assertThat(_get(LoginForm.class).getAction()).isEqualTo("login?to=%2Flogs%3Ferrors%3Dtrue%26q%3Da%2520b");
        navigate("login?error&to=%2Fsettings%3Fdelivery%3Dfailed");
        assertThat(_get(LoginForm.class).getAction()).as("a wrong password's redirect keeps the tab's own")
                .isEqualTo("login?to=%2Fsettings%3Fdelivery%3Dfailed");
        navigate("login?error&to=%2F%2Fevil.example");
        assertThat(_get(LoginForm.class).getAction()).as("another host's: the session's instead")
                .isEqualTo("login?to=%2Flogs%3Ferrors%3Dtrue%26q%3Da%2520b");

        signIn(io.connectionhealth.base.Actor.Role.VIEWER);
        navigate("login?to=%2Fconnections%3Fstatus%3Dnew");
        assertThat(currentLocation()).as("reloaded once another tab signed in: its own page")
                .isEqualTo("connections?status=new");
        navigate("login?to=%2F%2Fevil.example");
        assertThat(currentLocation()).as("another host's: the start page, without the refused address").isEmpty();
    }

    @Test
    void aSignInWhosePasswordCouldNotBeCheckedSaysSoInsteadOfWrongPassword() {
        var session = com.vaadin.flow.server.VaadinSession.getCurrent().getSession();
        session.setAttribute(org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION,
                new org.springframework.security.authentication.InternalAuthenticationServiceException("down"));
        navigate("login?error");
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getTitle()).isEqualTo("Signing in is not possible right now");
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getMessage()).contains("database cannot be reached")
                .contains("does not count");

        navigate("login?error=locked");
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getTitle()).as("a lock says so, whatever came before")
                .isEqualTo("Too many failed sign-ins");

        session.setAttribute(org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION,
                new org.springframework.security.authentication.BadCredentialsException("wrong"));
        navigate("login?error");
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getTitle()).isEqualTo("Incorrect username or password");
    }

    @Test
    void theSectionABookmarkNamesIsKeptThroughTheSignIn() {
        navigate("login");
        // the browser sends no #fragment, so the tab keeps it for the page it names (Settings reads it; checked in
        // Chromium: /settings?delivery=failed#delivery-log opened signed out comes back whole, scrolled to the log)
        assertThat(pendingJavaScript()).anySatisfy(js -> {
            assertThat(js.getInvocation().getExpression()).contains("location.hash.length > 1")
                    .contains("sessionStorage.setItem($0");
            assertThat(js.getInvocation().getParameters().getFirst()).isEqualTo(LoginView.KEPT_FRAGMENT);
        });
    }

    @Test
    void aSignedInUserIsSentOnToTheDashboard() {
        signIn(io.connectionhealth.base.Actor.Role.VIEWER);
        navigate("login");
        assertThat(com.vaadin.flow.component.UI.getCurrent().getInternals().getActiveRouterTargetsChain().getFirst())
                .isInstanceOf(io.connectionhealth.connection.ui.ConnectionsView.class);
    }

    @Test
    void aFailedSignInShowsTheUsernameTriedAgain() {
        var session = com.vaadin.flow.server.VaadinSession.getCurrent().getSession();
        session.setAttribute(LoginView.LAST_USERNAME, "alice's \"name\"");
        navigate("login");
        assertThat(refills()).as("no failure: an empty form").isEmpty();
        navigate("login?error");
        assertThat(refills()).containsExactly("alice's \"name\"");
        navigate("login?error=locked");
        assertThat(refills()).hasSize(1);
    }

    /** The usernames the page was asked to put back into the form (a parameter: Vaadin escapes it). */
    private static java.util.List<String> refills() {
        return pendingJavaScript().stream()
                .filter(js -> js.getInvocation().getExpression().contains("vaadinLoginUsername"))
                .map(js -> js.getInvocation().getParameters().getFirst().toString())
                .toList();
    }

    @Test
    void aSessionEndedByAChangeOfItsUserSaysSoForAMinute() {
        var session = com.vaadin.flow.server.VaadinSession.getCurrent().getSession();
        session.setAttribute(LoginView.SESSION_ENDED, ended(clock.instant(), LoginView.SessionEnd.Why.USER_CHANGED));
        navigate("login");
        assertThat(_get(LoginForm.class).isError()).isTrue();
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getTitle()).isEqualTo("Your session ended");
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getMessage()).contains("password, your role");
        navigate("login?again");
        assertThat(_get(LoginForm.class).isError()).as("the page enters the view more than once").isTrue();
        session.setAttribute(LoginView.SESSION_ENDED, ended(clock.instant().minusSeconds(120),
                LoginView.SessionEnd.Why.USER_CHANGED));
        navigate("login");
        assertThat(_get(LoginForm.class).isError()).as("long ago").isFalse();
    }

    @Test
    void aSessionEndedByItsTimeLimitSaysHowLongASignInLasts() {
        var session = com.vaadin.flow.server.VaadinSession.getCurrent().getSession();
        session.setAttribute(LoginView.SESSION_ENDED, ended(clock.instant(), LoginView.SessionEnd.Why.TIME_LIMIT));
        navigate("login");
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getTitle()).isEqualTo("Your session ended");
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getMessage()).startsWith("A sign-in lasts 12 hours;");
    }

    @Test
    void anExpiredSessionSaysItWasIdleOrTheServerRestarted() {
        var session = com.vaadin.flow.server.VaadinSession.getCurrent().getSession();
        session.setAttribute(LoginView.SESSION_ENDED, ended(clock.instant(), LoginView.SessionEnd.Why.EXPIRED));
        navigate("login");
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getTitle()).isEqualTo("Your session expired");
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getMessage()).startsWith("It was idle too long");
    }

    @Test
    void aDurationInWords() {
        assertThat(LoginView.words(java.time.Duration.ofHours(12))).isEqualTo("12 hours");
        assertThat(LoginView.words(java.time.Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(LoginView.words(java.time.Duration.ofDays(7))).isEqualTo("7 days");
        assertThat(LoginView.words(java.time.Duration.ofMinutes(90))).isEqualTo("90 minutes");
    }

    private static LoginView.SessionEnd ended(java.time.Instant at, LoginView.SessionEnd.Why why) {
        return new LoginView.SessionEnd(at, why);
    }
}
