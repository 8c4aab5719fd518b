package io.connectionhealth.connection;

import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.ResolutionOwner;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Filters of the connection list; null (or an empty set) means "any". {@code q} matches a connection when each of its
 * words is contained in the id, xref or integration.
 */
public record ConnectionFilter(Set<ConnectionStatus> statuses, HealthName health, ResolutionOwner resolutionOwner,
                               String integrationType, String category, String environment, String externalXref,
                               Boolean isPaused, String q) {

    public static final ConnectionFilter ALL = new ConnectionFilter(Set.of(), null, null, null, null, null, null, null, null);

    public ConnectionFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    /** More words than this in {@code q} is an error: each is one more LIKE over the search index. */
    public static final int MAX_QUERY_WORDS = 10;

    /** {@code q}'s words: split at white space, repeats dropped, in order. */
    public List<String> queryWords() {
        return words(q);
    }

    public static List<String> words(String text) {
        return text == null ? List.of() : Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty())
                .distinct().toList();
    }

    public ConnectionFilter withStatuses(Set<ConnectionStatus> value) {
        return new ConnectionFilter(value, health, resolutionOwner, integrationType, category, environment, externalXref, isPaused, q);
    }

    public ConnectionFilter withQuery(String value) {
        return new ConnectionFilter(statuses, health, resolutionOwner, integrationType, category, environment, externalXref, isPaused, value);
    }
}
