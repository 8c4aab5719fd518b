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
    void decodesAsTomcatDoesAndRefusesWhatItCannotRead() {
        assertThat(KnownQueryParameters.decoded("caf%C3%A9+au%20lait")).isEqualTo("café au lait");
        assertThat(KnownQueryParameters.decoded("%7e~")).isEqualTo("~~");
        assertThat(KnownQueryParameters.decoded("")).isEmpty();
        assertThat(KnownQueryParameters.decoded("%")).isNull();
        assertThat(KnownQueryParameters.decoded("%G0")).isNull();
        assertThat(KnownQueryParameters.decoded("%C3")).as("a cut UTF-8 sequence").isNull();
        assertThat(KnownQueryParameters.decoded("%C3%28")).isNull();
    }

    @Test
    void onlyTheParametersTheEndpointTakesPass() throws Exception {
        assertThat(handle("GET", "connection%5Fid=a&limit=5&&")).isTrue();
        assertThatThrownBy(() -> handle("GET", "limit=5&=x")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("without a name");
        assertThatThrownBy(() -> handle("GET", "connectionId=a&limit=5")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("connectionId").hasMessageContaining("connection_id, limit");
        assertThatThrownBy(() -> handle("GET", "a%ZZ=1")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("two hex digits");
        assertThatThrownBy(() -> handle("GET", "limit=%ZZ")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("limit").hasMessageContaining("two hex digits");
        assertThatThrownBy(() -> handle("GET", "limit=5%E9")).as("not UTF-8").isInstanceOf(ValidationException.class)
                .hasMessageContaining("limit").hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> handle("GET", "limit=%4")).as("cut short").isInstanceOf(ValidationException.class);
        assertThat(handle("GET", "limit=%35&connection_id=caf%C3%A9+x")).isTrue();
        // Spring would join the two into "5,6"
        assertThatThrownBy(() -> handle("GET", "limit=5&connection_id=a&limit=6")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("more than once: limit");
        assertThat(handle("OPTIONS", "x=1")).as("answered by Spring, outside the problem handling").isTrue();
    }
}
