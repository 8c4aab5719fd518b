package io.connectionhealth.base.api;

import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ValidationException.FieldError;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one JSON object field by field, collecting every type error with its field and batch index instead of
 * stopping at the first. A field that is absent or JSON null reads as null.
 */
public final class JsonInput {

    private final JsonNode node;
    private final Integer index;
    private final String prefix;
    private final List<FieldError> errors;

    private JsonInput(JsonNode node, Integer index, String prefix, List<FieldError> errors) {
        this.node = node;
        this.index = index;
        this.prefix = prefix;
        this.errors = errors;
    }

    /**
     * The fields a body may have: the components of the record the API description shows for it, in snake_case, so
     * that what the description lists and what the API accepts cannot drift apart.
     */
    public static Set<String> fieldsOf(Class<? extends Record> body) {
        return Arrays.stream(body.getRecordComponents())
                .map(c -> c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Unknown fields named one by one in an object; the rest are counted. */
    static final int UNKNOWN_LISTED = 10;

    /** Null when {@code node} is not an object or has unknown fields (the errors say so). */
    public static JsonInput object(JsonNode node, Integer index, String prefix, Set<String> allowed, List<FieldError> errors) {
        String where = prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1);
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(index, where, "must be a JSON object"));
            return null;
        }
        String known = null;
        int unknown = 0;
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name) && ++unknown <= UNKNOWN_LISTED) {
                if (known == null) {
                    known = "is not a known field (known: " + allowed.stream().sorted().collect(Collectors.joining(", ")) + ")";
                }
                errors.add(new FieldError(index, prefix + name, known));
            }
        }
        if (unknown > UNKNOWN_LISTED) {
            errors.add(new FieldError(index, where, "has " + (unknown - UNKNOWN_LISTED) + " more unknown fields"));
        }
        return new JsonInput(node, index, prefix, errors);
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public boolean present(String field) {
        return node.has(field);
    }

    public String text(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            return error(field, "must be a string");
        }
        String text = value.stringValue();
        String fault = unstorable(text);
        return fault == null ? text : error(field, fault);
    }

    /**
     * Why a text cannot be stored as it was sent, or null. PostgreSQL cannot store NUL, and H2 could: refused on both
     * so that a call is valid everywhere or nowhere. A lone surrogate (JSON's "\\ud800" without its pair) is no
     * character at all: both databases would store "?", so two different ids would become one.
     */
    static String unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "must not contain the NUL character (\\u0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired surrogate (\\u" + Integer.toHexString(c) + "): it is no character";
            }
        }
        return null;
    }

    public Integer integer(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            return error(field, "must be a whole number");
        }
        return value.intValue();
    }

    public Long longValue(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            return error(field, "must be a whole number");
        }
        return value.longValue();
    }

    public Boolean bool(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            return error(field, "must be true or false");
        }
        return value.booleanValue();
    }

    /** {@link #bool}, where {@code null} is not a value: a switch that is sent must say which way. */
    public Boolean switchValue(String field) {
        if (present(field) && !has(field)) {
            return error(field, "must be true or false, not null");
        }
        return bool(field);
    }

    /** {@link #stringList}, where {@code null} stands for the empty list (it clears the field). */
    public List<String> stringListOrEmpty(String field) {
        return present(field) && !has(field) ? List.of() : stringList(field);
    }

    public Instant instant(String field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        try {
            Instant fast = IsoInstants.parse(text);
            Instant at = fast != null ? fast : OffsetDateTime.parse(text).toInstant();
            return IsoInstants.inRange(at) ? at : error(field, IsoInstants.RANGE + ", was '" + ValidationException.clip(text) + "'");
        } catch (DateTimeParseException e) {
            return error(field, "must be an ISO-8601 timestamp with an offset, e.g. 2026-01-31T12:00:00Z");
        }
    }

    /** An enum by its name as the API writes it; unknown values are errors that list the allowed ones. */
    public <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        E constant = QueryParams.named(type, text);
        return constant != null ? constant : error(field, QueryParams.notOneOf(type, text));
    }

    public List<String> stringList(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            return error(field, "must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isString()) {
                return error(field, "must be an array of strings");
            }
            String fault = unstorable(element.stringValue());
            if (fault != null) {
                return error(field, "[" + result.size() + "] " + fault);
            }
            result.add(element.stringValue());
        }
        return result;
    }

    public List<JsonNode> array(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            return error(field, "must be an array");
        }
        List<JsonNode> result = new ArrayList<>();
        value.forEach(result::add);
        return result;
    }

    private JsonNode value(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private <T> T error(String field, String message) {
        errors.add(new FieldError(index, prefix + field, message));
        return null;
    }
}
