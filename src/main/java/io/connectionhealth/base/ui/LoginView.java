package io.connectionhealth.base.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.connectionhealth.base.security.SignInThrottle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Sign-in page; Spring Security's form login processes the POST to {@code /login}. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Connection Health")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    /**
     * Set (to the time) on the new session of a request whose session ended because its user changed
     * (StaleSessionFilter), so that the sign-in page says why the user is there.
     */
    public static final String SESSION_ENDED = LoginView.class.getName() + ".sessionEnded";

    private final LoginForm form = new LoginForm();
    /** What the form says (LoginForm does not give it back). */
    LoginI18n i18n;

    public LoginView() {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        H1 title = new H1("Connection Health");
        title.addClassNames(LumoUtility.FontSize.XXLARGE);
        Paragraph hint = new Paragraph("Sign in with your dashboard account; a forgotten password is set again by an "
                + "admin. On a new install the first admin is 'admin', with the password of APP_BOOTSTRAP_ADMIN_PASSWORD "
                + "or the one printed in the startup log.");
        hint.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.MaxWidth.SCREEN_SMALL);
        hint.getStyle().set("text-align", "center");
        add(title, form, hint);
    }

    /**
     * Whether this session began, within the last minute, as another ended. Not taken out of the session: the page
     * enters this view more than once as it loads, and each entry builds the form's words anew.
     */
    private static boolean sessionEnded() {
        VaadinSession vaadin = VaadinSession.getCurrent();
        WrappedSession session = vaadin == null ? null : vaadin.getSession();
        return session != null && session.getAttribute(SESSION_ENDED) instanceof Instant at
                && at.isAfter(Instant.now().minus(Duration.ofMinutes(1)));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> error = event.getLocation().getQueryParameters().getParameters().get("error");
        i18n = LoginI18n.createDefault();
        // the words of the rest of the dashboard ("Sign out"), not "Log in"
        i18n.getForm().setTitle("Sign in");
        i18n.getForm().setSubmit("Sign in");
        if (error != null && error.contains("locked")) {
            // SignInThrottle: said for any username, so that it tells nothing about which ones exist
            i18n.getErrorMessage().setTitle("Too many failed sign-ins");
            i18n.getErrorMessage().setMessage("Signing in as this user from here is paused for "
                    + SignInThrottle.LOCK.toMinutes() + " minutes after " + SignInThrottle.MAX_FAILURES
                    + " wrong passwords. Wait and try again, or ask an admin to check the account.");
        }
        boolean ended = sessionEnded();
        if (ended && error == null) {
            i18n.getErrorMessage().setTitle("Your session ended");
            i18n.getErrorMessage().setMessage("Your password, your role or your account changed since you signed in "
                    + "(in another browser, or by an admin). Sign in again.");
        }
        form.setI18n(i18n);
        form.setError(error != null || ended);
    }
}
