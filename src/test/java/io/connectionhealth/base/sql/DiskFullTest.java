package io.connectionhealth.base.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded H2 of the default install, as application.properties configures it, on a disk that fills up: what it
 * acknowledged is on disk, readiness says DOWN while it cannot write, and it comes back by itself once space is freed.
 */
class DiskFullTest {

    @TempDir
    Path dir;
    private HikariDataSource pool;

    @AfterEach
    void tearDown() {
        FullDisk.FULL.set(false);
        if (pool != null) {
            pool.close();
        }
    }

    private static Properties appProperties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = DiskFullTest.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        return p;
    }

    private JdbcTemplate appPool() throws IOException {
        FullDisk.register();
        Properties app = appProperties();
        String url = app.getProperty("spring.datasource.url");
        assertThat(url).startsWith("jdbc:h2:file:./data/connection-health;");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.replace("jdbc:h2:file:./data/", "jdbc:h2:fulldisk:" + dir.toAbsolutePath() + "/"));
        config.setUsername("sa");
        config.setMaximumPoolSize(2);
        config.setExceptionOverrideClassName(app.getProperty("spring.datasource.hikari.exception-override-class-name"));
        pool = new HikariDataSource(config);
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        jdbc.execute("create table call (id int primary key)");
        return jdbc;
    }

    @Test
    void aCommitIsWrittenToTheFileBeforeItReturns() throws IOException {
        JdbcTemplate jdbc = appPool();
        long before = FullDisk.WRITES.get();
        jdbc.update("insert into call values (1)");
        assertThat(FullDisk.WRITES.get()).as("H2's default keeps commits in memory for up to 500 ms: a crash lost "
                + "calls already acknowledged").isGreaterThan(before);
    }

    @Test
    void aFullDiskIsDownUntilSpaceIsFreedThenBackWithoutARestart() throws Exception {
        JdbcTemplate jdbc = appPool();
        jdbc.update("insert into call values (1)");
        DatabaseHealth health = new DatabaseHealth(pool, new DiskFullAlarm(java.time.Clock.systemUTC()));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        FullDisk.FULL.set(true);
        assertThatThrownBy(() -> jdbc.update("insert into call values (2)")).hasStackTraceContaining("No space left");
        assertThat(health.health().getStatus()).as("readiness, while nothing can be written").isEqualTo(Status.DOWN);

        FullDisk.FULL.set(false);
        long deadline = System.nanoTime() + 10_000_000_000L;
        Status status = health.health().getStatus();
        while (status != Status.UP && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = health.health().getStatus();
        }
        assertThat(status).as("readiness, once space is freed").isEqualTo(Status.UP);
        jdbc.update("insert into call values (3)");
        assertThat(jdbc.queryForList("select id from call order by id", Integer.class)).containsExactly(1, 3);
    }
}
