package io.connectionhealth.connection;

import io.connectionhealth.base.SortOrder;
import io.connectionhealth.base.ValidationException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The sortable fields of the connection list, by their API names; anything else is a 400. */
public record ConnectionSort(Field field, boolean descending) {

    public enum Field {
        CREATED_AT("created_at", false), UPDATED_AT("updated_at", false), LAST_HEALTHY_AT("last_healthy_at", true),
        LAST_UNHEALTHY_AT("last_unhealthy_at", true), INTEGRATION_TYPE("integration_type", false);

        final String column;
        final boolean nullable;

        Field(String column, boolean nullable) {
            this.column = column;
            this.nullable = nullable;
        }

        public String apiName() {
            return column;
        }
    }

    public static final ConnectionSort DEFAULT = new ConnectionSort(Field.CREATED_AT, true);

    public static ConnectionSort parse(String sort, String order) {
        Field field = Field.CREATED_AT;
        if (sort != null && !sort.isBlank()) {
            field = Arrays.stream(Field.values()).filter(f -> f.column.equals(sort.strip())).findFirst()
                    .orElseThrow(() -> ValidationException.of("sort", "unknown sort field '" + sort + "'; one of "
                            + Arrays.stream(Field.values()).map(f -> f.column).collect(Collectors.joining(", "))
                            + (Arrays.stream(Field.values()).anyMatch(f -> f.column.equalsIgnoreCase(sort.strip()))
                            ? " (case-sensitive)" : "")));
        }
        return new ConnectionSort(field, SortOrder.descending(order));
    }

    /**
     * Nulls last only where there can be nulls: PostgreSQL walks an ascending index backwards as "desc nulls first",
     * and would sort the whole list for a "desc nulls last" it need not ask for.
     */
    String sql() {
        return sql(field.nullable);
    }

    /** With "nulls last" whatever the column, an order no index has (see ConnectionStore.indexOrderServes). */
    String sqlNullsLast() {
        return sql(true);
    }

    private String sql(boolean nullsLast) {
        String dir = descending ? "desc" : "asc";
        return field.column + " " + dir + (nullsLast ? " nulls last" : "") + ", id " + dir;
    }
}
