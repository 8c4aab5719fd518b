package io.connectionhealth.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The test PostgreSQL: a schema per test JVM, so that runs never see each other's rows or migrations,
 * dropped when the JVM exits.
 */
public final class TestPostgres {

    private static final String SCHEMA = "ch_test_" + System.currentTimeMillis() + "_" + ProcessHandle.current().pid();
    private static boolean dropHookAdded;

    private TestPostgres() {
    }

    public static boolean configured() {
        String url = System.getenv("TEST_POSTGRES_URL");
        return url != null && !url.isBlank();
    }

    public static String schema() {
        return SCHEMA;
    }

    public static synchronized String url() {
        String base = System.getenv("TEST_POSTGRES_URL").strip();
        if (!dropHookAdded) {
            dropHookAdded = true;
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropSchema));
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA + "&reWriteBatchedInserts=true";
    }

    public static String user() {
        String user = System.getenv("TEST_POSTGRES_USER");
        return user == null || user.isBlank() ? "postgres" : user;
    }

    public static String password() {
        String password = System.getenv("TEST_POSTGRES_PASSWORD");
        return password == null ? "" : password;
    }

    private static void dropSchema() {
        try (Connection c = DriverManager.getConnection(System.getenv("TEST_POSTGRES_URL"), user(), password())) {
            c.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
        } catch (SQLException e) {
            System.err.println("Could not drop test schema " + SCHEMA + ": " + e.getMessage());
        }
    }
}
