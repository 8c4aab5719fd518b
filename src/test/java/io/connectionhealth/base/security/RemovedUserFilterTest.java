package io.connectionhealth.base.security;

import io.connectionhealth.base.Actor;
import io.connectionhealth.workspace.UserAccount;
import io.connectionhealth.workspace.UserAccountService;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class RemovedUserFilterTest {

    private final UserAccountService users = mock(UserAccountService.class);
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    @Test
    void aRemovedUsersSessionEndsAtTheirNextRequestAndOthersStay() throws Exception {
        when(users.find("still-here")).thenReturn(Optional.of(
                new UserAccount("1", "ws", "still-here", Actor.Role.VIEWER, Instant.EPOCH)));
        when(users.find("removed")).thenReturn(Optional.empty());
        RemovedUserFilter filter = new RemovedUserFilter(users, contexts);

        MockHttpSession kept = request(filter, "still-here");
        assertThat(kept.isInvalid()).isFalse();
        assertThat(contexts.getContext().getAuthentication().getName()).isEqualTo("still-here");

        MockHttpSession ended = request(filter, "removed");
        assertThat(ended.isInvalid()).isTrue();
        assertThat(contexts.getContext().getAuthentication()).isNull();
        contexts.clearContext();
    }

    private MockHttpSession request(RemovedUserFilter filter, String username) throws Exception {
        contexts.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
                List.of(new SimpleGrantedAuthority("ROLE_VIEWER"))));
        MockHttpSession session = new MockHttpSession();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/connections");
        request.setSession(session);
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        return session;
    }
}
