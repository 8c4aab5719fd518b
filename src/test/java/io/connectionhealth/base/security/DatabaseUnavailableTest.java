package io.connectionhealth.base.security;

import io.connectionhealth.workspace.ApiKeyService;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** An API request while the database cannot be reached: 503 problem details with Retry-After, not a bare 500. */
class DatabaseUnavailableTest {

    @Test
    void theKeyCheckAnswers503WithRetryAfterAndGoesNoFurther() throws Exception {
        ApiKeyService keys = mock(ApiKeyService.class);
        when(keys.authenticate(anyString())).thenThrow(new CannotGetJdbcConnectionException("Connection refused"));
        ApiKeyAuthenticationFilter filter = new ApiKeyAuthenticationFilter(keys,
                SecurityContextHolder.getContextHolderStrategy());
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/apicalls");
        request.addHeader("Authorization", "Bearer ch_some_key_1234567890");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("Retry-After")).isEqualTo("30");
        assertThat(response.getContentAsString()).contains("\"status\":503")
                .contains("The database cannot be reached. A request that stores signals, a connection or a setting "
                        + "stored nothing of it");
        assertThat(chain.getRequest()).as("no controller runs").isNull();
    }

    @Test
    void aControllerThatFindsTheDatabaseGoneAnswers503WithRetryAfter() {
        var answer = new io.connectionhealth.base.api.ProblemHandler(new io.connectionhealth.base.sql.DiskFullAlarm(java.time.Clock.systemUTC()))
                .databaseUnavailable(new CannotGetJdbcConnectionException("Connection refused"));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("30");
        assertThat(answer.getBody().getDetail()).startsWith("The database cannot be reached");
        // a key from the cache passes the filter: the first to fail is the transaction of the request
        var inTransaction = new io.connectionhealth.base.api.ProblemHandler(new io.connectionhealth.base.sql.DiskFullAlarm(java.time.Clock.systemUTC())).databaseUnavailable(
                new org.springframework.transaction.CannotCreateTransactionException(
                        "Could not open JDBC Connection for transaction"));
        assertThat(inTransaction.getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void aTransactionWhoseEndFailedSaysItMayHaveBeenStored() {
        var answer = new io.connectionhealth.base.api.ProblemHandler(new io.connectionhealth.base.sql.DiskFullAlarm(java.time.Clock.systemUTC())).outcomeUnknown(
                new org.springframework.transaction.TransactionSystemException("JDBC rollback failed"));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("30");
        assertThat(answer.getBody().getDetail()).startsWith("The connection to the database was lost as the request "
                + "ended, so it may have been stored or not").doesNotContain("stored nothing");
        assertThat(handles("outcomeUnknown")).as("and the API's answer to it is this one")
                .contains(org.springframework.transaction.TransactionSystemException.class);
    }

    private static java.util.List<Class<? extends Throwable>> handles(String method) {
        return java.util.Arrays.stream(io.connectionhealth.base.api.ProblemHandler.class.getMethods())
                .filter(m -> m.getName().equals(method))
                .map(m -> m.getAnnotation(org.springframework.web.bind.annotation.ExceptionHandler.class))
                .filter(java.util.Objects::nonNull).flatMap(a -> java.util.Arrays.stream(a.value())).toList();
    }
}
