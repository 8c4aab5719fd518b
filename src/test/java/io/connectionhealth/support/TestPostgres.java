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
    private static final java.util.Set<String> SCHEMAS = new java.util.LinkedHashSet<>();

    private TestPostgres() {
    }

    public static boolean configured() {
        String url = System.getenv("TEST_POSTGRES_URL");
        return url != null && !url.isBlank();
    }

    public static String schema() {
        return SCHEMA;
    }

    public static String url() {
        return url(SCHEMA);
    }

    /** Another schema of this run (also dropped when the JVM exits), for a test that needs a database of its own. */
    public static synchronized String url(String schema) {
        String base = System.getenv("TEST_POSTGRES_URL").strip();
        if (SCHEMAS.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropSchemas));
        }
        SCHEMAS.add(schema);
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&reWriteBatchedInserts=true";
    }

    public static String user() {
        String user = System.getenv("TEST_POSTGRES_USER");
        return user == null || user.isBlank() ? "postgres" : user;
    }

    public static String password() {
        String password = System.getenv("TEST_POSTGRES_PASSWORD");
        return password == null ? "" : password;
    }

    private static synchronized void dropSchemas() {
        try (Connection c = DriverManager.getConnection(System.getenv("TEST_POSTGRES_URL"), user(), password())) {
            for (String schema : SCHEMAS) {
                c.createStatement().execute("drop schema if exists " + schema + " cascade");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop the test schemas " + SCHEMAS + ": " + e.getMessage());
        }
    }
}
