package io.connectionhealth.base.security;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.api.Problems;
import io.connectionhealth.base.sql.DatabaseDown;
import io.connectionhealth.workspace.ApiKey;
import io.connectionhealth.workspace.ApiKeyService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code Authorization: Bearer <key>}: the key decides the workspace. No or a wrong key stays anonymous (401). */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String METRICS_PATH = "/actuator/prometheus";
    private static final Duration METRICS_KEY_CHECK_WITHIN = Duration.ofSeconds(2);

    private final ApiKeyService apiKeys;
    private final SecurityContextHolderStrategy contexts;

    /**
     * {@code contexts} is this application context's strategy, the one the rest of the chain reads: Vaadin sets a
     * strategy of its own globally per application context, so with several contexts in one JVM (tests) the static
     * holder may be another context's.
     */
    ApiKeyAuthenticationFilter(ApiKeyService apiKeys, SecurityContextHolderStrategy contexts) {
        this.apiKeys = apiKeys;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<ApiKey> found;
            try {
                String secret = header.substring(7).strip();
                // the scrape answers while the database is away: the JVM's, the pool's and the requests' series
                // are what tells the operator what is wrong, and it had waited for the pool's 30 s, then said 503
                found = METRICS_PATH.equals(request.getRequestURI().substring(request.getContextPath().length()))
                        ? apiKeys.authenticateUnlessDown(secret, METRICS_KEY_CHECK_WITHIN)
                        : apiKeys.authenticate(secret);
            } catch (DataAccessException failed) {
                if (!DatabaseDown.is(failed)) {
                    throw failed;
                }
                // before any controller: the problem handler would not see it, and Spring's bare error JSON answered
                Problems.databaseUnavailable(request, response, failed);
                return;
            }
            found.ifPresent(key -> {
                Actor actor = Actor.api(key.workspaceId(), key.id(), key.access().role());
                var auth = new UsernamePasswordAuthenticationToken(actor, null, List.of(new SimpleGrantedAuthority("ROLE_API")));
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(auth);
                contexts.setContext(context);
            });
        }
        chain.doFilter(request, response);
    }
}
