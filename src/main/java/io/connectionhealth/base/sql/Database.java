package io.connectionhealth.base.sql;

import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Which of the two supported databases this instance runs on, read once. The bulk writes differ (PostgreSQL gets COPY
 * and set-based updates, H2 plain JDBC batches), and so do some reads, each shaped for its planner (ConnectionStore,
 * SignalStore).
 */
@Component
public class Database {

    private final boolean postgres;

    Database(DataSource dataSource) throws SQLException {
        try (Connection con = dataSource.getConnection()) {
            postgres = con.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        }
    }

    public boolean isPostgres() {
        return postgres;
    }

    public boolean isH2() {
        return !postgres;
    }
}
