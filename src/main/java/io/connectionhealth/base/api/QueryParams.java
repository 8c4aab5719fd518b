package io.connectionhealth.base.api;

import io.connectionhealth.base.ApiNamed;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.base.ValidationException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Query parameters parsed with our own 400s: a bad value is named, never ignored or clamped. */
public final class QueryParams {

    public static final int DEFAULT_LIMIT = 100;

    private QueryParams() {
    }

    /** An empty {@code limit} or {@code offset} is one left out, as for every other parameter (decisions.md). */
    public static PageRequest page(String limit, String offset) {
        int l = limit == null || limit.isBlank() ? DEFAULT_LIMIT
                : (int) parseLong("limit", limit, Integer.MIN_VALUE, Integer.MAX_VALUE);
        long o = offset == null || offset.isBlank() ? 0 : parseLong("offset", offset, Long.MIN_VALUE, Long.MAX_VALUE);
        return PageRequest.of(l, o);
    }

    public static Integer integer(String name, String value) {
        return value == null || value.isBlank() ? null : (int) parseLong(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ValidationException.of(name, "must be true or false, was '" + value + "'");
        };
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant at;
        try {
            Instant fast = IsoInstants.parse(value.strip()); // which also takes ±HHMM, as Python's %z writes it
            at = fast != null ? fast : OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            // an unencoded '+' of an offset arrives as a space: "…T23:06:30 01:00"
            String hint = value.strip().matches(".*\\d \\d\\d(:?\\d\\d)?$")
                    ? " (a '+' in a query string must be sent as %2B)" : "";
            throw ValidationException.of(name, "must be an ISO-8601 timestamp with an offset, was '" + value + "'"
                    + hint);
        }
        if (!IsoInstants.inRange(at)) {
            throw ValidationException.of(name, IsoInstants.RANGE + ", was '" + value + "'");
        }
        return at;
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        E constant = named(type, value.strip());
        if (constant == null) {
            throw ValidationException.of(name, notOneOf(type, value.strip()));
        }
        return constant;
    }

    /**
     * The constant {@code text} names, spelled exactly as the API writes it (SPEC: enum values are exact, so a client
     * sending {@code INBOUND} learns it at once instead of where a stricter server runs), or null.
     */
    static <E extends Enum<E>> E named(Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (apiName(constant).equals(text)) {
                return constant;
            }
        }
        return null;
    }

    /** "'INBOUND' is not one of inbound, webhook, login (values are case-sensitive: 'inbound')". */
    static <E extends Enum<E>> String notOneOf(Class<E> type, String text) {
        String message = "'" + ValidationException.clip(text) + "' is not one of " + names(type);
        // ASCII case only: equalsIgnoreCase would also take the dotless ı for an i, or the Kelvin sign for a K
        if (text.chars().allMatch(c -> c < 128)) {
            for (E constant : type.getEnumConstants()) {
                if (apiName(constant).equalsIgnoreCase(text)) {
                    return message + " (values are case-sensitive: '" + apiName(constant) + "')";
                }
            }
        }
        return message;
    }

    private static String apiName(Enum<?> constant) {
        return constant instanceof ApiNamed named ? named.apiName() : constant.name();
    }

    /** One or more comma-separated enum values. */
    public static <E extends Enum<E>> Set<E> enumSet(String name, String value, Class<E> type) {
        Set<E> result = new LinkedHashSet<>();
        if (value == null || value.isBlank()) {
            return result;
        }
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                result.add(enumValue(name, part, type));
            }
        }
        return result;
    }

    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static long parseLong(String name, String value, long min, long max) {
        String digits = value.strip();
        // ASCII digits only: Long.parseLong also reads Arabic-Indic and fullwidth ones (limit=١ was a limit of 1)
        if (!digits.matches("[+-]?[0-9]+")) {
            throw ValidationException.of(name, "must be a whole number, was '" + value + "'");
        }
        try {
            long parsed = Long.parseLong(digits);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // more digits than a long holds: out of range as well
        }
        throw ValidationException.of(name, "is out of range, was '" + value + "'");
    }

    /** The values an enum parameter takes, spelled as the API writes them. */
    static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(QueryParams::apiName).collect(Collectors.joining(", "));
    }
}
