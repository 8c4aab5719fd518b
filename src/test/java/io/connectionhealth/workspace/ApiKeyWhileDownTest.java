package io.connectionhealth.workspace;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.sql.DatabaseDown;
import io.connectionhealth.support.MutableClock;
import io.connectionhealth.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The metrics scrape's key check while the database is away: a key read within the last day is taken as it was read;
 * an older reading, or any other request's check, still needs the database.
 */
class ApiKeyWhileDownTest extends ServiceTest {

    private static final Duration WITHIN = Duration.ofMillis(200);

    @Autowired
    ApiKeyService keys;
    @Autowired
    DataSource dataSource;

    @Test
    void aKeyReadWithinADayIsTakenForTheScrapeWhileTheDatabaseIsAwayAndNoLonger() {
        Actor actor = newWorkspace();
        String secret = keys.create(actor, "prometheus", ApiKeyAccess.READ).secret();
        AtomicBoolean down = new AtomicBoolean();
        DataSource failing = new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                if (down.get()) {
                    throw new SQLException("Connection refused", "08001");
                }
                return super.getConnection();
            }
        };
        MutableClock clock = new MutableClock();
        clock.set(java.time.Instant.now());
        ApiKeyService instance = new ApiKeyService(JdbcClient.create(failing), clock);
        assertThat(instance.authenticateUnlessDown(secret, WITHIN)).isPresent(); // read from the database

        down.set(true);
        clock.advance(Duration.ofMinutes(1)); // past the cache's 10 s
        assertThat(instance.authenticateUnlessDown(secret, WITHIN)).as("taken as read a minute ago").isPresent();
        assertThatThrownBy(() -> instance.authenticate(secret)).as("any other request needs the database")
                .isInstanceOf(DataAccessException.class).matches(DatabaseDown::is);
        assertThatThrownBy(() -> instance.authenticateUnlessDown("ch_never_read_here_1234567890", WITHIN))
                .as("a key never read here").isInstanceOf(DataAccessException.class);

        clock.advance(ApiKeyService.KEPT_WHILE_DOWN);
        assertThatThrownBy(() -> instance.authenticateUnlessDown(secret, WITHIN))
                .as("read more than a day ago: not taken without the database").isInstanceOf(DataAccessException.class);

        down.set(false);
        assertThat(instance.authenticateUnlessDown(secret, WITHIN)).as("read again once it is back").isPresent();
    }
}
