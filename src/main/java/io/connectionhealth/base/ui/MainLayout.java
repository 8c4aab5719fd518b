package io.connectionhealth.base.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.PollEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Aside;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.security.SessionProperties;
import io.connectionhealth.base.security.SignedInSessions;
import io.connectionhealth.base.sql.DiskFullAlarm;
import io.connectionhealth.connection.ui.ConnectionsView;
import io.connectionhealth.connection.ui.IntegrationsView;
import io.connectionhealth.signal.ui.ApiCallLogsView;
import io.connectionhealth.workspace.UserAccount;
import io.connectionhealth.workspace.UserAccountService;
import io.connectionhealth.workspace.WorkspaceService;
import io.connectionhealth.workspace.ui.ChangePasswordDialog;
import io.connectionhealth.workspace.ui.SettingsView;
import jakarta.annotation.security.PermitAll;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The frame around every view: side navigation (Settings only for admins), the workspace, the signed-in user, their
 * password and sign-out. On a window narrower than 1350 px the drawer starts collapsed behind the toggle.
 */
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final H1 title = new H1();
    /**
     * The pages answer while the first start still writes the demo workspace in one transaction: until it commits,
     * the lists are empty, which would otherwise look like a workspace without data.
     */
    private final Span starting = Badges.of("Still starting: the lists fill in when it is done", "contrast");
    private final ApplicationAvailability availability;
    /** PostgreSQL answers reads with its disk full: without this the pages looked healthy while nothing was stored. */
    private final Span diskFull = Badges.of("Database disk full: nothing new is stored", "error");
    private final DiskFullAlarm diskFullAlarm;
    /** While starting, the page asks the server every few seconds, so that the badge goes and the lists fill in. */
    static final int STARTING_POLL_MILLIS = 3000;
    private Registration startingPoll;

    private final Duration sessionMaxAge;
    private final Clock clock;
    /** The page's current timer for the notice before the sign-in ends, and whether it came. */
    int reminder;
    private boolean reminded;

    public MainLayout(CurrentUser currentUser, WorkspaceService workspaces, UserAccountService users,
                      ApplicationAvailability availability, DiskFullAlarm diskFullAlarm, SessionProperties sessions,
                      Clock clock) {
        this.sessionMaxAge = sessions.sessionMaxAge();
        this.clock = clock;
        UserAccount account = currentUser.account();
        setPrimarySection(Section.DRAWER);

        // one line, cut with an ellipsis: a connection's 200-character name had made a 68 px bar or run off the screen
        title.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE, LumoUtility.Whitespace.NOWRAP,
                LumoUtility.Overflow.HIDDEN, LumoUtility.TextOverflow.ELLIPSIS);
        // the navbar's and the drawer's contents each inside a landmark, as the page is (screen readers list them)
        Header banner = new Header(new DrawerToggle(), title);
        banner.addClassNames(LumoUtility.Display.FLEX, LumoUtility.AlignItems.CENTER, LumoUtility.Flex.GROW);
        banner.getStyle().set("min-width", "0");
        addToNavbar(skipToContent(), banner);
        this.availability = availability;
        starting.setId("still-starting");
        starting.getElement().setAttribute("title", "The application has not finished starting (on a first start it "
                + "writes the demo workspace). What it writes shows once it is done.");
        starting.addClassNames(LumoUtility.Margin.Start.MEDIUM);
        banner.add(starting);
        this.diskFullAlarm = diskFullAlarm;
        diskFull.setId("disk-full");
        diskFull.getElement().setAttribute("title", "The database refused a write in the last minute because its disk "
                + "is full: API calls, job runs and changes are refused (503) and events are not sent until space is "
                + "freed. What is stored can still be read.");
        diskFull.addClassNames(LumoUtility.Margin.Start.MEDIUM);
        diskFull.setVisible(false);
        banner.add(diskFull);

        Span appName = new Span("Connection Health");
        appName.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.FontSize.LARGE);
        Span workspace = new Span(workspaces.get(account.workspaceId()).name());
        workspace.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        workspace.setId("workspace-name");
        VerticalLayout header = new VerticalLayout(appName, workspace);
        header.setSpacing(false);
        header.addClassNames(LumoUtility.Padding.MEDIUM);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Connections", ConnectionsView.class, VaadinIcon.CONNECT.create()));
        nav.addItem(new SideNavItem("Integrations", IntegrationsView.class, VaadinIcon.PLUG.create()));
        nav.addItem(new SideNavItem("API Call Logs", ApiCallLogsView.class, VaadinIcon.LIST.create()));
        if (account.role() == Actor.Role.ADMIN) {
            nav.addItem(new SideNavItem("Settings", SettingsView.class, VaadinIcon.COG.create()));
        }
        nav.addClassNames(LumoUtility.Padding.Horizontal.SMALL);

        Span user = new Span(account.username() + " · " + Badges.enumLabel(account.role()));
        user.setId("signed-in-user");
        Formats.wrapAnywhere(user);
        user.addClassNames(LumoUtility.FontSize.SMALL);
        Button password = new Button("Change password", VaadinIcon.KEY.create(),
                e -> new ChangePasswordDialog(users, currentUser.actor()).open());
        password.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        Button signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> currentUser.signOut());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        VerticalLayout footer = new VerticalLayout(user, password, signOut);
        footer.setSpacing(false);
        footer.addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.Margin.Top.AUTO);

        Aside drawer = new Aside(header, nav, footer);
        drawer.getElement().setAttribute("aria-label", "Navigation and account");
        drawer.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN, LumoUtility.Height.FULL);
        addToDrawer(drawer);
    }

    /**
     * The keyboard's first stop: past the drawer's toggle, links and buttons (six stops, an accessibility audit) to
     * the page's own content. Shown only while it has the focus; all in the browser, so it
     * works while the server is busy.
     */
    private static Button skipToContent() {
        Button skip = new Button("Skip to content");
        skip.setId("skip-to-content");
        skip.addThemeVariants(ButtonVariant.LUMO_SMALL);
        skip.addClassNames(LumoUtility.Accessibility.SCREEN_READER_ONLY, LumoUtility.Margin.SMALL);
        skip.getElement().executeJs("""
                const hidden = $0;
                this.addEventListener('focus', () => this.classList.remove(hidden));
                this.addEventListener('blur', () => this.classList.add(hidden));
                this.addEventListener('click', () => {
                    const main = document.querySelector('[role=main]');
                    if (!main) return;
                    // focusable only while it takes the focus: a shadow host (the page's layout) with a tabindex of
                    // -1 takes everything in it out of the Tab order, and the page could be reached only from here
                    main.setAttribute('tabindex', '-1');
                    main.addEventListener('blur', () => main.removeAttribute('tabindex'), {once: true});
                    main.focus();
                });""", LumoUtility.Accessibility.SCREEN_READER_ONLY);
        return skip;
    }

    /**
     * Below this window width the drawer starts closed (the toggle opens it): beside it, the grids' columns need more
     * than is left and scroll sideways. AppLayout itself only closes it on phone-sized screens.
     */
    static final int DRAWER_CLOSED_BELOW = 1350;

    /** The page's own content is its main landmark (AppLayout marks only the navigation), for screen readers. */
    @Override
    public void showRouterLayoutContent(com.vaadin.flow.component.HasElement content) {
        super.showRouterLayoutContent(content);
        if (content != null) {
            content.getElement().setAttribute("role", "main"); // the skip link's target
        }
    }

    private void showDiskFull() {
        diskFull.setVisible(diskFullAlarm.raisedAt() != null);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        if (event.isInitialAttach()) {
            // a page that polls (the lists do, every 30 s) shows it coming and going without a reload
            event.getUI().addPollListener(poll -> showDiskFull());
            remindBeforeTheSignInEnds();
            event.getUI().getPage().retrieveExtendedClientDetails(details -> {
                if (details.getWindowInnerWidth() > 0 && details.getWindowInnerWidth() < DRAWER_CLOSED_BELOW) {
                    setDrawerOpened(false);
                }
            });
        }
    }

    /** The browser's timer asks at most a day ahead: setTimeout fires at once past 24.8 days, a possible limit. */
    private void remindBeforeTheSignInEnds() {
        int timer = ++reminder;
        SignedInSessions.signedInAt().ifPresent(at -> getElement().executeJs(
                "setTimeout(() => this.$server.signInEnding($1), $0)", Math.min(Duration.ofDays(1).toMillis(),
                        SignInEnding.untilNotice(at, sessionMaxAge, clock.instant()).toMillis()), timer));
    }

    /** Only the page's latest timer counts, and the notice comes once: calls from the page itself had stacked it. */
    @ClientCallable
    void signInEnding(int timer) {
        if (timer != reminder || reminded) {
            return;
        }
        Instant now = clock.instant();
        SignedInSessions.signedInAt().ifPresent(at -> {
            if (SignInEnding.untilNotice(at, sessionMaxAge, now).isPositive()) {
                remindBeforeTheSignInEnds(); // a timer capped at a day, or one that fired early
            } else {
                reminded = true;
                SignInEnding.open(at, sessionMaxAge, now);
            }
        });
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        title.setText(titleOf(getContent()));
        showDiskFull();
        boolean ready = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
        starting.setVisible(!ready);
        if (!ready && startingPoll == null) {
            UI ui = event.getLocationChangeEvent().getUI();
            Polling.start(ui, "still-starting", STARTING_POLL_MILLIS);
            startingPoll = ui.addPollListener(this::whileStarting);
        }
    }

    private void whileStarting(PollEvent event) {
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return;
        }
        starting.setVisible(false);
        startingPoll.remove();
        startingPoll = null;
        Polling.stop(event.getSource(), "still-starting");
        if (getContent() instanceof Refreshable view) {
            view.refresh();
        }
    }

    private static String titleOf(Component view) {
        if (view instanceof HasDynamicTitle dynamic) {
            return shortTitle(dynamic.getPageTitle());
        }
        PageTitle annotation = view == null ? null : view.getClass().getAnnotation(PageTitle.class);
        return annotation == null ? "" : shortTitle(annotation.value());
    }

    /** Page titles end in " · Connection Health" for the browser tab; the navbar shows the first part. */
    private static String shortTitle(String pageTitle) {
        String suffix = " · Connection Health";
        return pageTitle.endsWith(suffix) ? pageTitle.substring(0, pageTitle.length() - suffix.length()) : pageTitle;
    }
}
