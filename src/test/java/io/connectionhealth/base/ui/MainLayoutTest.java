package io.connectionhealth.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import io.connectionhealth.base.Actor;
import io.connectionhealth.connection.ui.ConnectionsView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class MainLayoutTest extends KaribuTest {

    @Test
    void anonymousVisitorsAreSentToTheLoginView() {
        navigate("connections");
        _assertOne(LoginView.class);
        _assertNone(ConnectionsView.class);
    }

    @Autowired
    ApplicationContext context;

    @Test
    void saysSoWhileTheApplicationIsStillStarting() {
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        _assertNone(Span.class, spec -> spec.withId("still-starting"));
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            navigate("logs");
            assertThat(_get(Span.class, spec -> spec.withId("still-starting")).getText()).startsWith("Still starting");
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
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
}
