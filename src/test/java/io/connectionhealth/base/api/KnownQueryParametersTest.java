package io.connectionhealth.base.api;

import io.connectionhealth.base.ValidationException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnownQueryParametersTest {

    static class Endpoint {
        void list(@RequestParam(name = "connection_id", required = false) String connectionId,
                  @RequestParam(required = false) String limit) {
        }
    }

    private final HandlerInterceptor interceptor = KnownQueryParameters.create();

    private boolean handle(String method, String query) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/v1/things");
        request.setQueryString(query);
        return interceptor.preHandle(request, new MockHttpServletResponse(),
                new HandlerMethod(new Endpoint(), Endpoint.class.getDeclaredMethod("list", String.class, String.class)));
    }

    @Test
    void onlyTheParametersTheEndpointTakesPass() throws Exception {
        assertThat(handle("GET", "connection%5Fid=a&limit=5&&=x")).isTrue();
        assertThatThrownBy(() -> handle("GET", "connectionId=a&limit=5")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("connectionId").hasMessageContaining("connection_id, limit");
        assertThatThrownBy(() -> handle("GET", "a%ZZ=1")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("two hex digits");
        assertThat(handle("OPTIONS", "x=1")).as("answered by Spring, outside the problem handling").isTrue();
    }
}
