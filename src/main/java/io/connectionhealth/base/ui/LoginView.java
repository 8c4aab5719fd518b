package io.connectionhealth.base.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.spring.security.VaadinDefaultRequestCache;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.connectionhealth.base.security.ReturnAddress;
import io.connectionhealth.base.security.SessionProperties;
import io.connectionhealth.base.security.SignInThrottle;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.web.WebAttributes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sign-in page; Spring Security's form login processes the POST to {@code /login}. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Connection Health")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    /**
     * Set (to a {@link SessionEnd}) on the new session of a request whose session ended because its user changed or
     * its time was up (StaleSessionFilter), so that the sign-in page says why the user is there.
     */
    public static final String SESSION_ENDED = LoginView.class.getName() + ".sessionEnded";

    /**
     * A cookie of the browser's session: {@value #MARK_SIGNED_IN} once a request of a signed-in session is seen (tells
     * an expired signed-in session from an anonymous one), {@value #MARK_SIGNED_OUT} after signing out (tells the
     * sign-in page of every tab why it is there).
     */
    public static final String MARK_COOKIE = "CH_SIGNED_IN";
    public static final String MARK_SIGNED_IN = "1";
    public static final String MARK_SIGNED_OUT = "out";

    /** The username of the session's last sign-in attempt (set by the sign-in filter), shown again after a failure. */
    public static final String LAST_USERNAME = LoginView.class.getName() + ".lastUsername";

    /**
     * Puts the username back into the form and the cursor into the password field. LoginForm has no Java API for its
     * fields; they are in its light DOM, rendered as the element upgrades, hence the few frames of patience.
     */
    private static final String REFILL_USERNAME = """
            const form = this;
            let frames = 0;
            const fill = () => {
                const username = form.querySelector('#vaadinLoginUsername');
                const password = form.querySelector('#vaadinLoginPassword');
                if (!username || !password) {
                    if (++frames < 120) requestAnimationFrame(fill);
                    return;
                }
                if (!username.value) username.value = $0;
                // after the form's own autofocus, which takes the username field
                setTimeout(() => password.focus());
            };
            fill();""";

    /** When and why the session before this one ended. */
    public record SessionEnd(Instant at, Why why) implements java.io.Serializable {
        public enum Why { USER_CHANGED, TIME_LIMIT, EXPIRED, SIGNED_OUT }
    }

    private final LoginForm form = new LoginForm();
    /**
     * The form's error again, for screen readers: the form's own message is in no live region and is tied to no field,
     * so after a failed sign-in (a new page, the cursor in the password field) it went unsaid.
     */
    final Span announced = ScreenReaderText.of("");
    /** What the form says (LoginForm does not give it back). */
    LoginI18n i18n;

    private final Duration maxAge;
    private final Clock clock;
    private final AuthenticationContext authentication;
    private final VaadinDefaultRequestCache requestCache;

    public LoginView(SessionProperties sessions, Clock clock, AuthenticationContext authentication,
                     VaadinDefaultRequestCache requestCache) {
        this.maxAge = sessions.sessionMaxAge();
        this.clock = clock;
        this.authentication = authentication;
        this.requestCache = requestCache;
        setWidthFull();
        setMinHeight("100vh");
        getElement().setAttribute("role", "main"); // a landmark for screen readers: the page has no layout around it
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        // the form's error text on its tinted box measured 4.46 : 1 in light (AA asks 4.5): a darker red there, Lumo's
        // own in dark
        form.getElement().getStyle().set("--lumo-error-text-color", "light-dark(hsl(3, 90%, 36%), hsl(3, 100%, 80%))");
        H1 title = new H1("Connection Health");
        title.addClassNames(LumoUtility.FontSize.XXLARGE);
        Paragraph hint = new Paragraph("Sign in with your dashboard account; a forgotten password is set again by an "
                + "admin. On a new install the first admin is 'admin', with the password printed in the log of its first "
                + "start, or the one APP_BOOTSTRAP_ADMIN_PASSWORD gave it then (to set it later: "
                + "APP_BOOTSTRAP_RESET_ADMIN_PASSWORD, see the operations guide).");
        hint.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.MaxWidth.SCREEN_SMALL);
        hint.getStyle().set("text-align", "center");
        announced.getElement().setAttribute("role", "alert");
        add(title, form, hint, announced);
        getElement().executeJs(KEEP_FRAGMENT, KEPT_FRAGMENT);
    }

    /** Where this tab keeps the address's {@code #section} through the sign-in, for the page that reads it. */
    public static final String KEPT_FRAGMENT = "connection-health.fragment";

    /**
     * A bookmark's {@code #section} (/settings#users) is not sent to the server, so the redirect after signing in
     * dropped it: the tab keeps it, with the time, until the page it names reads it (SettingsView).
     */
    private static final String KEEP_FRAGMENT = """
            if (location.hash.length > 1) {
                sessionStorage.setItem($0, JSON.stringify({hash: location.hash, at: Date.now()}));
            }""";

    /**
     * Why this session began, within the last minute, as another ended, if it did. Not taken out of the session: the
     * page enters this view more than once as it loads, and each entry builds the form's words anew.
     */
    private Optional<SessionEnd.Why> sessionEnded() {
        VaadinSession vaadin = VaadinSession.getCurrent();
        WrappedSession session = vaadin == null ? null : vaadin.getSession();
        return session != null && session.getAttribute(SESSION_ENDED) instanceof SessionEnd end
                && end.at().isAfter(clock.instant().minus(Duration.ofMinutes(1))) ? Optional.of(end.why())
                : Optional.empty();
    }

    /**
     * The browser signed out, in this tab or another: a tab left open elsewhere had landed here without a word at its
     * next click (an audit). Said until someone signs in again.
     */
    private static boolean signedOut() {
        VaadinRequest request = VaadinRequest.getCurrent();
        return request != null && request.getCookies() != null && java.util.Arrays.stream(request.getCookies())
                .anyMatch(c -> MARK_COOKIE.equals(c.getName()) && MARK_SIGNED_OUT.equals(c.getValue()));
    }

    /** The last sign-in failed without its password being checked: the user store (the database) failed. */
    private static boolean passwordNotChecked() {
        VaadinSession vaadin = VaadinSession.getCurrent();
        WrappedSession session = vaadin == null ? null : vaadin.getSession();
        return session != null && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
                instanceof InternalAuthenticationServiceException;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> to = event.getLocation().getQueryParameters().getParameters().get(ReturnAddress.PARAMETER);
        String kept = to == null || to.isEmpty() ? null : ReturnAddress.local(to.getFirst());
        if (authentication.isAuthenticated()) {
            if (kept != null) {
                // a tab sent here reloaded after signing in in another one: its own page, not the start page
                int query = kept.indexOf('?');
                event.forwardTo(query < 0 ? kept.substring(1) : kept.substring(1, query),
                        QueryParameters.fromString(query < 0 ? "" : kept.substring(query + 1)));
                return;
            }
            // Back from the first page, or /login typed: the session is valid, and a form asking to sign in misleads;
            // a refused return address is not carried on to the start page's address
            event.forwardTo("", QueryParameters.empty());
            return;
        }
        form.setAction(action(kept != null ? kept : returnAddress()));
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
        } else if (error != null && passwordNotChecked()) {
            i18n.getErrorMessage().setTitle("Signing in is not possible right now");
            i18n.getErrorMessage().setMessage("The database cannot be reached, so your password was not checked (and "
                    + "this try does not count as a wrong one). Try again in a minute; if it goes on, tell whoever runs "
                    + "Connection Health.");
        }
        Optional<SessionEnd.Why> ended = sessionEnded()
                .or(() -> signedOut() ? Optional.of(SessionEnd.Why.SIGNED_OUT) : Optional.empty());
        if (ended.isPresent() && error == null) {
            i18n.getErrorMessage().setTitle(switch (ended.get()) {
                case EXPIRED -> "Your session expired";
                case SIGNED_OUT -> "You signed out";
                default -> "Your session ended";
            });
            i18n.getErrorMessage().setMessage(switch (ended.get()) {
                case TIME_LIMIT -> "A sign-in lasts " + words(maxAge) + "; yours began longer ago than that. Sign in "
                        + "again; what was not saved (a Save clicked as it ended included) is lost.";
                case EXPIRED -> "It was idle too long (a closed laptop, say), or the server restarted. Sign in again; "
                        + "what was not saved is lost.";
                case USER_CHANGED -> "Your password, your role or your account changed since you signed in (in another "
                        + "browser, or by an admin). Sign in again; what was not saved is lost.";
                case SIGNED_OUT -> "Signing out, in this tab or another, signs out every tab of this browser. Sign in "
                        + "again to go on; what was not saved in them is lost.";
            });
        }
        form.setI18n(i18n);
        form.setError(error != null || ended.isPresent());
        announced.setText(error != null || ended.isPresent()
                ? i18n.getErrorMessage().getTitle() + ". " + i18n.getErrorMessage().getMessage() : "");
        if (error != null) {
            lastUsername().ifPresent(username -> form.getElement().executeJs(REFILL_USERNAME, username));
        }
    }

    /**
     * Where the session would lead a sign-in, for a tab whose address does not say (ReturnAddressFilter puts it on
     * the redirect here, and a failed try keeps it): posted back with the form all the same.
     */
    private String returnAddress() {
        return VaadinRequest.getCurrent() instanceof VaadinServletRequest request
                ? ReturnAddress.pathOf(requestCache.getRequest(request.getHttpServletRequest(), null)) : null;
    }

    static String action(String returnAddress) {
        return returnAddress == null ? "login" : "login?" + ReturnAddress.query(returnAddress);
    }

    private static Optional<String> lastUsername() {
        VaadinSession vaadin = VaadinSession.getCurrent();
        WrappedSession session = vaadin == null ? null : vaadin.getSession();
        return session != null && session.getAttribute(LAST_USERNAME) instanceof String username && !username.isBlank()
                ? Optional.of(username) : Optional.empty();
    }

    /** "12 hours", "1 day", "90 minutes". */
    static String words(Duration d) {
        long minutes = d.toMinutes();
        if (minutes % (24 * 60) == 0) {
            return plural(minutes / (24 * 60), "day");
        }
        return minutes % 60 == 0 ? plural(minutes / 60, "hour") : plural(minutes, "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
