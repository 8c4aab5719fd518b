package io.connectionhealth.base;

import org.jspecify.annotations.Nullable;

/** The {@code order} query parameter of the lists that take one: {@code desc} (the default) or {@code asc}. */
public final class SortOrder {

    private SortOrder() {
    }

    public static boolean descending(@Nullable String order) {
        if (order == null || order.isBlank()) {
            return true;
        }
        return switch (order.strip()) {
            case "desc" -> true;
            case "asc" -> false;
            default -> throw ValidationException.of("order", "must be asc or desc, was '" + order + "'"
                    + (order.strip().equalsIgnoreCase("asc") || order.strip().equalsIgnoreCase("desc")
                    ? " (case-sensitive)" : ""));
        };
    }
}
