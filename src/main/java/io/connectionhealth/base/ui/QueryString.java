package io.connectionhealth.base.ui;

import com.vaadin.flow.router.QueryParameters;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Filters kept in the URL so that a filtered view can be bookmarked and shared. Reading is lenient: an unknown
 * value in a hand-edited URL is ignored rather than failing the page.
 */
public final class QueryString {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    public static QueryString of(QueryParameters parameters) {
        QueryString q = new QueryString();
        q.values.putAll(parameters.getParameters());
        return q;
    }

    public static QueryString empty() {
        return new QueryString();
    }

    /**
     * With each page name taken from its API name ({@code connection_id} for {@code connection}) where the page's own is
     * absent: a link built with the API's names (from a webhook's body, say) had opened the page unfiltered, without a
     * word.
     */
    public QueryString withApiNames(Map<String, String> apiToPage) {
        QueryString q = new QueryString();
        q.values.putAll(values);
        apiToPage.forEach((api, page) -> {
            if (q.get(page) == null && get(api) != null) {
                q.values.put(page, values.get(api));
            }
        });
        return q;
    }

    /** Those of the names that the address gives a value. */
    public List<String> given(Collection<String> names) {
        return names.stream().filter(name -> get(name) != null).toList();
    }

    public String get(String name) {
        List<String> list = values.get(name);
        if (list == null || list.isEmpty() || list.getFirst() == null || list.getFirst().isBlank()
                // no stored text holds one, and PostgreSQL refuses it in a query: the page failed (the API says 400)
                || list.getFirst().indexOf('\u0000') >= 0) {
            return null;
        }
        return list.getFirst().strip();
    }

    public <E extends Enum<E>> E getEnum(String name, Class<E> type) {
        Set<E> set = getEnums(name, type);
        return set.isEmpty() ? null : set.iterator().next();
    }

    public <E extends Enum<E>> Set<E> getEnums(String name, Class<E> type) {
        String raw = get(name);
        EnumSet<E> result = EnumSet.noneOf(type);
        if (raw != null) {
            for (String part : raw.split(",")) {
                Arrays.stream(type.getEnumConstants())
                        .filter(e -> e.name().equalsIgnoreCase(part.strip()))
                        .findFirst().ifPresent(result::add);
            }
        }
        return result;
    }

    public Integer getInt(String name) {
        try {
            String raw = get(name);
            return raw == null ? null : Integer.valueOf(raw);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean getFlag(String name) {
        return "true".equalsIgnoreCase(get(name));
    }

    public QueryString put(String name, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            values.remove(name);
        } else {
            values.put(name, List.of(String.valueOf(value)));
        }
        return this;
    }

    public QueryString putEnums(String name, Collection<? extends Enum<?>> set) {
        return put(name, set == null || set.isEmpty() ? null
                : set.stream().map(e -> e.name().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(",")));
    }

    public QueryString putEnum(String name, Enum<?> value) {
        return put(name, value == null ? null : value.name().toLowerCase(Locale.ROOT));
    }

    public QueryString putFlag(String name, boolean flag) {
        return put(name, flag ? "true" : null);
    }

    public QueryParameters toParameters() {
        return new QueryParameters(Map.copyOf(values));
    }
}
