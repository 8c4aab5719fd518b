package io.connectionhealth.base.sql;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * PostgreSQL's COPY text format without a database: tab between values, newline after a row, {@code \N} for null,
 * and a backslash, tab, newline or carriage return inside a value escaped so it cannot end the value or the row.
 */
class CopyRowsTest {

    @Test
    void valuesAreTabSeparatedAndEachRowEndsWithANewline() throws Exception {
        CopyRows rows = new CopyRows()
                .row("a", 42, 7L, true, Instant.parse("2026-01-31T12:00:00.5Z"))
                .row("b", null, null, false, null);

        assertThat(rows.rows()).isEqualTo(2);
        assertThat(sent(rows, "t (a, b, c, d, e)")).isEqualTo(new Sent("copy t (a, b, c, d, e) from stdin",
                "a\t42\t7\tt\t2026-01-31T12:00:00.500Z\nb\t\\N\t\\N\tf\t\\N\n", 2));
    }

    @Test
    void theTypedAddsWriteTheSameAsARow() throws Exception {
        CopyRows rows = new CopyRows().add("x").add((String) null).add((Number) null).add(3).add(false)
                .add((Instant) null).add(Instant.EPOCH).endRow();

        assertThat(rows.rows()).isEqualTo(1);
        assertThat(sent(rows, "t").text()).isEqualTo("x\t\\N\t\\N\t3\tf\t\\N\t1970-01-01T00:00:00Z\n");
    }

    @Test
    void aValueCannotEndItsValueOrRowEarly() throws Exception {
        CopyRows rows = new CopyRows().row("back\\slash", "tab\there", "new\nline", "carriage\rreturn",
                "\\N", "\t", "plain é 😀", "");

        assertThat(sent(rows, "t").text()).isEqualTo(
                "back\\\\slash\ttab\\there\tnew\\nline\tcarriage\\rreturn\t\\\\N\t\\t\tplain é 😀\t\n");
    }

    @Test
    void anEmptyCopySendsNothingAndAnUnknownTypeIsRefused() throws Exception {
        assertThat(sent(new CopyRows(), "t")).isEqualTo(new Sent("copy t from stdin", "", 0));
        assertThatThrownBy(() -> new CopyRows().row(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }

    record Sent(String sql, String text, long copied) {
    }

    /** What {@code copyInto} hands PostgreSQL's CopyManager, which answers with the number of newline-ended rows. */
    private static Sent sent(CopyRows rows, String tableAndColumns) throws SQLException, java.io.IOException {
        List<String> sql = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        CopyManager copy = mock(CopyManager.class);
        when(copy.copyIn(anyString(), any(InputStream.class))).thenAnswer(call -> {
            sql.add(call.getArgument(0));
            ((InputStream) call.getArgument(1)).transferTo(body);
            return body.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
        });
        PGConnection pg = mock(PGConnection.class);
        when(pg.getCopyAPI()).thenReturn(copy);
        Connection connection = mock(Connection.class);
        when(connection.unwrap(PGConnection.class)).thenReturn(pg);
        JdbcTemplate jdbc = new JdbcTemplate() {
            @Override
            public <T> T execute(ConnectionCallback<T> action) {
                try {
                    return action.doInConnection(connection);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        long copied = rows.copyInto(jdbc, tableAndColumns);
        return new Sent(sql.getFirst(), body.toString(StandardCharsets.UTF_8), copied);
    }
}
