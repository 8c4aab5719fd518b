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

        navigate("login?error");
        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getTitle()).isEqualTo("Incorrect username or password");

        navigate("login?error=locked");
        form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getTitle()).isEqualTo("Too many failed sign-ins");
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getMessage()).contains("15 minutes").contains("5 wrong passwords");
    }

    @Test
    void aSessionEndedByAChangeOfItsUserSaysSoForAMinute() {
        var session = com.vaadin.flow.server.VaadinSession.getCurrent().getSession();
        session.setAttribute(LoginView.SESSION_ENDED, java.time.Instant.now());
        navigate("login");
        assertThat(_get(LoginForm.class).isError()).isTrue();
        assertThat(_get(LoginView.class).i18n.getErrorMessage().getTitle()).isEqualTo("Your session ended");
        navigate("login?again");
        assertThat(_get(LoginForm.class).isError()).as("the page enters the view more than once").isTrue();
        session.setAttribute(LoginView.SESSION_ENDED, java.time.Instant.now().minusSeconds(120));
        navigate("login");
        assertThat(_get(LoginForm.class).isError()).as("long ago").isFalse();
    }
}
