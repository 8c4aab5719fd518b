package io.connectionhealth.base.sql;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.UncategorizedSQLException;

import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseDownTest {

    @Test
    void aFullDiskIsFoundInTheCauseChainAndBesideIt() {
        assertThat(DatabaseDown.diskFull(new RuntimeException(new IOException("No space left on device")))).isTrue();
        // H2's failed batch: the cause sits on the statement's exception, kept as the batch's next exception
        BatchUpdateException batch = new BatchUpdateException("General error: \"MVStoreException: Writing to … failed\"",
                "HY000", 50000, new int[0]);
        batch.setNextException(new SQLException("General error", "HY000", 50000,
                new IOException("No space left on device")));
        assertThat(DatabaseDown.diskFull(new UncategorizedSQLException("insert", "insert …", batch))).isTrue();
        assertThat(DatabaseDown.is(new UncategorizedSQLException("insert", "insert …", batch))).isTrue();

        // PostgreSQL names it by its SQLState, whatever the message's language (lc_messages)
        assertThat(DatabaseDown.diskFull(new UncategorizedSQLException("insert", "insert …",
                new SQLException("konnte Datei nicht erweitern: Auf dem Gerät ist kein Speicherplatz mehr verfügbar",
                        "53100")))).isTrue();

        SQLException looping = new SQLException("duplicate key", "23505");
        looping.setNextException(looping);
        assertThat(DatabaseDown.diskFull(looping)).isFalse();
        assertThat(DatabaseDown.is(new UncategorizedSQLException("x", "select 1", new SQLException("syntax", "42000"))))
                .isFalse();
    }
}
