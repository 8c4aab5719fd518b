package io.connectionhealth.base.security;

import io.connectionhealth.workspace.UserAccountService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class StaleSessionFilterTest {

    private final UserAccountService users = mock(UserAccountService.class);
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final StaleSessionFilter filter = new StaleSessionFilter(users, contexts);

    @AfterEach
    void signOut() {
        contexts.clearContext();
    }

    @Test
    void aRemovedUsersSessionEndsAtTheirNextRequestAndOthersStay() throws Exception {
        when(users.credentialStamp("still-here")).thenReturn(Optional.of("s1"));
        when(users.credentialStamp("removed")).thenReturn(Optional.empty());

        MockHttpSession kept = request("still-here", new MockHttpSession());
        assertThat(kept.isInvalid()).isFalse();
        assertThat(contexts.getContext().getAuthentication().getName()).isEqualTo("still-here");

        MockHttpSession ended = request("removed", new MockHttpSession());
        assertThat(ended.isInvalid()).isTrue();
        assertThat(contexts.getContext().getAuthentication()).isNull();
    }

    @Test
    void aSessionEndsWhenItsUsersPasswordChangedElsewhereAndTheOneThatChangedItStays() throws Exception {
        when(users.credentialStamp("admin")).thenReturn(Optional.of("before"));
        MockHttpSession other = request("admin", new MockHttpSession());
        MockHttpSession changing = request("admin", new MockHttpSession());
        assertThat(other.getAttribute(SignedInSessions.STAMP)).as("remembered at the first request").isEqualTo("before");
        request("admin", other);
        assertThat(other.isInvalid()).isFalse();

        when(users.credentialStamp("admin")).thenReturn(Optional.of("after"));
        changing.setAttribute(SignedInSessions.STAMP, "after"); // what SignedInSessions.keepCurrent does
        request("admin", changing);
        assertThat(changing.isInvalid()).isFalse();
        assertThat(contexts.getContext().getAuthentication()).isNotNull();

        request("admin", other);
        assertThat(other.isInvalid()).isTrue();
        assertThat(contexts.getContext().getAuthentication()).isNull();
    }

    private MockHttpSession request(String username, MockHttpSession session) throws Exception {
        contexts.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
                List.of(new SimpleGrantedAuthority("ROLE_VIEWER"))));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/connections");
        request.setSession(session);
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        return session;
    }
}
