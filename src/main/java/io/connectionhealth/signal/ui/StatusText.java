package io.connectionhealth.signal.ui;

import java.util.List;
import java.util.regex.Pattern;

/** The logs' status filter as typed: an exact status ({@code 401}) or a class of them ({@code 4xx}). */
final class StatusText {

    static final String IMPOSSIBLE = "An HTTP status is 100–599: no call can match";
    static final String NOT_A_STATUS = "Type a status (401) or a class (4xx)";
    static final List<String> CLASSES = List.of("2xx", "3xx", "4xx", "5xx");

    private static final Pattern THREE_DIGITS = Pattern.compile("\\d{3}");
    private static final Pattern CLASS = Pattern.compile("[1-5]xx");

    private StatusText() {
    }

    /** What is wrong with the value, or null: "401" and "4xx" are right, "999" matches nothing, "abc" is no status. */
    static String problem(String value) {
        if (value == null || value.isBlank() || CLASS.matcher(value).matches()) {
            return null;
        }
        if (!THREE_DIGITS.matcher(value).matches()) {
            return NOT_A_STATUS;
        }
        int code = Integer.parseInt(value);
        return code < 100 || code > 599 ? IMPOSSIBLE : null;
    }

    /** The exact status the value names, or null ("4xx", blank and "abc" name none). */
    static Integer exact(String value) {
        return value != null && THREE_DIGITS.matcher(value).matches() ? Integer.valueOf(value) : null;
    }

    /** The class the value names (4 for "4xx"), or null. */
    static Integer statusClass(String value) {
        return value != null && CLASS.matcher(value).matches() ? value.charAt(0) - '0' : null;
    }
}
