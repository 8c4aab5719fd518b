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

    /** The request the servlet container makes of /error after {@code uri} failed with {@code status}. */
    private static MockHttpServletRequest errorDispatch(String uri, int status) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setDispatcherType(DispatcherType.ERROR);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        return request;
    }

    private static MockHttpServletResponse dispatch(String uri, int status, Throwable exception) throws Exception {
        MockHttpServletRequest request = errorDispatch(uri, status);
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

    @Test
    void onlyAnErrorStatusIsAnsweredTheRestGoesOnToTheErrorPage() throws Exception {
        assertThat(dispatch("/api/v1/connections", 400, null).getContentAsString()).contains("\"status\":400")
                .contains("The request was refused: bad request");
        assertThat(dispatch("/api/v1/connections", 499, null).getContentAsString())
                .as("a status without a name").contains("\"title\":\"Error\"").contains("refused: error");
        for (int status : new int[]{399, 200}) {
            MockHttpServletRequest request = errorDispatch("/api/v1/connections", status);
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = new MockHttpServletResponse();
            new ErrorDispatchProblems.ProblemFilter().doFilter(request, response, chain);
            assertThat(chain.getRequest()).as("%d goes on to the error page", status).isSameAs(request);
            assertThat(response.getContentAsString()).isEmpty();
        }
    }

    @Test
    void whatWasWrittenBeforeIsReplacedByTheProblem() throws Exception {
        MockHttpServletRequest request = errorDispatch("/api/v1/connections", 500);
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.getOutputStream().write("<html>half a page".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        new ErrorDispatchProblems.ProblemFilter().doFilter(request, response, new MockFilterChain());
        assertThat(response.getContentAsString()).startsWith("{").doesNotContain("half a page");
    }

    @Test
    void theFiltersRunFirstAndTheErrorPageByItsOwnAddressIsNotFound() throws Exception {
        ErrorDispatchProblems config = new ErrorDispatchProblems();
        var errors = config.apiErrorDispatchFilter();
        assertThat(errors.determineDispatcherTypes()).containsExactly(DispatcherType.ERROR);
        assertThat(errors.getOrder()).isEqualTo(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        var asked = config.errorPageAskedForFilter();
        assertThat(asked.getUrlPatterns()).containsExactlyInAnyOrder("/error", "/error/*");
        assertThat(asked.determineDispatcherTypes()).containsExactly(DispatcherType.REQUEST);
        assertThat(asked.getOrder()).isEqualTo(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        MockHttpServletResponse response = new MockHttpServletResponse();
        asked.getFilter().doFilter(new MockHttpServletRequest("GET", "/error"), response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentAsString()).contains("There is nothing at /error");
    }

    @Test
    void aResponseAlreadySentIsLeftAlone() throws Exception {
        MockHttpServletRequest request = errorDispatch("/api/v1/connections", 500);
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.getOutputStream().write("{\"id\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        response.setCommitted(true);
        MockFilterChain chain = new MockFilterChain();
        new ErrorDispatchProblems.ProblemFilter().doFilter(request, response, chain);
        assertThat(chain.getRequest()).isSameAs(request);
        assertThat(response.getContentAsString()).isEqualTo("{\"id\":");
    }
}
