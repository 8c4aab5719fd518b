package io.connectionhealth.base.sql;

import org.flywaydb.core.Flyway;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code java -jar connection-health.jar move-from-h2}: copies an embedded H2 database (a trial's) into a new
 * PostgreSQL database, every row as it is — workspaces, users, API keys, connections, the logs, events and their
 * deliveries, the webhook and its secret — so that an install moves without its receivers or API clients noticing.
 * The PostgreSQL database is the one the application will use ({@code SPRING_DATASOURCE_URL}, {@code _USERNAME},
 * {@code _PASSWORD}); it is migrated by this version's migrations and must hold no workspace yet. The rows are copied in
 * one transaction, so a failed move leaves the target as empty as it found it; the H2 file is only read. Plain JDBC
 * and Flyway, no Spring: nothing of the application runs meanwhile (docs/operations.md, "From H2 to PostgreSQL").
 */
public final class MoveFromH2 {

    public static final String COMMAND = "move-from-h2";
    static final String DEFAULT_SOURCE = "jdbc:h2:file:./data/connection-health";

    /** In the order their references need; every other table of the schema must be in {@link #NOT_COPIED}. */
    static final List<String> TABLES = List.of("workspace", "app_user", "api_key", "notification_settings",
            "connection", "api_call", "job_run", "idempotency_key", "notification_event", "delivery_attempt",
            "scheduled_tasks");
    /** Flyway's own record (written by the migration of the target); the search's side table (filled by a trigger). */
    static final Set<String> NOT_COPIED = Set.of("flyway_schema_history", "connection_search");

    private static final int BATCH = 1000;

    private final PrintStream out;

    private MoveFromH2(PrintStream out) {
        this.out = out;
    }

    /** Thrown for what the person running the move must change; its message is all they are shown. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** The command: 0 when moved, 1 when refused or failed (said on {@code err}), 2 for a wrong command line. */
    public static int run(List<String> args, Function<String, String> env, PrintStream out, PrintStream err) {
        String source = DEFAULT_SOURCE;
        for (String arg : args) {
            if (arg.startsWith("--from=") && arg.length() > "--from=".length()) {
                source = arg.substring("--from=".length());
            } else if (arg.equals("--help") || arg.equals("-h")) {
                out.println(usage());
                return 0;
            } else {
                err.println("Unknown argument: " + arg);
                err.println(usage());
                return 2;
            }
        }
        String target = setting(env, "SPRING_DATASOURCE_URL");
        if (target == null || !target.startsWith("jdbc:postgresql:")) {
            err.println("Set SPRING_DATASOURCE_URL to the PostgreSQL database to move into (jdbc:postgresql://…), and "
                    + "SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD: the settings the application will "
                    + "then run with.");
            err.println(usage());
            return 2;
        }
        if (!source.startsWith("jdbc:h2:")) {
            err.println("--from must be an H2 URL (jdbc:h2:file:…); it was " + source);
            return 2;
        }
        try {
            // the postgres profile's defaults (application-postgres.properties)
            String user = setting(env, "SPRING_DATASOURCE_USERNAME");
            new MoveFromH2(out).move(source, target, user == null ? "postgres" : user,
                    setting(env, "SPRING_DATASOURCE_PASSWORD"));
            return 0;
        } catch (Refused e) {
            err.println("Nothing was moved: " + e.getMessage());
            return 1;
        } catch (SQLException | RuntimeException e) {
            err.println("The move failed and was rolled back (the PostgreSQL database holds no rows of it; the H2 file "
                    + "is unchanged): " + e);
            return 1;
        }
    }

    static String usage() {
        return """
                Usage: SPRING_DATASOURCE_URL=jdbc:postgresql://host:5432/db SPRING_DATASOURCE_USERNAME=… \\
                       SPRING_DATASOURCE_PASSWORD=… java -jar connection-health.jar move-from-h2 [--from=<H2 URL>]
                Copies every row of the stopped application's H2 database (default %s) into that new
                PostgreSQL database; then start the application with the same settings. --help prints this.""".formatted(DEFAULT_SOURCE);
    }

    private static String setting(Function<String, String> env, String name) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private void move(String sourceUrl, String targetUrl, String user, String password)
            throws SQLException, Refused {
        try (Connection source = openSource(sourceUrl); Connection target = openTarget(targetUrl, user, password)) {
            requireEmpty(target);
            quietLogging();
            var migrated = Flyway.configure().dataSource(targetUrl, user, password).locations("classpath:db/migration")
                    .load().migrate();
            out.println("Migrated the PostgreSQL database to version " + migrated.targetSchemaVersion + ".");
            requireSameMigrations(source, target);
            requireKnownTables(target);
            target.setAutoCommit(false);
            try {
                long started = System.nanoTime();
                long total = 0;
                for (String table : TABLES) {
                    total += copy(source, target, table);
                }
                carryOnIdentities(target);
                target.commit();
                out.printf(Locale.ROOT, "Moved %,d rows in %.1f s.%n", total, (System.nanoTime() - started) / 1e9);
            } catch (SQLException | RuntimeException e) {
                target.rollback();
                throw e;
            }
            target.setAutoCommit(true);
            try (Statement st = target.createStatement()) {
                st.execute("analyze"); // a fresh table's planner guesses read whole workspaces (docs/benchmarks.md, 8)
            }
            out.println("Done. Start the application with SPRING_PROFILES_ACTIVE=postgres and the same "
                    + "SPRING_DATASOURCE_* settings. The H2 file is "
                    + "unchanged: keep it until the moved install has been checked.");
        }
    }

    /** Without Spring nobody configures Logback, whose default prints every debug line of Flyway and the drivers. */
    private static void quietLogging() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static Connection openSource(String url) throws SQLException, Refused {
        try {
            // read-only, streamed (a million calls are not held in memory), and never created where none is
            return DriverManager.getConnection(url + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;LAZY_QUERY_EXECUTION=TRUE",
                    "sa", "");
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("already in use") || message.contains("locked")) {
                throw new Refused("the H2 database " + url + " is in use: stop the application first. (" + message
                        + ")");
            }
            if (e.getErrorCode() == 90146) { // DATABASE_NOT_FOUND_WITH_IF_EXISTS_1
                throw new Refused("there is no H2 database at " + url + " (run the command where the application "
                        + "ran, which keeps it in ./data, or give its URL with --from=).");
            }
            throw e;
        }
    }

    private static Connection openTarget(String url, String user, String password) throws SQLException, Refused {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("reWriteBatchedInserts", "true");
        properties.setProperty("loginTimeout", "30"); // as the application sets it: a silent server must not hang the move
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw new Refused("cannot open the PostgreSQL database " + url + ": " + e.getMessage());
        }
    }

    /** A database an instance has started on holds its own workspace, admin and key, which the copy would clash with. */
    private static void requireEmpty(Connection target) throws SQLException, Refused {
        try (Statement st = target.createStatement(); ResultSet tables = st.executeQuery(
                "select count(*) from information_schema.tables where table_schema = current_schema()"
                        + " and table_name = 'workspace'")) {
            tables.next();
            if (tables.getLong(1) == 0) {
                return;
            }
        }
        try (Statement st = target.createStatement();
             ResultSet rows = st.executeQuery("select count(*) from workspace")) {
            rows.next();
            if (rows.getLong(1) > 0) {
                throw new Refused("the PostgreSQL database already holds a workspace (an instance has started on it, "
                        + "or a move has been made): move into a new, empty database.");
            }
        }
    }

    /** Both databases at the same migrations: the tables then have the same columns, meaning the same. */
    private static void requireSameMigrations(Connection source, Connection target) throws SQLException, Refused {
        Map<String, String> h2 = migrations(source);
        Map<String, String> pg = migrations(target);
        if (!h2.equals(pg)) {
            Set<String> versions = new LinkedHashSet<>(h2.keySet());
            versions.addAll(pg.keySet());
            List<String> differing = versions.stream().filter(v -> !h2.containsKey(v) || !pg.containsKey(v)
                    || !h2.get(v).equals(pg.get(v))).map(v -> "V" + v).toList();
            throw new Refused("the H2 database was migrated by another version of the application (migrations "
                    + differing + " differ). Start this version on it once (it migrates the H2 database on start), stop "
                    + "it, and move again.");
        }
    }

    private static Map<String, String> migrations(Connection db) throws SQLException {
        Map<String, String> versions = new LinkedHashMap<>();
        try (Statement st = db.createStatement(); ResultSet rows = st.executeQuery(
                // quoted: Flyway names its table in lower case on H2 too
                "select \"version\", \"checksum\" from \"flyway_schema_history\" where \"success\""
                        + " and \"version\" is not null order by \"installed_rank\"")) {
            while (rows.next()) {
                versions.put(rows.getString(1), String.valueOf(rows.getObject(2)));
            }
        }
        return versions;
    }

    /** A table added by a later migration and not named here would be left behind without a word. */
    private static void requireKnownTables(Connection target) throws SQLException {
        Set<String> unknown = new TreeSet<>();
        try (Statement st = target.createStatement(); ResultSet rows = st.executeQuery(
                "select table_name from information_schema.tables where table_schema = current_schema()"
                        + " and table_type = 'BASE TABLE'")) {
            while (rows.next()) {
                String table = rows.getString(1);
                if (!TABLES.contains(table) && !NOT_COPIED.contains(table)) {
                    unknown.add(table);
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("this version's schema has tables the move does not know: " + unknown);
        }
    }

    private long copy(Connection source, Connection target, String table) throws SQLException {
        List<String> columns = targetColumns(target, table);
        Set<String> inSource = sourceColumns(source, table);
        List<String> missing = columns.stream().filter(c -> !inSource.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the H2 table " + table + " lacks the columns " + missing);
        }
        String list = String.join(", ", columns);
        long started = System.nanoTime();
        long rows = 0;
        try (Statement select = source.createStatement();
             PreparedStatement insert = target.prepareStatement("insert into " + table + " (" + list + ") values ("
                     + String.join(", ", columns.stream().map(c -> "?").toList()) + ")")) {
            select.setFetchSize(BATCH);
            try (ResultSet rs = select.executeQuery("select " + list + " from " + table)) {
                while (rs.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        insert.setObject(i, rs.getObject(i));
                    }
                    insert.addBatch();
                    if (++rows % BATCH == 0) {
                        insert.executeBatch();
                    }
                }
            }
            if (rows % BATCH != 0) {
                insert.executeBatch();
            }
        }
        out.printf(Locale.ROOT, "  %-22s %,12d rows  %6.1f s%n", table, rows, (System.nanoTime() - started) / 1e9);
        return rows;
    }

    /** The columns a value can be written to (a generated one is computed by PostgreSQL itself). */
    private static List<String> targetColumns(Connection target, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement st = target.prepareStatement("""
                select column_name from information_schema.columns
                where table_schema = current_schema() and table_name = ? and is_generated = 'NEVER'
                order by ordinal_position""")) {
            st.setString(1, table);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    private static Set<String> sourceColumns(Connection source, String table) throws SQLException {
        Set<String> columns = new LinkedHashSet<>();
        try (PreparedStatement st = source.prepareStatement("""
                select column_name from information_schema.columns
                where table_schema = current_schema() and lower(table_name) = ?""")) {
            st.setString(1, table);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }

    /** Identity columns carry on after the copied values (their sequences had not moved: the values were given). */
    private static void carryOnIdentities(Connection target) throws SQLException {
        List<String[]> identities = new ArrayList<>();
        try (Statement st = target.createStatement(); ResultSet rows = st.executeQuery("""
                select table_name, column_name from information_schema.columns
                where table_schema = current_schema() and is_identity = 'YES'""")) {
            while (rows.next()) {
                identities.add(new String[]{rows.getString(1), rows.getString(2)});
            }
        }
        for (String[] identity : identities) {
            try (Statement st = target.createStatement()) {
                st.execute("select setval(pg_get_serial_sequence('" + identity[0] + "', '" + identity[1] + "'),"
                        + " coalesce(max(" + identity[1] + "), 0) + 1, false) from " + identity[0]);
            }
        }
    }
}
