package io.connectionhealth.base.ui;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinServletRequest;
import io.connectionhealth.base.Actor;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.NewConnection;
import io.connectionhealth.signal.ApiCallInput;
import io.connectionhealth.signal.ApiCallType;
import io.connectionhealth.signal.SignalIngestion;
import io.connectionhealth.support.MutableClock;
import io.connectionhealth.support.TestClockConfig;
import io.connectionhealth.workspace.UserAccountService;
import io.connectionhealth.workspace.WorkspaceService;
import kotlin.jvm.functions.Function0;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Base of the Karibu view tests: the whole application (H2), Vaadin mocked in-process, and a user signed in to a
 * workspace of their own, so that tests never see each other's rows. Test data goes in through the services.
 */
@SpringBootTest
@Import(TestClockConfig.class)
public abstract class KaribuTest {

    private static final Routes ROUTES = new Routes().autoDiscoverViews("io.connectionhealth");

    @Autowired
    protected ApplicationContext context;
    @Autowired
    protected WorkspaceService workspaces;
    @Autowired
    protected UserAccountService users;
    @Autowired
    protected ConnectionService connections;
    @Autowired
    protected SignalIngestion ingestion;
    @Autowired
    protected MutableClock clock;

    /** The signed-in user's workspace, as an admin actor for creating test data. */
    protected Actor admin;
    protected String workspaceId;

    @BeforeEach
    void setUpVaadin() {
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(ROUTES, context, uiFactory));
        workspaceId = workspaces.create("Workspace " + UUID.randomUUID()).id();
        admin = Actor.system(workspaceId);
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
        contextStrategy().clearContext();
        clock.reset();
    }

    /** Creates a user with the role in the test's workspace and signs them in. */
    protected Actor signIn(Actor.Role role) {
        String username = role.name().toLowerCase() + "-" + UUID.randomUUID();
        users.create(io.connectionhealth.base.Actor.system(workspaceId), username, "password-123", role);
        // the principal sign-in makes: the user with the stamp of the password it checked
        var auth = UsernamePasswordAuthenticationToken.authenticated(users.loadUserByUsername(username), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
        // Vaadin installs a context holder strategy per application context; with several test contexts in one JVM
        // the static holder may be another context's, so set this context's strategy too
        SecurityContextHolder.getContext().setAuthentication(auth);
        contextStrategy().getContext().setAuthentication(auth);
        // Vaadin's view access checker asks the request, which Spring Security's filter would normally wrap
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(auth);
        request.setUserInRole((principal, r) -> r.equals(role.name()) || r.equals("ROLE_" + role.name()));
        return users.find(username).orElseThrow().actor();
    }

    private SecurityContextHolderStrategy contextStrategy() {
        return context.getBeanProvider(SecurityContextHolderStrategy.class)
                .getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    /** Navigates as the browser would to this location, which may carry a query string. */
    protected static void navigate(String location) {
        int q = location.indexOf('?');
        if (q < 0) {
            UI.getCurrent().navigate(location);
        } else {
            UI.getCurrent().navigate(location.substring(0, q), QueryParameters.fromString(location.substring(q + 1)));
        }
    }

    /** A focus the server asked the browser for: the component, and whether its focus ring is to show. */
    public record FocusRequest(com.vaadin.flow.component.Component component, boolean ring) {
    }

    /**
     * The JavaScript the server has queued for the browser since the previous call (reading it empties the queue, as
     * a response to the browser would).
     */
    protected static java.util.List<com.vaadin.flow.component.internal.PendingJavaScriptInvocation> pendingJavaScript() {
        UI ui = UI.getCurrent();
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse(); // where executeJs queues its call
        return ui.getInternals().dumpPendingJavaScriptInvocations();
    }

    /**
     * The focus the server last asked the browser for, from the JavaScript it has queued since the previous call
     * (reading it empties the queue, as a response to the browser would).
     */
    protected static java.util.Optional<FocusRequest> focusRequested() {
        return pendingJavaScript().stream()
                .filter(js -> js.getInvocation().getExpression().contains(".focus("))
                // the skip link's script only listens: it moves the focus when the link is pressed
                .filter(js -> !"skip-to-content".equals(com.vaadin.flow.dom.Element.get(js.getOwner()).getAttribute("id")))
                .reduce((first, second) -> second)
                .flatMap(js -> com.vaadin.flow.dom.Element.get(js.getOwner()).getComponent()
                        .map(c -> new FocusRequest(c, js.getInvocation().getParameters().toString()
                                .contains("\"focusVisible\":true"))));
    }

    /** The rows the server asked a grid to scroll to since the previous call (reading it empties the queue). */
    protected static java.util.List<Integer> scrolledTo() {
        return pendingJavaScript().stream().filter(js -> js.getInvocation().getExpression().contains("scrollToIndex"))
                .map(js -> js.getInvocation().getParameters()).map(p -> p.get(p.size() - 1))
                .map(last -> last instanceof Number n ? n.intValue() : Integer.valueOf(String.valueOf(last))).toList();
    }

    /** A grid's length as the browser gets it, showing its first 50 rows, after a round trip. */
    protected static int length(com.vaadin.flow.component.grid.Grid<?> grid) {
        grid.getDataCommunicator().setViewportRange(0, 50);
        MockVaadin.clientRoundtrip(false);
        return grid.getDataCommunicator().getItemCount();
    }

    /** The current location with its query string, e.g. {@code connections?status=new}. */
    protected static String currentLocation() {
        Location location = UI.getCurrent().getInternals().getActiveViewLocation();
        return location.getPathWithQueryParameters();
    }

    protected Connection connection(String type, String xref, String... categories) {
        return connections.create(admin, new NewConnection(type, null, List.of(categories), List.of(), xref, null));
    }

    protected static ApiCallInput call(String connectionId, Instant at, Integer status) {
        return new ApiCallInput(null, connectionId, at, ApiCallType.INBOUND, "GET", "/crm/contact", status,
                status == null, null, null, 120L, 1024L, null);
    }

    protected void post(ApiCallInput... calls) {
        ingestion.ingestApiCalls(admin, List.of(calls));
    }

    /** Sends calls with these statuses to the connection, one second apart, ending a minute ago. */
    protected Connection withCalls(Connection c, Integer... statuses) {
        Instant start = clock.instant().minusSeconds(60 + statuses.length);
        for (int i = 0; i < statuses.length; i++) {
            post(call(c.id(), start.plusSeconds(i), statuses[i]));
        }
        return connections.get(admin, c.id());
    }
}
