package io.connectionhealth.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A search box's words, as the list searches for them. */
class ConnectionFilterWordsTest {

    @Test
    void aNameCopiedFromTheDashboardSearchesWithoutItsIsolates() {
        // the title, the questions and the logs set names apart with U+2068…U+2069; copied, they came along
        assertThat(ConnectionFilter.words("\u2068Okta\u2069 · \u2068soylent\u2069")).containsExactly("okta", "·", "soylent");
        assertThat(ConnectionFilter.firstWords(" Soylent  soylent ACME ")).isEqualTo("soylent acme");
        assertThat(ConnectionFilter.firstWords("\u2068\u2069")).isNull();
    }

    @Test
    void theApisQIsOneTextAndTheSearchBoxesAreWords() {
        // SPEC: the API's q is "contains", spaces included; the dashboard's boxes find each word somewhere
        assertThat(ConnectionFilter.ALL.withQuery(" Acme  HubSpot").queryWords()).containsExactly(" Acme  HubSpot");
        assertThat(ConnectionFilter.ALL.withWords(" Acme  HubSpot acme").queryWords()).containsExactly("acme", "hubspot");
        assertThat(ConnectionFilter.ALL.withQuery("").queryWords()).isEmpty();
        assertThat(ConnectionFilter.ALL.withWords(null).queryWords()).isEmpty();
        assertThat(ConnectionFilter.words(null)).isEmpty();
        assertThat(ConnectionFilter.ALL.withStatuses(null).statuses()).isEmpty();
    }
}
