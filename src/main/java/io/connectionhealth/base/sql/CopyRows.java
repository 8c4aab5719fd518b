package io.connectionhealth.base.sql;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Rows in PostgreSQL's COPY text format, sent with {@code COPY … FROM STDIN} in the caller's transaction. COPY
 * skips the per-row parse, bind and execute of even a rewritten batch insert; a duplicate key still fails the
 * statement (and is translated to {@code DuplicateKeyException} like any other).
 */
public final class CopyRows {

    private final StringBuilder text = new StringBuilder(64 * 1024);
    private boolean rowStarted;
    private int rows;

    public CopyRows add(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
            return this;
        }
        int first = 0;
        while (first < value.length() && !special(value.charAt(first))) {
            first++;
        }
        text.append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return this;
    }

    public CopyRows add(Instant value) {
        return add(value == null ? null : value.toString());
    }

    public CopyRows add(Number value) {
        separate();
        text.append(value == null ? "\\N" : value.toString());
        return this;
    }

    public CopyRows add(boolean value) {
        separate();
        text.append(value ? 't' : 'f');
        return this;
    }

    /** One whole row: each value a String, Number, Boolean, Instant or null. */
    public CopyRows row(Object... values) {
        for (Object value : values) {
            switch (value) {
                case null -> add((String) null);
                case String v -> add(v);
                case Number v -> add(v);
                case Boolean v -> add(v.booleanValue());
                case Instant v -> add(v);
                default -> throw new IllegalArgumentException("no COPY text for " + value.getClass().getName());
            }
        }
        return endRow();
    }

    public CopyRows endRow() {
        text.append('\n');
        rowStarted = false;
        rows++;
        return this;
    }

    public int rows() {
        return rows;
    }

    /** {@code COPY table (columns) FROM STDIN} with these rows; returns the rows copied. */
    public long copyInto(JdbcTemplate jdbc, String tableAndColumns) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        Long copied = jdbc.execute((ConnectionCallback<Long>) con -> {
            try {
                return con.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy " + tableAndColumns + " from stdin", new ByteArrayInputStream(bytes));
            } catch (java.io.IOException e) {
                throw new java.sql.SQLException("COPY into " + tableAndColumns + " failed", e);
            }
        });
        return copied == null ? 0 : copied;
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }
}
