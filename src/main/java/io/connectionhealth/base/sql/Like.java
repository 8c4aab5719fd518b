package io.connectionhealth.base.sql;

/** LIKE patterns that match text literally: the wildcards escaped with the default escape character of both databases. */
public final class Like {

    private Like() {
    }

    /** The text with {@code \}, {@code %} and {@code _} escaped by a backslash. */
    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A pattern matching any text that contains this one. */
    public static String containing(String text) {
        return "%" + escape(text) + "%";
    }
}
