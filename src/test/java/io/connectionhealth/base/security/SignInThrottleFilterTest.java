package io.connectionhealth.base.security;

import io.connectionhealth.base.ui.LoginView;
import io.connectionhealth.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleFilterTest {

    private final MutableClock clock = new MutableClock();
    private final SignInThrottleFilter filter = new SignInThrottleFilter(new SignInThrottle(clock));

    {
        clock.set(Instant.parse("2026-12-04T10:00:00Z"));
    }

    private MockHttpSession post(String username, String site) throws Exception {
        MockHttpSession session = new MockHttpSession();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setServletPath("/login");
        request.setSession(session);
        request.addParameter("username", username);
        request.addParameter("password", "whatever");
        if (site != null) {
            request.addHeader("Sec-Fetch-Site", site);
        }
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        return session;
    }

    @Test
    void theUsernameTriedIsKeptForTheFormToShowAgain() throws Exception {
        assertThat(post("alice", "same-origin").getAttribute(LoginView.LAST_USERNAME)).isEqualTo("alice");
        assertThat(post("bob", null).getAttribute(LoginView.LAST_USERNAME)).as("a browser without the header")
                .isEqualTo("bob");
    }

    @Test
    void aSignInFromAnotherSiteOrWithAnImpossibleNamePlantsNothing() throws Exception {
        assertThat(post("mallory", "cross-site").getAttribute(LoginView.LAST_USERNAME)).isNull();
        assertThat(post("x".repeat(SignInThrottle.MAX_USERNAME_LENGTH + 1), "same-origin")
                .getAttribute(LoginView.LAST_USERNAME)).isNull();
    }
}
