package io.connectionhealth.connection;

import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.ResolutionOwner;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Filters of the connection list; null (or an empty set) means "any". {@code q} is text contained in the id, xref or
 * integration (SPEC §5: one field contains it whole); with {@code qByWords} (the dashboard's search boxes) each of its
 * words is contained in some field, so "hubspot acme" finds Acme's HubSpot connection.
 */
public record ConnectionFilter(Set<ConnectionStatus> statuses, HealthName health, ResolutionOwner resolutionOwner,
                               String integrationType, String category, String environment, String externalXref,
                               Boolean isPaused, String q, boolean qByWords) {

    public static final ConnectionFilter ALL = new ConnectionFilter(Set.of(), null, null, null, null, null, null, null, null);

    public ConnectionFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    /** {@code q} as one text, as the API's {@code q} is. */
    public ConnectionFilter(Set<ConnectionStatus> statuses, HealthName health, ResolutionOwner resolutionOwner,
                            String integrationType, String category, String environment, String externalXref,
                            Boolean isPaused, String q) {
        this(statuses, health, resolutionOwner, integrationType, category, environment, externalXref, isPaused, q, false);
    }

    /** More words than this is an error: each is one more LIKE over the search index. */
    public static final int MAX_QUERY_WORDS = 10;

    /**
     * What each field is searched for: {@code q}'s words (none for a blank box), or {@code q} whole and as sent, spaces
     * included (the API's "contains"; only an empty {@code q} is left out).
     */
    public List<String> queryWords() {
        if (q == null || q.isEmpty()) {
            return List.of();
        }
        return qByWords ? words(q) : List.of(q);
    }

    /** The words of a text: split at white space, repeats (in any case) dropped, lower-cased, in order. */
    public static List<String> words(String text) {
        // the dashboard's isolates (U+2066–U+2069) around a name copied from it are no part of a word
        return text == null ? List.of() : Arrays.stream(text.replaceAll("[\\u2066-\\u2069]", "").strip()
                        .split("\\s+")).filter(w -> !w.isEmpty())
                .map(w -> w.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /** The first {@link #MAX_QUERY_WORDS} words of a text, as a search box searches for them; null if none. */
    public static String firstWords(String text) {
        List<String> words = words(text);
        return words.isEmpty() ? null : String.join(" ", words.subList(0, Math.min(words.size(), MAX_QUERY_WORDS)));
    }

    public ConnectionFilter withStatuses(Set<ConnectionStatus> value) {
        return new ConnectionFilter(value, health, resolutionOwner, integrationType, category, environment, externalXref,
                isPaused, q, qByWords);
    }

    /** Text contained whole in one field (the API's {@code q}). */
    public ConnectionFilter withQuery(String value) {
        return new ConnectionFilter(statuses, health, resolutionOwner, integrationType, category, environment, externalXref,
                isPaused, value, false);
    }

    /** Words each contained in some field (the dashboard's search boxes). */
    public ConnectionFilter withWords(String value) {
        return new ConnectionFilter(statuses, health, resolutionOwner, integrationType, category, environment, externalXref,
                isPaused, value, true);
    }
}
