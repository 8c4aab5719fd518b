package io.connectionhealth.connection;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The search (q): the API's text is contained whole in one field (SPEC §5); the dashboard's boxes search by words,
 * each contained in some field. Case-insensitive; never a match across two fields.
 */
class ConnectionSearchTest extends ServiceTest {

    @Test
    void findsTextInAnyOneFieldAndNeverAcrossTwo() {
        Actor actor = newWorkspace();
        Connection acme = connections.create(actor, new NewConnection("hubspot", "HubSpot EU", List.of(), List.of(),
                "Acme-Corp_42", null));
        Connection globex = connections.create(actor, new NewConnection("salesforce", null, List.of(), List.of(),
                null, null));

        assertThat(search(actor, "ACME-corp")).containsExactly(acme.id());
        assertThat(search(actor, "spot e")).containsExactly(acme.id());
        assertThat(search(actor, "forc")).containsExactly(globex.id());
        assertThat(search(actor, globex.id().substring(10, 20).toUpperCase())).containsExactly(globex.id());
        assertThat(search(actor, "_42")).containsExactly(acme.id());
        assertThat(search(actor, "%")).isEmpty();
        // q is one text: words from two fields are not it
        assertThat(search(actor, "hubspot acme")).isEmpty();
        // the dashboard's words: each in some field, in any order, repeats (in any case) and extra spaces ignored
        assertThat(words(actor, "  acme\thubspot  ")).containsExactly(acme.id());
        assertThat(words(actor, "HUBSPOT acme Acme")).containsExactly(acme.id());
        assertThat(words(actor, "eu 42")).containsExactly(acme.id());
        assertThat(words(actor, "spot e")).containsExactly(acme.id());
        assertThat(words(actor, "hubspot globex")).isEmpty();
        assertThat(words(actor, "force " + globex.id().substring(3, 12))).containsExactly(globex.id());
        assertThat(words(actor, "42hub")).isEmpty();
        // the end of the xref followed by the start of the type would only match across two fields
        assertThat(search(actor, "42hub")).isEmpty();
        assertThat(search(actor, "42\u001fhub")).isEmpty();
        assertThat(search(actor, "42\u0001hub")).isEmpty();

        // a changed xref or name is searched at once; health changes leave the search alone
        connections.update(actor, acme.id(), new ConnectionUpdate("Initech", null, null, "initech-7", null, false));
        assertThat(search(actor, "acme")).isEmpty();
        assertThat(search(actor, "INITECH-7")).containsExactly(acme.id());
        assertThat(search(actor, "spot e")).isEmpty();
        ingestion.ingestApiCalls(actor, List.of(call(acme.id(), java.time.Instant.now().minusSeconds(60), 401)));
        assertThat(search(actor, "initech")).containsExactly(acme.id());
    }

    @Test
    void lettersBeyondAsciiAreFoundInAnyCaseTheSameOnEveryDatabase() {
        Actor actor = newWorkspace();
        Connection turkish = connections.create(actor, new NewConnection("probe", "ΣΊΣΥΦΟΣ probe", List.of(), List.of(),
                "İstanbul-Şube", null));
        Connection german = connections.create(actor, new NewConnection("probe", null, List.of(), List.of(),
                "ÄRZTE GmbH", null));

        // the database lowered "İ" and a word-final "Σ" by its own rules, and Java the query by its own
        assertThat(search(actor, "İstanbul")).containsExactly(turkish.id());
        assertThat(search(actor, "istanbul-şube")).containsExactly(turkish.id());
        assertThat(search(actor, "ΣΊΣΥΦΟΣ")).containsExactly(turkish.id());
        assertThat(search(actor, "ΣΊΣ")).as("a word-final Σ in the query, not in the field").containsExactly(turkish.id());
        assertThat(search(actor, "σίσυφος")).containsExactly(turkish.id());
        assertThat(search(actor, "ärzte")).containsExactly(german.id());
        assertThat(words(actor, "İSTANBUL σίσυφοσ")).containsExactly(turkish.id());
        // a search holding the separator takes the per-field path, which folds the same way
        assertThat(search(actor, "ΣΊΣ\u001f")).isEmpty();
        assertThat(words(actor, "ΣΊΣ ul\u001fş")).isEmpty();
        assertThat(words(actor, "ΣΊΣ ŞUBE")).containsExactly(turkish.id());
    }

    @Test
    void theApisQIsTakenAsSentSpacesIncluded() {
        Actor actor = newWorkspace();
        Connection spaced = connections.create(actor, new NewConnection("spaces", null, List.of(), List.of(), "a b", null));
        Connection plain = connections.create(actor, new NewConnection("spaces", null, List.of(), List.of(), "xa", null));

        assertThat(search(actor, "a ")).containsExactly(spaced.id());
        assertThat(search(actor, " ")).containsExactly(spaced.id());
        assertThat(search(actor, "\t")).isEmpty();
        assertThat(search(actor, "a\u0000")).as("PostgreSQL fails a parameter holding U+0000").isEmpty();
        assertThat(words(actor, "a \u0000b")).isEmpty();
        assertThat(search(actor, "")).containsExactlyInAnyOrder(spaced.id(), plain.id());
        assertThat(words(actor, " ")).as("a blank search box is no search").containsExactlyInAnyOrder(spaced.id(), plain.id());
    }

    @Test
    void moreThanTenDifferentWordsIsAnErrorNamingQ() {
        Actor actor = newWorkspace();
        assertThat(words(actor, "a A b c d e f g h i j")).as("ten different words").isEmpty();
        assertThatThrownBy(() -> words(actor, "a b c d e f g h i j k"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage())
                        .contains("at most 10 words, got 11"));
        assertThat(search(actor, "a b c d e f g h i j k")).as("the API's q is one text").isEmpty();
    }

    private List<String> words(Actor actor, String text) {
        return connections.list(actor, ConnectionFilter.ALL.withWords(text), ConnectionSort.DEFAULT, PageRequest.of(100, 0))
                .stream().map(Connection::id).toList();
    }

    List<String> search(Actor actor, String q) {
        return connections.list(actor, ConnectionFilter.ALL.withQuery(q), ConnectionSort.DEFAULT, PageRequest.of(100, 0))
                .stream().map(Connection::id).toList();
    }
}
