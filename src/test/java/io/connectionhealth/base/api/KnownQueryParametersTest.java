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

    static class ListEndpoint {
        void list(@RequestParam("status") @CommaSeparated java.util.List<String> statuses,
                  @RequestParam(value = "limit", required = false) String max) {
        }

        void one() {
        }
    }

    private final HandlerInterceptor interceptor = KnownQueryParameters.create();

    private boolean handle(String method, String query) throws Exception {
        return handle(method, query,
                new HandlerMethod(new Endpoint(), Endpoint.class.getDeclaredMethod("list", String.class, String.class)));
    }

    private boolean handle(String method, String query, HandlerMethod handler) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/v1/things");
        request.setQueryString(query);
        return interceptor.preHandle(request, new MockHttpServletResponse(), handler);
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

    @Test
    void decodesEveryEscapeAndRawText() {
        assertThat(KnownQueryParameters.decoded("%0A%00x")).as("a zero high digit").isEqualTo("\n\u0000x");
        assertThat(KnownQueryParameters.decoded("caf\u00e9 \u0080")).as("unescaped non-ASCII as UTF-8")
                .isEqualTo("caf\u00e9 \u0080");
    }

    @Test
    void aNulCharacterIsRefusedWhereverItIs() throws Exception {
        assertThatThrownBy(() -> handle("GET", "limit=%00")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("NUL character");
        assertThatThrownBy(() -> handle("GET", "limit=5%00")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("NUL character");
    }

    @Test
    void aLongBrokenPartIsQuotedShortened() {
        String hundred = "a".repeat(99) + "%";
        assertThatThrownBy(() -> handle("GET", "limit=" + hundred)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("'" + hundred + "'");
        assertThatThrownBy(() -> handle("GET", "limit=" + hundred + "zz")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("'" + "a".repeat(99) + "%\u2026'").hasMessageNotContaining("zz");
    }

    @Test
    void aListMayBeGivenTwiceAndAnEndpointWithoutParametersSaysSo() throws Exception {
        HandlerMethod lists = new HandlerMethod(new ListEndpoint(),
                ListEndpoint.class.getDeclaredMethod("list", java.util.List.class, String.class));
        // Spring joins a comma-separated list's values, which is what it means
        assertThat(handle("GET", "status=a&status=b&limit=1", lists)).isTrue();
        assertThatThrownBy(() -> handle("GET", "status=a&limit=1&limit=2", lists))
                .isInstanceOf(ValidationException.class).hasMessageContaining("more than once: limit")
                .hasMessageNotContaining("status");
        HandlerMethod none = new HandlerMethod(new ListEndpoint(), ListEndpoint.class.getDeclaredMethod("one"));
        assertThat(handle("GET", "", none)).isTrue();
        assertThatThrownBy(() -> handle("GET", "limit=1", none)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("it takes none");
    }
}
