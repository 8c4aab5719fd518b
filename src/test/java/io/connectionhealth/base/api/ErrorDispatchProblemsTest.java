package io.connectionhealth.base.api;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the container sends to its error page for an API address is answered as problem details, also when an
 * exception came with it: a body that stopped arriving (Tomcat's 408 after its read timeout) had been answered by
 * Spring Boot's own error body (an audit).
 */
class ErrorDispatchProblemsTest {

    private static MockHttpServletResponse dispatch(String uri, int status, Throwable exception) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setDispatcherType(DispatcherType.ERROR);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        if (exception != null) {
            request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, exception);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ErrorDispatchProblems.ProblemFilter().doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void aBodyThatStoppedArrivingIsAProblem() throws Exception {
        MockHttpServletResponse response = dispatch("/api/v1/apicalls", 408,
                new org.springframework.http.converter.HttpMessageNotReadableException("JSON parse error",
                        new SocketTimeoutException(), null));
        assertThat(response.getStatus()).isEqualTo(408);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":408")
                .contains("stopped arriving before it was complete").doesNotContain("Exception");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aFaultOfOursSaysSoWithoutItsInsides() throws Exception {
        MockHttpServletResponse response = dispatch("/api/v1/connections", 500, new IllegalStateException("secret"));
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("The server failed to answer the request")
                .doesNotContain("secret");
    }

    @Test
    void pagesOutsideTheApiAreLeftToTheErrorPage() throws Exception {
        MockHttpServletResponse response = dispatch("/connections", 408, null);
        assertThat(response.getContentAsString()).isEmpty();
    }
}
