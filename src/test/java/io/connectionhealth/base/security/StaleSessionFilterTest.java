package io.connectionhealth.base.security;

import io.connectionhealth.workspace.SignedInUser;
import io.connectionhealth.workspace.UserAccountService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import io.connectionhealth.base.ui.LoginView;
import io.connectionhealth.support.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class StaleSessionFilterTest {

    private static final List<GrantedAuthority> VIEWER = List.of(new SimpleGrantedAuthority("ROLE_VIEWER"));

    private final UserAccountService users = mock(UserAccountService.class);
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final MutableClock clock = new MutableClock();
    private final StaleSessionFilter filter = new StaleSessionFilter(users, contexts, Duration.ofHours(12), clock);

    @BeforeEach
    void stopTheClock() {
        clock.set(Instant.parse("2026-12-04T08:00:00Z"));
    }

    @AfterEach
    void signOut() {
        contexts.clearContext();
    }

    @Test
    void aRemovedUsersSessionEndsAtTheirNextRequestAndOthersStay() throws Exception {
        when(users.credentialStamp("still-here")).thenReturn(Optional.of("s1"));
        when(users.credentialStamp("removed")).thenReturn(Optional.empty());

        assertThat(requestAs("still-here", "s1").isInvalid()).isFalse();
        assertThat(contexts.getContext().getAuthentication().getName()).isEqualTo("still-here");

        assertThat(requestAs("removed", "s1").isInvalid()).isTrue();
        assertThat(contexts.getContext().getAuthentication()).isNull();
        assertThat(lastRequest.getSession(false).getAttribute(LoginView.SESSION_ENDED))
                .as("the new session tells the sign-in page why")
                .isEqualTo(new LoginView.SessionEnd(clock.instant(), LoginView.SessionEnd.Why.USER_CHANGED));
    }

    @Test
    void aSessionSignedInWithAnEarlierPasswordEndsWhateverItDidMeanwhile() throws Exception {
        when(users.credentialStamp("admin")).thenReturn(Optional.of("after"));
        // signed in with the old password, and no request before the change: it still carries the old stamp
        assertThat(requestAs("admin", "before").isInvalid()).isTrue();
        assertThat(requestAs("admin", "after").isInvalid()).as("signed in with the new one").isFalse();
    }

    @Test
    void aPrincipalWithoutAStampCountsAsStale() throws Exception {
        when(users.credentialStamp("admin")).thenReturn(Optional.of("s1"));
        contexts.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin", null, VIEWER));
        assertThat(request().isInvalid()).isTrue();
    }

    @Test
    void aSessionEndsTwelveHoursAfterItsFirstSignedInRequestHoweverBusy() throws Exception {
        when(users.credentialStamp("admin")).thenReturn(Optional.of("s1"));
        MockHttpSession session = new MockHttpSession();
        signedIn("admin", "s1");
        request(session);
        clock.advance(Duration.ofHours(12));
        assertThat(request(session).isInvalid()).as("exactly at the limit").isFalse();
        assertThat(contexts.getContext().getAuthentication()).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(request(session).isInvalid()).isTrue();
        assertThat(contexts.getContext().getAuthentication()).isNull();
        assertThat(lastRequest.getSession(false).getAttribute(LoginView.SESSION_ENDED))
                .isEqualTo(new LoginView.SessionEnd(clock.instant(), LoginView.SessionEnd.Why.TIME_LIMIT));

        MockHttpSession anonymous = new MockHttpSession();
        contexts.clearContext();
        request(anonymous);
        assertThat(anonymous.getAttribute(StaleSessionFilter.SIGNED_IN_AT)).as("the sign-in page's session")
                .isNull();
    }

    @Test
    void aRequestNamingASessionThatIsGoneLeavesTheSignInPageAReason() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/connections");
        request.setRequestedSessionId("gone-since-yesterday");
        request.setRequestedSessionIdValid(false);
        request.setCookies(new jakarta.servlet.http.Cookie(StaleSessionFilter.SIGNED_IN_COOKIE, "1"));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        assertThat(request.getSession(false).getAttribute(LoginView.SESSION_ENDED))
                .isEqualTo(new LoginView.SessionEnd(clock.instant(), LoginView.SessionEnd.Why.EXPIRED));
        assertThat(response.getCookie(StaleSessionFilter.SIGNED_IN_COOKIE).getMaxAge()).as("said once").isZero();

        // a sign-in page left open overnight, never signed in: its reload says nothing of an ended session
        MockHttpServletRequest anonymous = new MockHttpServletRequest("POST", "/login");
        anonymous.setRequestedSessionId("sign-in-page-of-yesterday");
        anonymous.setRequestedSessionIdValid(false);
        filter.doFilter(anonymous, new MockHttpServletResponse(), new MockFilterChain());
        assertThat(anonymous.getSession(false)).isNull();

        // signed out (in another tab): its sign-in page says that, not that the session expired
        MockHttpServletRequest signedOut = new MockHttpServletRequest("GET", "/connections");
        signedOut.setRequestedSessionId("signed-out-in-another-tab");
        signedOut.setRequestedSessionIdValid(false);
        signedOut.setCookies(new jakarta.servlet.http.Cookie(StaleSessionFilter.SIGNED_IN_COOKIE,
                LoginView.MARK_SIGNED_OUT));
        MockHttpServletResponse kept = new MockHttpServletResponse();
        filter.doFilter(signedOut, kept, new MockFilterChain());
        assertThat(signedOut.getSession(false)).isNull();
        assertThat(kept.getCookie(StaleSessionFilter.SIGNED_IN_COOKIE)).as("the mark stays, for other tabs")
                .isNull();

        MockHttpServletRequest fresh = new MockHttpServletRequest("GET", "/login");
        filter.doFilter(fresh, new MockHttpServletResponse(), new MockFilterChain());
        assertThat(fresh.getSession(false)).as("no session named: nothing to say, no session made").isNull();
    }

    @Test
    void anotherRequestStillNamingASessionEndedForAReasonKeepsThatReason() throws Exception {
        when(users.credentialStamp("admin")).thenReturn(Optional.of("after"));
        MockHttpSession ended = requestAs("admin", "before");
        assertThat(ended.isInvalid()).isTrue();
        contexts.clearContext();
        // a heartbeat of the same page, sent with the old cookie before the browser took the new one
        MockHttpServletRequest heartbeat = new MockHttpServletRequest("POST", "/");
        heartbeat.setRequestedSessionId(ended.getId());
        heartbeat.setRequestedSessionIdValid(false);
        filter.doFilter(heartbeat, new MockHttpServletResponse(), new MockFilterChain());
        assertThat(heartbeat.getSession(false).getAttribute(LoginView.SESSION_ENDED))
                .isEqualTo(new LoginView.SessionEnd(clock.instant(), LoginView.SessionEnd.Why.USER_CHANGED));
    }

    @Test
    void aSignedInRequestMarksTheBrowserAsSignedInOnce() throws Exception {
        when(users.credentialStamp("admin")).thenReturn(Optional.of("s1"));
        signedIn("admin", "s1");
        MockHttpServletRequest first = new MockHttpServletRequest("GET", "/connections");
        MockHttpServletResponse answer = new MockHttpServletResponse();
        filter.doFilter(first, answer, new MockFilterChain());
        assertThat(answer.getCookie(StaleSessionFilter.SIGNED_IN_COOKIE).getValue()).isEqualTo("1");
        assertThat(answer.getCookie(StaleSessionFilter.SIGNED_IN_COOKIE).isHttpOnly()).isTrue();

        MockHttpServletRequest next = new MockHttpServletRequest("GET", "/logs");
        next.setCookies(new jakarta.servlet.http.Cookie(StaleSessionFilter.SIGNED_IN_COOKIE, "1"));
        MockHttpServletResponse again = new MockHttpServletResponse();
        filter.doFilter(next, again, new MockFilterChain());
        assertThat(again.getCookie(StaleSessionFilter.SIGNED_IN_COOKIE)).isNull();

        MockHttpServletRequest afterSigningOut = new MockHttpServletRequest("GET", "/logs");
        afterSigningOut.setCookies(new jakarta.servlet.http.Cookie(StaleSessionFilter.SIGNED_IN_COOKIE,
                LoginView.MARK_SIGNED_OUT));
        MockHttpServletResponse signedInAgain = new MockHttpServletResponse();
        filter.doFilter(afterSigningOut, signedInAgain, new MockFilterChain());
        assertThat(signedInAgain.getCookie(StaleSessionFilter.SIGNED_IN_COOKIE).getValue()).as("signed in again")
                .isEqualTo(LoginView.MARK_SIGNED_IN);
    }

    /** A request of a session that signed in as {@code username} when the password's stamp was {@code stamp}. */
    @Test
    void aPageOpenedWhileTheDatabaseIsUnreachableSaysSoAndTriesAgainByItself() throws Exception {
        when(users.credentialStamp("admin")).thenThrow(
                new org.springframework.jdbc.CannotGetJdbcConnectionException("Connection refused"));
        signedIn("admin", "s1");
        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/logs");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(page, response, chain);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("30");
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getContentAsString()).contains("cannot reach its database")
                .contains("http-equiv=\"refresh\" content=\"30\"");
        assertThat(chain.getRequest()).as("nothing else runs").isNull();

        // an open page's own request keeps Vaadin's "reconnecting" notice, which recovers by itself
        MockHttpServletRequest uidl = new MockHttpServletRequest("POST", "/");
        uidl.addParameter("v-r", "uidl");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> filter.doFilter(uidl, new MockHttpServletResponse(),
                new MockFilterChain())).isInstanceOf(org.springframework.dao.DataAccessResourceFailureException.class);
    }

    private MockHttpSession requestAs(String username, String stamp) throws Exception {
        signedIn(username, stamp);
        return request();
    }

    private void signedIn(String username, String stamp) {
        contexts.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new SignedInUser(username, "", VIEWER, stamp), null, VIEWER));
    }

    private MockHttpServletRequest lastRequest;

    private MockHttpSession request() throws Exception {
        return request(new MockHttpSession());
    }

    private MockHttpSession request(MockHttpSession session) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/connections");
        lastRequest = request;
        request.setSession(session);
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        return session;
    }
}
