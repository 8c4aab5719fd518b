package io.connectionhealth.base.security;

import io.connectionhealth.base.ui.LoginView;
import io.connectionhealth.support.MutableClock;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
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

    @Test
    void aSignInWhosePasswordCouldNotBeCheckedIsNotCountedAgainstTheUser() throws Exception {
        SignInThrottle throttle = new SignInThrottle(clock);
        SignInThrottleFilter counting = new SignInThrottleFilter(throttle);
        for (int i = 0; i < SignInThrottle.MAX_FAILURES + 2; i++) {
            signIn(counting, "admin", new InternalAuthenticationServiceException("database unreachable"));
        }
        assertThat(throttle.locked("admin", "127.0.0.1")).as("an outage is no guessing").isFalse();
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            signIn(counting, "admin", new BadCredentialsException("wrong"));
        }
        assertThat(throttle.locked("admin", "127.0.0.1")).as("wrong passwords still count").isTrue();
    }

    @Test
    void anEarlierAttemptsFailureDoesNotSpeakForAnAttemptTurnedBackBeforeItsPasswordIsChecked() throws Exception {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, new InternalAuthenticationServiceException("down"));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setServletPath("/login");
        request.setSession(session);
        request.addParameter("username", "x".repeat(SignInThrottle.MAX_USERNAME_LENGTH + 1));
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        assertThat(session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)).isNull();
    }

    /** A sign-in through the filter whose password check (the rest of the chain) fails so. */
    private static void signIn(SignInThrottleFilter filter, String username, AuthenticationException failure)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setServletPath("/login");
        request.setRemoteAddr("127.0.0.1");
        request.addParameter("username", username);
        request.addParameter("password", "whatever");
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) {
                // as Spring Security's failure handler does before redirecting to /login?error
                req.getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, failure);
            }
        }));
    }
}
