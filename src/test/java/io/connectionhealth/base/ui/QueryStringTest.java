package io.connectionhealth.base.ui;

import com.vaadin.flow.router.QueryParameters;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.ResolutionOwner;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The filters a page keeps in its address: read leniently, written so that they read back the same. */
class QueryStringTest {

    private static QueryString address(String query) {
        return QueryString.of(QueryParameters.fromString(query));
    }

    @Test
    void readsTheFirstValueStrippedAndTakesNothingForNothing() {
        QueryString q = QueryString.of(new QueryParameters(Map.of("a", List.of(" x ", "y"), "blank", List.of("  "),
                "none", List.of(), "nul", List.of("a\u0000b"), "nulFirst", List.of("\u0000b"))));
        assertThat(q.get("a")).isEqualTo("x");
        assertThat(q.get("blank")).isNull();
        assertThat(q.get("none")).isNull();
        assertThat(q.get("missing")).isNull();
        assertThat(q.get("nul")).as("PostgreSQL refuses a NUL in a query").isNull();
        assertThat(q.get("nulFirst")).isNull();
        assertThat(address("connection=conn_1&q=").get("connection")).isEqualTo("conn_1");
        assertThat(address("connection=conn_1&q=").get("q")).isNull();
        assertThat(QueryString.empty().get("connection")).isNull();
    }

    @Test
    void readsEnumsLenientlyInAnyCase() {
        QueryString q = address("status=unhealthy_now,%20NEW,nonsense,&owner=Customer&bad=nonsense");
        assertThat(q.getEnums("status", ConnectionStatus.class))
                .containsExactlyInAnyOrder(ConnectionStatus.UNHEALTHY_NOW, ConnectionStatus.NEW);
        assertThat(q.getEnum("owner", ResolutionOwner.class)).isEqualTo(ResolutionOwner.CUSTOMER);
        assertThat(q.getEnum("bad", ResolutionOwner.class)).as("an unknown value is ignored").isNull();
        assertThat(q.getEnums("missing", ConnectionStatus.class)).isEmpty();
        assertThat(q.getEnum("missing", ResolutionOwner.class)).isNull();
    }

    @Test
    void readsNumbersAndFlags() {
        QueryString q = address("page=3&limit=ten&failed=TRUE&paused=yes&deleted=1");
        assertThat(q.getInt("page")).isEqualTo(3);
        assertThat(q.getInt("limit")).as("not a number: ignored").isNull();
        assertThat(q.getInt("missing")).isNull();
        assertThat(q.getFlag("failed")).isTrue();
        assertThat(q.getFlag("paused")).isFalse();
        assertThat(q.getFlag("deleted")).isFalse();
        assertThat(q.getFlag("missing")).isFalse();
    }

    @Test
    void writesWhatItReadsBackAndLeavesOutWhatIsUnset() {
        QueryString q = QueryString.empty()
                .put("q", "a&b=c d/é?#%")
                .put("page", 2)
                .put("gone", null)
                .put("blank", " ")
                .putEnums("status", EnumSet.of(ConnectionStatus.UNHEALTHY_NOW, ConnectionStatus.NEW))
                .putEnums("none", EnumSet.noneOf(ConnectionStatus.class))
                .putEnums("nulls", null)
                .putEnum("owner", ResolutionOwner.VENDOR)
                .putEnum("noOwner", null)
                .putFlag("failed", true)
                .putFlag("paused", false);
        QueryParameters parameters = q.toParameters();
        assertThat(parameters.getParameters()).containsOnlyKeys("q", "page", "status", "owner", "failed");
        assertThat(parameters.getParameters("status")).containsExactly("new,unhealthy_now");
        assertThat(parameters.getParameters("owner")).containsExactly("vendor");
        assertThat(parameters.getParameters("failed")).containsExactly("true");
        assertThat(parameters.getParameters("page")).containsExactly("2");

        // through the address bar and back: odd characters are encoded, not taken as separators
        QueryString back = address(parameters.getQueryString());
        assertThat(back.get("q")).isEqualTo("a&b=c d/é?#%");
        assertThat(back.getInt("page")).isEqualTo(2);
        assertThat(back.getEnums("status", ConnectionStatus.class))
                .containsExactlyInAnyOrder(ConnectionStatus.NEW, ConnectionStatus.UNHEALTHY_NOW);
        assertThat(back.getEnum("owner", ResolutionOwner.class)).isEqualTo(ResolutionOwner.VENDOR);
        assertThat(back.getFlag("failed")).isTrue();
    }

    @Test
    void aValueSetToNothingIsRemoved() {
        QueryString q = QueryString.empty().put("q", "x").putEnum("owner", ResolutionOwner.CUSTOMER)
                .putFlag("failed", true);
        q.put("q", "").putEnum("owner", null).putFlag("failed", false);
        assertThat(q.toParameters().getParameters()).isEmpty();
    }

    @Test
    void theApisNamesOpenThePageFiltered() {
        Map<String, String> apiToPage = Map.of("connection_id", "connection", "integration_type", "integration");
        QueryString q = address("connection_id=conn_1&integration_type=hubspot&integration=salesforce&page=2")
                .withApiNames(apiToPage);
        assertThat(q.get("connection")).isEqualTo("conn_1");
        assertThat(q.get("integration")).as("the page's own name wins").isEqualTo("salesforce");
        assertThat(q.getInt("page")).as("the rest is kept").isEqualTo(2);
        assertThat(address("page=2").withApiNames(apiToPage).get("connection")).isNull();
        assertThat(address("connection_id=").withApiNames(apiToPage).get("connection")).isNull();
    }

    @Test
    void saysWhichOfTheNamesAreGiven() {
        QueryString q = address("category=crm&other=&page=1");
        assertThat(q.given(List.of("category", "other", "missing", "page"))).containsExactly("category", "page");
        assertThat(q.given(List.of("missing"))).isEmpty();
    }
}
