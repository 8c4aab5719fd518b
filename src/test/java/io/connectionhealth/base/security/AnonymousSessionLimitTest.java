package io.connectionhealth.base.security;

import jakarta.servlet.http.HttpSessionEvent;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import static org.assertj.core.api.Assertions.assertThat;

class AnonymousSessionLimitTest {

    private final AnonymousSessionLimit limit = new AnonymousSessionLimit(2);

    private MockHttpSession created() {
        MockHttpSession session = new MockHttpSession();
        limit.sessionCreated(new HttpSessionEvent(session));
        return session;
    }

    private void ended(MockHttpSession session) {
        limit.sessionDestroyed(new HttpSessionEvent(session));
    }

    @Test
    void pastTheLimitTheOldestSessionWithoutASignInIsEnded() {
        MockHttpSession first = created();
        MockHttpSession second = created();
        assertThat(first.isInvalid()).isFalse();
        MockHttpSession third = created();
        assertThat(first.isInvalid()).isTrue();
        assertThat(second.isInvalid()).isFalse();
        assertThat(third.isInvalid()).isFalse();
        assertThat(limit.tracked()).isEqualTo(2);
    }

    @Test
    void aSignedInSessionIsNeverEndedAndNoLongerCounted() {
        MockHttpSession signedIn = created();
        signedIn.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, new SecurityContextImpl());
        MockHttpSession anonymous = created();
        MockHttpSession another = created();
        assertThat(signedIn.isInvalid()).isFalse();
        assertThat(anonymous.isInvalid()).isFalse();
        assertThat(another.isInvalid()).isFalse();
        assertThat(limit.tracked()).isEqualTo(2);
        created();
        assertThat(anonymous.isInvalid()).as("the oldest anonymous one").isTrue();
        assertThat(signedIn.isInvalid()).isFalse();
    }

    @Test
    void aSessionThatEndedLeavesRoomAndIsNotEndedAgain() {
        MockHttpSession first = created();
        MockHttpSession second = created();
        first.invalidate();
        ended(first);
        assertThat(limit.tracked()).isEqualTo(1);
        MockHttpSession third = created();
        assertThat(second.isInvalid()).isFalse();
        assertThat(third.isInvalid()).isFalse();
    }
}
