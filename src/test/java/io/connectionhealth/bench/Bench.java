package io.connectionhealth.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator of the benchmark (docs/benchmarks.md, issue 5). It depends on the JDK and a JDBC driver only, so
 * bench/run.sh starts it with the single-file source launcher; the smoke test calls {@link #run} in-process.
 *
 * <p>Every figure is measured twice in the same run: through the application's REST API and as the same work done
 * raw over JDBC against the same database. Phases, so that H2 (an embedded file database the application holds
 * open) can be measured raw while the application is stopped:
 * <ul>
 *   <li>{@code ingest} (application up): creates the connections through the API, posts the API calls;</li>
 *   <li>{@code raw} (database only): the same calls inserted by plain JDBC batches into a copy of api_call, bulk-loads
 *       the log and the connection table to size, times the queries' SQL;</li>
 *   <li>{@code api} (application up): times the same queries through the API, then the webhook latency;</li>
 *   <li>{@code all}: the three in one go (the smoke test); {@code table}: prints the markdown table of a results file.</li>
 * </ul>
 * Options are {@code --name=value}; see {@link Options}. Results are appended to {@code --results} as tab-separated
 * lines: db, key, label, api, raw, ratio, note.
 */
public final class Bench {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern WORKSPACE = Pattern.compile("\"workspace_id\":\"([^\"]+)\"");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int CLIENTS = 4;
    private static final int BATCH = 1000;
    private static final long LOG_SPAN_MICROS = Duration.ofDays(60).toNanos() / 1000;
    private static final String[] ERROR_KINDS = {"401", "403", "429", "500 PLATFORM", "503", "timeout"};

    /** V1__init.sql's api_call, renamed: the same columns and key; the indexes are created with it in raw(). */
    private static final String API_CALL_RAW = """
            create table api_call_raw (
                workspace_id     varchar(36)  not null,
                id               varchar(64)  not null,
                connection_id    varchar(36),
                integration_type varchar(100),
                created_at       timestamp with time zone not null,
                received_at      timestamp with time zone not null,
                type             varchar(16)  not null,
                method           varchar(16),
                path             varchar(2048),
                status           int,
                timed_out        boolean      not null,
                error            varchar(8300),
                error_origin     varchar(16)  not null,
                duration_ms      bigint,
                size             bigint,
                external_xref    varchar(256),
                health_name      varchar(32),
                resolution_owner varchar(16),
                effect           varchar(16)  not null,
                rule             varchar(16)  not null,
                primary key (workspace_id, id)
            )""";

    private final Options o;
    private final Properties state = new Properties();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Bench(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        run(args);
    }

    /** Runs one phase (the first argument) with {@code --name=value} options. */
    public static void run(String... args) throws Exception {
        String phase = args.length == 0 ? "help" : args[0];
        Options o = Options.parse(Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        Bench bench = new Bench(o);
        switch (phase) {
            case "ingest" -> bench.withState(bench::ingest);
            case "raw" -> bench.withState(bench::raw);
            case "api" -> bench.withState(bench::api);
            case "all" -> bench.withState(() -> {
                bench.ingest();
                bench.raw();
                bench.api();
            });
            case "table" -> System.out.print(table(Path.of(o.get("results"))));
            case "purge-setup", "purge-load", "purge-run", "purge-all" -> bench.withState(() -> bench.purge(phase));
            default -> {
                System.err.println("usage: Bench ingest|raw|api|all|table|purge-setup|purge-load|purge-run|purge-all --results=FILE [options]; see bench/run.sh");
                throw new IllegalArgumentException("unknown phase " + phase);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- options

    /** {@code --name=value} options with defaults for the smoke size. */
    record Options(Map<String, String> values) {
        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String a : args) {
                if (!a.startsWith("--") || !a.contains("=")) {
                    throw new IllegalArgumentException("options look like --name=value, got " + a);
                }
                values.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
            return new Options(values);
        }

        String get(String name) {
            String v = values.get(name);
            if (v == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return v;
        }

        String get(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        int integer(String name, int fallback) {
            return Integer.parseInt(get(name, String.valueOf(fallback)).replace("_", ""));
        }
    }

    private String db() {
        return o.get("db", "h2");
    }

    private boolean postgres() {
        return db().equals("postgres");
    }

    private int calls() {
        return o.integer("calls", 1000);
    }

    private int connections() {
        return o.integer("connections", 50);
    }

    private void withState(ThrowingRunnable body) throws Exception {
        Path file = Path.of(o.get("state"));
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file)) {
                state.load(in);
            }
        }
        try {
            body.run();
        } finally {
            try (var out = Files.newBufferedWriter(file)) {
                state.store(out, "bench state");
            }
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ------------------------------------------------------------------------------------------------- ingestion

    private void ingest() throws Exception {
        int c = connections();
        int n = calls();
        log("ingest: creating %d connections through the API", c);
        String[] ids = new String[c];
        long start = System.nanoTime();
        // the first one alone: concurrent first writes of a workspace race creating its notification settings (a 500)
        ids[0] = createConnection(0);
        parallel(c - 1, CLIENTS, i -> ids[i + 1] = createConnection(i + 1));
        double createSeconds = seconds(start);
        Files.write(Path.of(o.get("state") + ".connections"), List.of(ids));
        result("setup.connections", "Connections created through the API (one POST each, 4 clients)",
                rate(c, createSeconds) + " /s", "", "", c + " in " + fmt(createSeconds) + " s");

        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(40));
        state.setProperty("t0", t0.toString());
        log("ingest: posting %d API calls in batches of %d by %d clients", n, BATCH, CLIENTS);
        int batches = (n + BATCH - 1) / BATCH;
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger posted = new AtomicInteger();
        Thread autovacuum = autovacuum("api", "api_call", "connection", "notification_event");
        start = System.nanoTime();
        parallel(batches, CLIENTS, b -> {
            StringBuilder json = new StringBuilder(BATCH * 220).append('[');
            for (int i = b * BATCH; i < Math.min(n, (b + 1) * BATCH); i++) {
                if (i > b * BATCH) {
                    json.append(',');
                }
                callJson(json, i, ids, t0);
            }
            HttpResult r = send("POST", "/api/v1/apicalls", json.append(']').toString());
            if (r.status() != 200) {
                failed.incrementAndGet();
                log("batch %d: HTTP %d %s", b, r.status(), r.body().substring(0, Math.min(300, r.body().length())));
            }
            int done = posted.addAndGet(BATCH);
            if (done % Math.max(BATCH, (n / 10) / BATCH * BATCH) == 0) {
                log("ingest: %d of %d calls posted", Math.min(done, n), n);
            }
        });
        double seconds = seconds(start);
        stop(autovacuum);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + batches + " batches failed");
        }
        state.setProperty("ingest.api.rate", String.valueOf(n / seconds));
        log("ingest: %d calls in %.1f s = %.0f calls/s", n, seconds, n / seconds);
    }

    /**
     * With {@code --autoanalyze=true} (bench/run.sh sets it when the PostgreSQL server runs with autovacuum = off):
     * does what autovacuum's defaults would do to the written tables — once per naptime (60 s), VACUUM a table whose
     * dead rows exceed 50 + 20 % of its rows or whose inserts since the last vacuum exceed 1,000 + 20 %, ANALYZE one
     * whose changes since the last analyze exceed 50 + 10 % (PostgreSQL's own counters, pg_stat_user_tables). The
     * same runs beside the raw inserts, so that both rates carry the same maintenance. Returns null when off.
     */
    private Thread autovacuum(String phase, String... tables) throws SQLException {
        if (!Boolean.parseBoolean(o.get("autoanalyze", "false"))) {
            return null;
        }
        long naptimeMillis = Long.parseLong(o.get("autovacuum-naptime-ms", "60000"));
        try (Connection db = jdbc(); Statement st = db.createStatement()) {
            for (String table : tables) {
                st.execute("analyze " + table); // what the application's tables look like when ingestion begins
            }
        }
        Thread t = new Thread(() -> {
            try (Connection db = jdbc()) {
                db.setAutoCommit(true);
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(naptimeMillis);
                    for (String table : tables) {
                        String work = maintenanceDue(db, table);
                        if (work != null) {
                            try (Statement st = db.createStatement()) {
                                st.execute(work + " " + table);
                            }
                            String key = "autovacuum." + phase + "." + work.replace(' ', '_');
                            synchronized (state) {
                                state.setProperty(key, String.valueOf(Integer.parseInt(state.getProperty(key, "0")) + 1));
                            }
                        }
                    }
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            } catch (SQLException e) {
                log("autovacuum emulation stopped: %s", e.getMessage());
            }
        }, "autovacuum");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** "vacuum analyze", "vacuum", "analyze" or null, by autovacuum's default thresholds. */
    private static String maintenanceDue(Connection db, String table) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("""
                select greatest(c.reltuples, 0), s.n_dead_tup, s.n_ins_since_vacuum, s.n_mod_since_analyze
                from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.relname = ?""")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                double rows = rs.getDouble(1);
                boolean vacuum = rs.getLong(2) > 50 + 0.2 * rows || rs.getLong(3) > 1000 + 0.2 * rows;
                boolean analyze = rs.getLong(4) > 50 + 0.1 * rows;
                return vacuum && analyze ? "vacuum analyze" : vacuum ? "vacuum" : analyze ? "analyze" : null;
            }
        }
    }

    /** What the emulated autovacuum did in a phase, for the table's notes ("" when nothing or off). */
    private String maintenanceNote(String phase) {
        List<String> done = new ArrayList<>();
        for (String work : List.of("vacuum_analyze", "vacuum", "analyze")) {
            String runs = state.getProperty("autovacuum." + phase + "." + work);
            if (runs != null) {
                done.add(work.replace('_', ' ') + " ×" + runs);
            }
        }
        return done.isEmpty() ? "" : String.join(", ", done);
    }

    private static String orNothing(String note) {
        return note.isEmpty() ? "nothing due" : note;
    }

    private static void stop(Thread t) throws InterruptedException {
        if (t != null) {
            t.interrupt();
            t.join();
        }
    }

    private String createConnection(int i) {
        HttpResult r = send("POST", "/api/v1/connections", "{\"integration_type\":\"type_" + (i % 50)
                + "\",\"integration_name\":\"Bench connection " + i + "\",\"external_xref\":\"xref-" + i
                + "\",\"environment\":\"production\",\"categories\":[\"crm\"]}");
        if (r.status() != 201) {
            throw new IllegalStateException("creating a connection: HTTP " + r.status() + " " + r.body());
        }
        if (!state.containsKey("workspace")) {
            synchronized (state) {
                state.setProperty("workspace", match(WORKSPACE, r.body()));
            }
        }
        return match(ID, r.body());
    }

    /** The i-th API call: ~10 % errors of six kinds, deterministic so that the raw insert stores the same rows. */
    private static Call call(int i, String[] connectionIds, Instant t0, int n) {
        long h = mix(i);
        String conn = connectionIds[i % connectionIds.length];
        Instant created = t0.plus(Duration.ofNanos(i * (Duration.ofMinutes(30).toNanos() / Math.max(1, n)) / 1000 * 1000));
        boolean error = Math.floorMod(h, 100) < 10;
        String kind = error ? ERROR_KINDS[(int) Math.floorMod(h >>> 8, ERROR_KINDS.length)] : null;
        Integer status = null;
        if (!error) {
            status = Math.floorMod(h >>> 16, 4) == 0 ? 201 : 200;
        } else if (!kind.equals("timeout")) {
            status = Integer.parseInt(kind.substring(0, 3));
        }
        String method = Math.floorMod(h >>> 20, 3) == 0 ? "POST" : "GET";
        return new Call("call-" + i, conn, created, method, "/v1/contacts/" + Math.floorMod(h >>> 24, 100_000), status,
                "timeout".equals(kind), error ? "vendor said: " + kind + " (bench)" : null,
                "500 PLATFORM".equals(kind) ? "PLATFORM" : "VENDOR", Math.floorMod(h >>> 32, 2000),
                Math.floorMod(h >>> 40, 50_000));
    }

    record Call(String id, String connectionId, Instant createdAt, String method, String path, Integer status,
                boolean timedOut, String error, String origin, long durationMs, long size) {
    }

    private void callJson(StringBuilder json, int i, String[] ids, Instant t0) {
        callJson(json, i, ids, t0, calls());
    }

    private void callJson(StringBuilder json, int i, String[] ids, Instant t0, int n) {
        Call c = call(i, ids, t0, n);
        json.append("{\"id\":\"").append(c.id()).append("\",\"connection_id\":\"").append(c.connectionId())
                .append("\",\"created_at\":\"").append(c.createdAt()).append("\",\"method\":\"").append(c.method())
                .append("\",\"path\":\"").append(c.path()).append('"');
        if (c.status() != null) {
            json.append(",\"status\":").append(c.status());
        }
        if (c.timedOut()) {
            json.append(",\"timed_out\":true");
        }
        if (c.error() != null) {
            json.append(",\"error\":\"").append(c.error()).append("\",\"error_origin\":\"").append(c.origin()).append('"');
        }
        json.append(",\"duration_ms\":").append(c.durationMs()).append(",\"size\":").append(c.size()).append('}');
    }

    // ------------------------------------------------------------------------------------------------- raw phase

    private Connection jdbc() throws SQLException {
        return DriverManager.getConnection(o.get("jdbc-url"), o.get("jdbc-user", postgres() ? "postgres" : "sa"),
                o.get("jdbc-password", ""));
    }

    private void raw() throws Exception {
        String ws = state.getProperty("workspace");
        String[] ids = Files.readAllLines(Path.of(o.get("state") + ".connections")).toArray(String[]::new);
        Instant t0 = Instant.parse(state.getProperty("t0"));
        int n = calls();
        try (Connection db = jdbc(); Statement st = db.createStatement()) {
            long stored = count(db, "select count(*) from api_call where workspace_id = ?", ws);
            long events = count(db, "select count(*) from notification_event where workspace_id = ? and event_type in "
                    + "('CONNECTION_HEALTHY', 'CONNECTION_UNHEALTHY')", ws);
            if (stored != n) {
                throw new IllegalStateException("expected " + n + " stored calls, found " + stored);
            }
            st.execute("drop table if exists api_call_raw");
            st.execute(API_CALL_RAW);
            // api_call's indexes: V1's time indexes, which V5 extends by id on H2; on PostgreSQL V4's partial index of
            // the errors
            String id = postgres() ? "" : ", id";
            st.execute("create index api_call_raw_ws_conn_time on api_call_raw (workspace_id, connection_id, created_at" + id + ")");
            st.execute("create index api_call_raw_ws_time on api_call_raw (workspace_id, created_at" + id + ")");
            if (postgres()) {
                st.execute("create index api_call_raw_ws_conn_errors on api_call_raw (workspace_id, connection_id, created_at)"
                        + " where status >= 400 or timed_out");
            }
            if (!db.getAutoCommit()) {
                db.commit();
            }
            log("raw: inserting the same %d calls by JDBC batches of %d, %d threads", n, BATCH, CLIENTS);
            int batches = (n + BATCH - 1) / BATCH;
            ThreadLocal<Connection> perThread = new ThreadLocal<>();
            List<Connection> opened = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread autovacuum = postgres() ? autovacuum("raw", "api_call_raw") : null;
            long start = System.nanoTime();
            parallel(batches, CLIENTS, b -> {
                try {
                    Connection c = perThread.get();
                    if (c == null) {
                        c = jdbc();
                        c.setAutoCommit(false);
                        perThread.set(c);
                        opened.add(c);
                    }
                    try (PreparedStatement ps = c.prepareStatement("""
                            insert into api_call_raw (workspace_id, id, connection_id, integration_type, created_at,
                                received_at, type, method, path, status, timed_out, error, error_origin, duration_ms, size,
                                external_xref, health_name, resolution_owner, effect, rule)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                        for (int i = b * BATCH; i < Math.min(n, (b + 1) * BATCH); i++) {
                            Call call = call(i, ids, t0, n);
                            boolean bad = call.timedOut() || call.status() >= 400;
                            ps.setString(1, ws);
                            ps.setString(2, call.id());
                            ps.setString(3, call.connectionId());
                            ps.setString(4, "type_" + (i % ids.length % 50));
                            ps.setObject(5, OffsetDateTime.ofInstant(call.createdAt(), ZoneOffset.UTC));
                            ps.setObject(6, now);
                            ps.setString(7, "INBOUND");
                            ps.setString(8, call.method());
                            ps.setString(9, call.path());
                            ps.setObject(10, call.status(), java.sql.Types.INTEGER);
                            ps.setBoolean(11, call.timedOut());
                            ps.setString(12, call.error());
                            ps.setString(13, call.origin());
                            ps.setLong(14, call.durationMs());
                            ps.setLong(15, call.size());
                            ps.setString(16, null);
                            ps.setString(17, bad ? "UNAUTHORIZED" : "HEALTHY");
                            ps.setString(18, bad ? "CUSTOMER" : null);
                            ps.setString(19, bad ? "UNHEALTHY" : "HEALTHY");
                            ps.setString(20, bad ? "api-3" : "api-2");
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    c.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            double seconds = seconds(start);
            stop(autovacuum);
            for (Connection c : opened) {
                c.close();
            }
            double rawRate = n / seconds;
            double apiRate = Double.parseDouble(state.getProperty("ingest.api.rate"));
            log("raw: %d calls in %.1f s = %.0f calls/s", n, seconds, rawRate);
            result("ingest", "Ingestion (calls/s): POST batches of 1,000 by 4 clients, ~10 % errors; raw: JDBC batches of "
                            + "1,000 by 4 threads", rate(n, n / apiRate), rate(n, seconds),
                    String.format("%.2f ×", apiRate / rawRate), String.format(java.util.Locale.ROOT, "%,d calls over %,d connections; ", n, ids.length)
                            + events + " health events"
                            + (autovacuum == null ? "" : "; autovacuum off on this server, its defaults emulated"
                            + " (naptime 60 s): API " + orNothing(maintenanceNote("api")) + ", raw "
                            + orNothing(maintenanceNote("raw"))));
            st.execute("drop table api_call_raw");
            commit(db);

            loadLog(db, ws, ids, t0);
            loadConnections(db, ws);
            if (postgres() && Boolean.parseBoolean(o.get("autoanalyze", "false"))) {
                // autovacuum would have vacuumed the bulk-loaded tables by the api phase (after 20 % growth); without
                // it there is no visibility map, and every index-only scan (e.g. the logs view's capped count of a
                // busy connection) reads the heap page of each row instead: 0.8-1.6 s instead of 40 ms at 2,000,000 rows
                long vacuumStart = System.nanoTime();
                st.execute("vacuum analyze");
                result("setup.vacuum", "PostgreSQL maintenance after the bulk load", "", "", "", "VACUUM ANALYZE in "
                        + fmt(seconds(vacuumStart)) + " s, as autovacuum would (it is off on this server)");
            } else {
                st.execute("analyze");
            }
            commit(db);
            warmUp(queries(ws, ids), q -> runSql(db, q));
            for (Query q : queries(ws, ids)) {
                if (q.sql() == null) {
                    continue;
                }
                double[] times = time(o.integer("runs", 200), () -> runSql(db, q));
                state.setProperty("raw." + q.key(), join(times));
                state.setProperty("raw.rows." + q.key(), String.valueOf(runSql(db, q)));
            }
        }
    }

    /** A table numbering the connections (n → id, integration type), for the bulk loads to join on; committed. */
    private static void numberedConnections(Connection db, String table, String[] ids) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("drop table if exists " + table);
            st.execute("create table " + table + " (n int primary key, id varchar(36) not null, integration_type varchar(100))");
        }
        try (PreparedStatement ps = db.prepareStatement("insert into " + table + " (n, id, integration_type) values (?, ?, ?)")) {
            for (int i = 0; i < ids.length; i++) {
                ps.setInt(1, i);
                ps.setString(2, ids[i]);
                ps.setString(3, "type_" + (i % 50));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        commit(db);
    }

    private void loadLog(Connection db, String ws, String[] ids, Instant t0) throws SQLException, IOException {
        // at least a fifth of the log size is bulk-loaded even when the ingested calls already make the size (H2 at
        // the sizes), so that one connection is busy enough for its page 20 and the time window has rows
        long logRows = Long.parseLong(o.get("log-rows", "5000").replace("_", ""));
        long extra = Math.max(logRows - calls(), logRows / 5);
        numberedConnections(db, "bench_conn", ids);
        log("raw: bulk-loading %d more API calls (60 days before the ingested ones; 5 %% on one hot connection)", extra);
        long step = Math.max(1, LOG_SPAN_MICROS / Math.max(1, extra));
        long start = System.nanoTime();
        // rows are inserted in chunks so that H2 and PostgreSQL never hold one huge transaction
        long chunk = 1_000_000;
        for (long from = 1; from <= extra; from += chunk) {
            long to = Math.min(extra, from + chunk - 1);
            try (PreparedStatement ps = db.prepareStatement("""
                    insert into api_call (workspace_id, id, connection_id, integration_type, created_at, received_at, type,
                        method, path, status, timed_out, error, error_origin, duration_ms, size, external_xref,
                        health_name, resolution_owner, effect, rule)
                    select ?, concat('bulk-', x), c.id, c.integration_type, %s, %s, 'INBOUND',
                        case when mod(x, 3) = 0 then 'POST' else 'GET' end, concat('/v1/contacts/', mod(x, 100000)),
                        case when mod(x / 3, 10) = 3 then case mod(x / 30, 5) when 0 then 401 when 1 then 403 when 2 then 429
                            when 3 then 500 else 503 end else 200 end,
                        false, case when mod(x / 3, 10) = 3 then 'vendor said no (bulk)' end, 'VENDOR', mod(x, 2000),
                        mod(x, 50000), null,
                        case when mod(x / 3, 10) = 3 then 'VENDOR_CLIENT_ERROR' else 'HEALTHY' end,
                        case when mod(x / 3, 10) = 3 then 'CUSTOMER' end,
                        case when mod(x / 3, 10) = 3 then 'UNHEALTHY' else 'HEALTHY' end,
                        case when mod(x / 3, 10) = 3 then 'api-3' else 'api-2' end
                    from %s join bench_conn c on c.n = case when mod(x, 20) = 0 then 0 else mod(x, %d) end
                    """.formatted(minusMicros("cast(? as timestamp with time zone)", "x * " + step),
                    minusMicros("cast(? as timestamp with time zone)", "x * " + step), range(), ids.length))) {
                OffsetDateTime base = OffsetDateTime.ofInstant(t0, ZoneOffset.UTC);
                ps.setString(1, ws);
                ps.setObject(2, base);
                ps.setObject(3, base);
                ps.setLong(4, from);
                ps.setLong(5, to);
                ps.executeUpdate();
            }
            commit(db);
        }
        double seconds = seconds(start);
        long total = count(db, "select count(*) from api_call where workspace_id = ?", ws);
        result("setup.log", "Log size for the queries (bulk load: insert … select from a row generator)", "", "",
                "", total + " rows; " + extra + " loaded at " + rate(extra, seconds) + " rows/s with "
                        + (postgres() ? "generate_series" : "system_range"));
        state.setProperty("hot", ids[0]);
        Instant mid = t0.minus(Duration.ofDays(30));
        state.setProperty("window.from", mid.toString());
        state.setProperty("window.to", mid.plus(Duration.ofHours(1)).toString());
    }

    private void loadConnections(Connection db, String ws) throws SQLException, IOException {
        long total = Long.parseLong(o.get("connection-rows", "500").replace("_", ""));
        long extra = Math.max(0, total - connections());
        log("raw: bulk-loading %d more connections with a mix of statuses", extra);
        Instant t0 = Instant.parse(state.getProperty("t0"));
        String at = minusMicros("cast(? as timestamp with time zone)", "x * 1000000");
        String earlier = minusMicros("cast(? as timestamp with time zone)", "x * 1000000 + 3600000000");
        long start = System.nanoTime();
        String sql = """
                insert into connection (id, workspace_id, integration_type, integration_name, categories, permissions,
                    external_xref, environment, is_paused, created_at, updated_at, last_healthy_at, last_unhealthy_at,
                    last_unhealthy_code, unhealthy_name, unhealthy_owner, status, health_name, health_owner)
                select concat('bulkc-', x), ?, concat('type_', mod(x, 50)), concat('Bulk connection ', x), ',crm,', '',
                    concat('bx-', x), 'production', false, %1$s, %1$s,
                    case when mod(x, 10) < 6 then %1$s when mod(x, 10) >= 8 then %2$s end,
                    case when mod(x, 10) >= 7 then %1$s end,
                    case when mod(x, 10) >= 7 then 401 end,
                    case when mod(x, 10) >= 7 then 'UNAUTHORIZED' end,
                    case when mod(x, 10) >= 7 then 'CUSTOMER' end,
                    case when mod(x, 10) < 6 then 'HEALTHY' when mod(x, 10) = 6 then 'NEW' when mod(x, 10) = 7
                        then 'UNHEALTHY' else 'UNHEALTHY_NOW' end,
                    case when mod(x, 10) < 6 then 'HEALTHY' when mod(x, 10) >= 7 then 'UNAUTHORIZED' end,
                    case when mod(x, 10) >= 7 then 'CUSTOMER' end
                from %3$s""".formatted(at, earlier, range());
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            OffsetDateTime base = OffsetDateTime.ofInstant(t0, ZoneOffset.UTC);
            // placeholders: the workspace, then only timestamps (all the same base), then the range's two bounds
            int p = 1;
            ps.setString(p++, ws);
            for (int i = 0; i < countPlaceholders(sql) - 3; i++) {
                ps.setObject(p++, base);
            }
            ps.setLong(p++, 1);
            ps.setLong(p, extra);
            ps.executeUpdate();
        }
        commit(db);
        long count = count(db, "select count(*) from connection where workspace_id = ?", ws);
        result("setup.connections.size", "Connections for the list queries (bulk load; 60 % healthy, 10 % new, "
                + "30 % unhealthy)", "", "", "", count + " rows; " + extra + " loaded in " + fmt(seconds(start)) + " s");
    }

    private static int countPlaceholders(String sql) {
        return (int) sql.chars().filter(ch -> ch == '?').count();
    }

    private String range() {
        return postgres() ? "generate_series(cast(? as bigint), cast(? as bigint)) as s(x)"
                : "system_range(cast(? as bigint), cast(? as bigint)) s";
    }

    private String minusMicros(String base, String micros) {
        return postgres() ? "(" + base + " - (" + micros + ") * interval '1 microsecond')"
                : "dateadd(microsecond, -(" + micros + "), " + base + ")";
    }

    // ------------------------------------------------------------------------------------------------- queries

    /** A query the dashboard or the API issues: its REST form and its SQL, copied from SignalStore/ConnectionStore. */
    record Query(String key, String label, String path, String sql, List<Object> params, String note) {
    }

    private List<Query> queries(String ws, String[] ids) {
        String hot = state.getProperty("hot", ids[0]);
        Instant from = Instant.parse(state.getProperty("window.from", Instant.EPOCH.toString()));
        Instant to = Instant.parse(state.getProperty("window.to", Instant.EPOCH.toString()));
        String page = " limit 100 offset %d";
        // on H2 the stores name the index and lead the ORDER BY with the columns the WHERE fixes (SignalStore.callsFrom,
        // ConnectionStore.SortedIndex); PostgreSQL gets the plain SQL
        boolean h2 = !postgres();
        String calls = "select * from api_call" + (h2 ? " use index (api_call_ws_time_id)" : "") + " where workspace_id = ?";
        String callsOf = "select * from api_call" + (h2 ? " use index (api_call_ws_conn_time_id)" : "")
                + " where workspace_id = ? and connection_id = ?";
        String order = " order by " + (h2 ? "workspace_id desc, " : "") + "created_at desc, id desc";
        String orderOf = " order by " + (h2 ? "workspace_id desc, connection_id desc, " : "") + "created_at desc, id desc";
        String conns = "select * from connection where workspace_id = ? and deleted_at is null";
        // a fragment of one bulk-loaded connection's external_xref, as typed into the combo box
        String q = "bx-" + Math.max(1, (Long.parseLong(o.get("connection-rows", "500").replace("_", "")) - connections()) / 2);
        String like = "%" + q + "%";
        OffsetDateTime f = OffsetDateTime.ofInstant(from, ZoneOffset.UTC);
        OffsetDateTime t = OffsetDateTime.ofInstant(to, ZoneOffset.UTC);
        return List.of(
                new Query("floor", "Floor: one connection by external_xref (indexed, no match) — the cost of a request",
                        "/api/v1/connections?external_xref=no-such-xref&limit=1",
                        conns + " and external_xref = ? order by created_at desc nulls last, id desc limit 1 offset 0",
                        List.of(ws, "no-such-xref"), null),
                new Query("log.conn.newest", "Log: newest page (100) of one busy connection",
                        "/api/v1/apicalls?connection_id=" + hot + "&limit=100",
                        callsOf + orderOf + page.formatted(0), List.of(ws, hot), null),
                new Query("log.conn.page20", "Log: page 20 of one busy connection (offset 1,900)",
                        "/api/v1/apicalls?connection_id=" + hot + "&limit=100&offset=1900",
                        callsOf + orderOf + page.formatted(1900), List.of(ws, hot), null),
                new Query("log.conn.errors", "Log: errors only, one busy connection",
                        "/api/v1/apicalls?connection_id=" + hot + "&error=true&limit=100",
                        callsOf + " and (status >= 400 or timed_out = true)" + orderOf + page.formatted(0),
                        List.of(ws, hot), null),
                new Query("log.ws.newest", "Log: newest page of the whole workspace", "/api/v1/apicalls?limit=100",
                        calls + order + page.formatted(0), List.of(ws), null),
                new Query("log.window", "Log: one-hour time window (workspace, newest 100)",
                        "/api/v1/apicalls?limit=100&created_gte=" + enc(from.toString()) + "&created_lte=" + enc(to.toString()),
                        calls + " and created_at >= ? and created_at <= ?" + order + page.formatted(0), List.of(ws, f, t), null),
                new Query("conn.status", "Connections: status unhealthy, sorted by last unhealthy (page of 50)",
                        "/api/v1/connections?status=UNHEALTHY,UNHEALTHY_NOW&sort=last_unhealthy_at&order=desc&limit=50",
                        conns.replace("connection", h2 ? "connection use index (connection_ws_unhealthy_at)" : "connection")
                                + " and status in (?, ?) order by " + (h2 ? "workspace_id desc, " : "")
                                + "last_unhealthy_at desc nulls last, id desc limit 50 offset 0",
                        List.of(ws, "UNHEALTHY", "UNHEALTHY_NOW"), null),
                new Query("conn.counts", "Connections: status counts (ConnectionStore.counts: by status and owner)",
                        "/api/v1/connections/counts",
                        "select status, health_owner, count(*) as n from connection where workspace_id = ? and deleted_at is null"
                                + " group by status, health_owner",
                        List.of(ws), null),
                h2 ? new Query("conn.search", "Connections: text search q=bx-<n> (combo box, 20)",
                        "/api/v1/connections?q=" + q + "&limit=20",
                        conns.replace("connection", "connection use index (connection_ws_created_search)")
                                + " and search_text like ? order by workspace_id desc, created_at desc, id desc limit 20 offset 0",
                        List.of(ws, like), null)
                        : new Query("conn.search", "Connections: text search q=bx-<n> (combo box, 20)",
                        "/api/v1/connections?q=" + q + "&limit=20",
                        conns + " and id in (select s.id from connection_search s where s.workspace_id = ? and s.text like ?)"
                                + " order by created_at desc nulls last, id desc limit 20 offset 0",
                        List.of(ws, ws, like), null));
    }

    private static int runSql(Connection db, Query q) {
        try (PreparedStatement ps = db.prepareStatement(q.sql())) {
            for (int i = 0; i < q.params().size(); i++) {
                ps.setObject(i + 1, q.params().get(i));
            }
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int c = 1; c <= columns; c++) {
                        rs.getObject(c);
                    }
                    rows++;
                }
            }
            commit(db);
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(q.sql(), e);
        }
    }

    private void api() throws Exception {
        String ws = state.getProperty("workspace");
        String[] ids = Files.readAllLines(Path.of(o.get("state") + ".connections")).toArray(String[]::new);
        int runs = o.integer("runs", 200);
        warmUp(queries(ws, ids), q -> {
            if (q.path() != null) {
                send("GET", q.path(), null);
            }
        });
        for (Query q : queries(ws, ids)) {
            double[] api = null;
            String rows = "raw " + state.getProperty("raw.rows." + q.key(), "?") + " rows";
            if (q.path() != null) {
                HttpResult first = send("GET", q.path(), null);
                if (first.status() != 200) {
                    throw new IllegalStateException(q.path() + ": HTTP " + first.status() + " " + first.body());
                }
                rows = "API " + (first.body().startsWith("{") ? "1 object"
                        : (first.body().split("\"workspace_id\":", -1).length - 1) + " items") + ", " + rows;
                api = time(runs, () -> {
                    HttpResult r = send("GET", q.path(), null);
                    if (r.status() != 200) {
                        throw new IllegalStateException(q.path() + ": HTTP " + r.status());
                    }
                    return r.body().length();
                });
            }
            String raw = state.getProperty("raw." + q.key());
            double[] rawTimes = raw == null || raw.isEmpty() ? null : Arrays.stream(raw.split(",")).mapToDouble(Double::parseDouble).toArray();
            if ((api != null && api.length < runs) || (rawTimes != null && rawTimes.length < runs)) {
                rows += "; runs cut by the time cap: API " + (api == null ? "—" : api.length) + ", raw "
                        + (rawTimes == null ? "—" : rawTimes.length) + " of " + runs;
            }
            result(q.key(), q.label() + " — p50 / p95 / max ms", api == null ? "—" : latencies(api),
                    rawTimes == null ? "—" : latencies(rawTimes),
                    api == null || rawTimes == null ? "" : String.format("%.1f × (p95)", pct(api, 95) / Math.max(0.001, pct(rawTimes, 95))),
                    q.note() == null ? rows : q.note() + "; " + rows);
        }
        events();
    }

    /**
     * Times {@code runs} runs after runs/4 warm-up runs; a query so slow that this would take long stops after
     * --query-seconds (15) of timed runs (at least 10 runs) and after 3 s of warm-up, and the table says how many ran.
     */
    private double[] time(int runs, java.util.concurrent.Callable<Integer> body) throws Exception {
        long warmUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        for (int i = 0; i < Math.max(5, runs / 4) && System.nanoTime() < warmUntil; i++) {
            body.call();
        }
        long until = System.nanoTime() + Duration.ofSeconds(o.integer("query-seconds", 15)).toNanos();
        double[] ms = new double[runs];
        int done = 0;
        while (done < runs && (done < 10 || System.nanoTime() < until)) {
            long start = System.nanoTime();
            body.call();
            ms[done++] = (System.nanoTime() - start) / 1e6;
        }
        ms = Arrays.copyOf(ms, done);
        Arrays.sort(ms);
        return ms;
    }

    /**
     * Rounds over every query for --warmup-seconds (60), the same on the raw and the API side, before any is timed: a
     * server answers its users warm, and a freshly started application is slower over its first ten thousand or so
     * requests (the "no match" floor: 2.6 / 7.4 ms p50 / p95 over its first 1,000 requests,
     * 0.4 / 0.7 ms after 15,000; docs/benchmarks.md section 10). Slow queries warm up further inside {@link #time}.
     */
    private void warmUp(List<Query> queries, java.util.function.Consumer<Query> body) {
        int seconds = o.integer("warmup-seconds", 60);
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long requests = 0;
        do {
            for (Query q : queries) {
                body.accept(q);
                requests++;
            }
        } while (System.nanoTime() < until);
        log("warm-up: %d runs of the queries in %d s", requests, seconds);
    }

    // ------------------------------------------------------------------------------------------------- events

    /** A loopback receiver as the workspace's webhook URL; one fresh connection per transition (NEW → UNHEALTHY). */
    private void events() throws Exception {
        int transitions = o.integer("transitions", 1000);
        if (transitions <= 0) {
            return;
        }
        String label = "Event latency: POST of the breaking call → webhook received — p50 / p95 / max ms";
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = UUID_TEXT.matcher(body);
            while (m.find()) {
                if (sentAt.containsKey(m.group())) {
                    receivedAt.putIfAbsent(m.group(), now);
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        try {
            HttpResult settings = send("PUT", "/api/v1/workspace/notification-settings",
                    "{\"url\":\"http://127.0.0.1:" + server.getAddress().getPort()
                            + "/hook\",\"events\":[\"CONNECTION_UNHEALTHY\"]}");
            if (settings.status() != 200) {
                result("events", label, "not measured", "", "", "the webhook URL was refused: HTTP " + settings.status()
                        + " " + settings.body().replace('\t', ' ').replace('\n', ' '));
                return;
            }
            String[] fresh = new String[transitions];
            parallel(transitions, CLIENTS, i -> fresh[i] = createConnection(100_000 + i));
            log("events: %d transitions, one every 20 ms", transitions);
            for (int i = 0; i < transitions; i++) {
                String id = fresh[i];
                sentAt.put(id, System.nanoTime());
                HttpResult r = send("POST", "/api/v1/apicalls", "{\"connection_id\":\"" + id + "\",\"status\":401,"
                        + "\"method\":\"GET\",\"path\":\"/v1/me\",\"error\":\"bench: credentials revoked\"}");
                if (r.status() != 200) {
                    throw new IllegalStateException("posting a 401: HTTP " + r.status() + " " + r.body());
                }
                send("POST", "/api/v1/apicalls", "{\"connection_id\":\"" + id + "\",\"status\":200,\"method\":\"GET\","
                        + "\"path\":\"/v1/me\"}");
                if (i == 9) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                    while (receivedAt.isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    if (receivedAt.isEmpty()) {
                        result("events", label, "not measured", "", "", "no webhook arrived within 15 s of 10 "
                                + "transitions (delivery not merged / not running)");
                        return;
                    }
                }
                Thread.sleep(20);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (receivedAt.size() < transitions && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            double[] ms = receivedAt.entrySet().stream().mapToDouble(e -> (e.getValue() - sentAt.get(e.getKey())) / 1e6)
                    .sorted().toArray();
            result("events", label, latencies(ms), "—", "", ms.length + " of " + transitions + " webhooks arrived");
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------- purge phase

    /*
     * The retention purge while ingesting (issue 5: "ingestion keeps >= 80 % of its rate"), on a database of its own
     * so that its size is the expired rows alone. bench/run.sh runs the steps with an application start each:
     *   purge-setup (application up)   creates the connections through the API;
     *   purge-load  (application down) bulk-loads --purge-rows expired API calls (past the workspace's retention);
     *   purge-run   (application up, started with app.retention.purge-interval = --purge-delay, so that its purge
     *                                  begins that long after the start) posts batches as the ingestion phase does
     *                                  from the start until the purge is over, then --purge-calls more. The rate
     *                                  while the purge runs is compared with the rate without it in the same run:
     *                                  before it (after --purge-warmup seconds) and after it, so that the drift of
     *                                  a shared machine hits both alike.
     * Start and end of the purge are seen through the API: the oldest expired call changes when the first batch is
     * committed (the purge goes oldest first), and none is left at the end.
     */

    private static final long PURGE_FIRST_CALL = 100_000_000;
    private static final int PURGE_CALL_SPACING = 1_000_000_000;
    private static final long PURGE_POLL_MILLIS = 200;

    /** In-process runs (the smoke test) start the purge with this instead of waiting for the schedule. */
    private Runnable purgeStarter;

    /** A purge step, with {@code starter} starting the purge in {@code purge-run} (the smoke test). */
    public static void runPurge(Runnable starter, String... args) throws Exception {
        Bench bench = new Bench(Options.parse(Arrays.copyOfRange(args, 1, args.length)));
        bench.purgeStarter = starter;
        bench.withState(() -> bench.purge(args[0]));
    }

    private void purge(String step) throws Exception {
        switch (step) {
            case "purge-setup" -> purgeSetup();
            case "purge-load" -> purgeLoad();
            case "purge-run" -> purgeRun();
            case "purge-all" -> {
                purgeSetup();
                purgeLoad();
                purgeRun();
            }
            default -> throw new IllegalArgumentException("unknown purge step " + step);
        }
    }

    private long purgeRows() {
        return Long.parseLong(o.get("purge-rows", "20000").replace("_", ""));
    }

    private void purgeSetup() throws Exception {
        int c = connections();
        log("purge: creating %d connections through the API", c);
        String[] ids = new String[c];
        ids[0] = createConnection(0);
        parallel(c - 1, CLIENTS, i -> ids[i + 1] = createConnection(i + 1));
        Files.write(Path.of(o.get("state") + ".connections"), List.of(ids));
        state.setProperty("t0", Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(40)).toString());
    }

    private void purgeLoad() throws Exception {
        String ws = state.getProperty("workspace");
        String[] ids = Files.readAllLines(Path.of(o.get("state") + ".connections")).toArray(String[]::new);
        long n = purgeRows();
        try (Connection db = jdbc(); Statement st = db.createStatement()) {
            long retentionDays = count(db, "select retention_days from workspace where id = ?", ws);
            // the newest expired call a day past the window, the oldest 30 days before it, in time order as a log is written
            Instant newest = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(retentionDays + 1));
            long step = Math.max(1, Duration.ofDays(30).toNanos() / 1000 / Math.max(1, n));
            numberedConnections(db, "bench_purge_conn", ids);
            log("purge: bulk-loading %d expired API calls (%d to %d days old)", n, retentionDays + 1, retentionDays + 31);
            String at = minusMicros("cast(? as timestamp with time zone)", "(" + n + " - x) * " + step);
            long start = System.nanoTime();
            for (long from = 1; from <= n; from += 1_000_000) {
                try (PreparedStatement ps = db.prepareStatement("""
                        insert into api_call (workspace_id, id, connection_id, integration_type, created_at, received_at, type,
                            method, path, status, timed_out, error, error_origin, duration_ms, size, external_xref,
                            health_name, resolution_owner, effect, rule)
                        select ?, concat('expired-', x), c.id, c.integration_type, %1$s, %1$s, 'INBOUND',
                            case when mod(x, 3) = 0 then 'POST' else 'GET' end, concat('/v1/contacts/', mod(x, 100000)),
                            case when mod(x, 10) = 3 then 401 else 200 end, false,
                            case when mod(x, 10) = 3 then 'vendor said no (expired, bulk)' end, 'VENDOR', mod(x, 2000),
                            mod(x, 50000), null,
                            case when mod(x, 10) = 3 then 'UNAUTHORIZED' else 'HEALTHY' end,
                            case when mod(x, 10) = 3 then 'CUSTOMER' end,
                            case when mod(x, 10) = 3 then 'UNHEALTHY' else 'HEALTHY' end,
                            case when mod(x, 10) = 3 then 'api-3' else 'api-2' end
                        from %2$s join bench_purge_conn c on c.n = mod(x, %3$d)
                        """.formatted(at, range(), ids.length))) {
                    OffsetDateTime base = OffsetDateTime.ofInstant(newest, ZoneOffset.UTC);
                    ps.setString(1, ws);
                    ps.setObject(2, base);
                    ps.setObject(3, base);
                    ps.setLong(4, from);
                    ps.setLong(5, Math.min(n, from + 999_999));
                    ps.executeUpdate();
                }
                commit(db);
            }
            double seconds = seconds(start);
            st.execute("drop table bench_purge_conn");
            // as autovacuum's autoanalyze would after such a load (it is off on some servers)
            st.execute(postgres() ? "analyze api_call" : "analyze table api_call");
            commit(db);
            long expired = count(db, "select count(*) from api_call where workspace_id = ?", ws);
            if (expired != n) {
                throw new IllegalStateException("expected " + n + " expired calls, found " + expired);
            }
            state.setProperty("purge.newest", newest.toString());
            log("purge: %d expired calls loaded in %.1f s", n, seconds);
        }
    }

    private void purgeRun() throws Exception {
        String[] ids = Files.readAllLines(Path.of(o.get("state") + ".connections")).toArray(String[]::new);
        Instant t0 = Instant.parse(state.getProperty("t0"));
        long rows = purgeRows();
        String first = oldestExpired();
        if (first == null) {
            throw new IllegalStateException("no expired call to purge (purge-load first), or the purge ran already");
        }
        String delay = o.get("purge-delay", "30s");
        Duration wait = Duration.parse("PT" + delay.toUpperCase(java.util.Locale.ROOT)).plusMinutes(2);
        long[] started = {0};
        long[] ended = {0};
        java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Exception> watchFailure = new java.util.concurrent.atomic.AtomicReference<>();
        long postStart = System.nanoTime();
        Thread watcher = new Thread(() -> {
            try {
                long before = System.nanoTime();
                while (true) {
                    Thread.sleep(PURGE_POLL_MILLIS);
                    String oldest = oldestExpired();
                    long now = System.nanoTime();
                    if (started[0] == 0 && oldest == null) {
                        // begun and over between two polls: the longest it can have taken
                        started[0] = before;
                        ended[0] = now;
                        return;
                    }
                    // each moment is taken halfway between the poll that saw it and the one before
                    if (started[0] == 0 && !first.equals(oldest)) {
                        started[0] = (before + now) / 2;
                        log("purge: the purge has begun");
                    }
                    if (oldest == null) {
                        ended[0] = (before + now) / 2;
                        log("purge: the purge is over");
                        return;
                    }
                    if (started[0] == 0 && now - postStart > wait.toNanos()) {
                        throw new IllegalStateException("no purge began within " + wait.toSeconds() + " s");
                    }
                    before = now;
                }
            } catch (Exception e) {
                watchFailure.set(e);
            } finally {
                over.set(true);
            }
        }, "purge-watch");
        watcher.setDaemon(true);
        watcher.start();
        if (purgeStarter != null) {
            Thread starter = new Thread(() -> {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                purgeStarter.run();
            }, "purge-start");
            starter.setDaemon(true);
            starter.start();
        }
        log("purge: posting batches of %d calls by %d clients until the purge (due %s after the application's start) is over",
                BATCH, CLIENTS, delay);
        long[] done = postBatches(ids, t0, PURGE_FIRST_CALL, Integer.MAX_VALUE, over::get);
        watcher.join();
        if (watchFailure.get() != null) {
            throw watchFailure.get();
        }
        long nextCall = PURGE_FIRST_CALL + (long) (done.length + 1) * BATCH;
        long[] vacuumed = vacuumAfterPurge(ids, t0, nextCall);
        nextCall += (vacuumed == null ? 0 : vacuumed.length + 1) * (long) BATCH;
        int afterBatches = Math.max(2, o.integer("purge-calls", 5000) / BATCH);
        log("purge: posting %d more batches, no purge running", afterBatches);
        long afterStart = System.nanoTime();
        postBatches(ids, t0, nextCall, afterBatches, () -> false);
        double afterSeconds = seconds(afterStart);
        long afterCalls = (long) afterBatches * BATCH;

        double seenSeconds = (ended[0] - started[0]) / 1e9;
        long during = Arrays.stream(done).filter(t -> t > started[0] && t <= ended[0]).count() * BATCH;
        // before the purge, once the application has warmed up
        long warm = postStart + Duration.ofSeconds(o.integer("purge-warmup", 10)).toNanos();
        long beforeCalls = Arrays.stream(done).filter(t -> t > warm && t <= started[0]).count() * BATCH;
        double beforeSeconds = Math.max(0, (started[0] - warm) / 1e9);
        if (beforeSeconds < 5) {
            beforeCalls = 0;
            beforeSeconds = 0;
        }
        double withRate = during / seenSeconds;
        double withoutRate = (beforeCalls + afterCalls) / (beforeSeconds + afterSeconds);
        // the API sees the purge from its first committed batch on; the application's log line has the whole of it
        Double logged = purgeSecondsLogged(rows);
        double purgeSeconds = logged != null ? logged : seenSeconds;
        String size = String.format(java.util.Locale.ROOT, "%,d", rows);
        result("purge", "Retention purge of " + size + " expired calls while ingesting: API ingestion calls/s during "
                        + "the purge / without one (target ≥ 0.8 ×)",
                rate(during, seenSeconds) + " / " + String.format(java.util.Locale.ROOT, "%,.0f", withoutRate), "—",
                String.format("%.2f ×", withRate / withoutRate),
                String.format(java.util.Locale.ROOT, "one application run: %,d calls in the %.1f s the purge ran; without: ",
                        during, seenSeconds)
                        + (beforeSeconds > 0 ? String.format(java.util.Locale.ROOT, "%,d calls before it (%s /s) and ",
                        beforeCalls, rate(beforeCalls, beforeSeconds)) : "")
                        + String.format(java.util.Locale.ROOT, "%,d after it (%s /s)", afterCalls, rate(afterCalls, afterSeconds))
                        + (postgres() ? "; autovacuum " + autovacuum() + ("on".equals(autovacuum()) ? ""
                        : " (the VACUUM that follows it: next row)") : ""));
        if (vacuumed != null) {
            long calls = Arrays.stream(vacuumed).filter(t -> t > vacuumStart && t <= vacuumEnd).count() * BATCH;
            double secs = (vacuumEnd - vacuumStart) / 1e9;
            result("purge.vacuum", "Retention purge: the VACUUM autovacuum runs after it, while ingesting: API ingestion "
                            + "calls/s during the VACUUM / without (target ≥ 0.8 ×, as for the purge)",
                    rate(calls, secs) + " / " + String.format(java.util.Locale.ROOT, "%,.0f", withoutRate), "—",
                    String.format("%.2f ×", calls / secs / withoutRate),
                    String.format(java.util.Locale.ROOT, "VACUUM api_call took %.1f s with autovacuum's default cost "
                            + "limits (vacuum_cost_delay 2 ms, vacuum_cost_limit 200), run by the load generator because "
                            + "autovacuum is off on this server; %,d calls posted meanwhile", secs, calls));
        }
        result("purge.rate", "Retention purge: expired calls deleted per second while ingesting",
                rate(rows, purgeSeconds) + " rows/s", "—", "", String.format(java.util.Locale.ROOT,
                        "%s rows in %.1f s (batches of 5,000 keys per transaction); %s", size, purgeSeconds,
                        logged != null ? "time from the application's log line"
                                : "start (first batch committed) and end seen through the API, ± " + PURGE_POLL_MILLIS + " ms"));
    }

    private volatile long vacuumStart;
    private volatile long vacuumEnd;

    /**
     * PostgreSQL with autovacuum off (as on this project's machines): what autovacuum would do next — VACUUM the call
     * table, whose dead rows are now past its threshold — with autovacuum's default cost limits (a plain VACUUM runs
     * unthrottled, which autovacuum never does), while posting batches as before until it is over. Returns the batches'
     * completion times (null where nothing was run: H2, autovacuum on, or {@code --purge-vacuum=false}).
     */
    private long[] vacuumAfterPurge(String[] ids, Instant t0, long firstCall) throws Exception {
        if (!postgres() || "on".equals(autovacuum()) || !Boolean.parseBoolean(o.get("purge-vacuum", "true"))) {
            return null;
        }
        java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread vacuum = new Thread(() -> {
            try (Connection db = jdbc(); Statement st = db.createStatement()) {
                db.setAutoCommit(true);
                st.execute("set vacuum_cost_delay = '2ms'");
                st.execute("set vacuum_cost_limit = 200");
                Thread.sleep(1000);
                vacuumStart = System.nanoTime();
                st.execute("vacuum (parallel 0) api_call"); // autovacuum never uses parallel workers
                vacuumEnd = System.nanoTime();
            } catch (Exception e) {
                failure.set(e);
            } finally {
                over.set(true);
            }
        }, "purge-vacuum");
        vacuum.setDaemon(true);
        log("purge: VACUUM api_call as autovacuum would (cost-limited), posting batches until it is over");
        vacuum.start();
        long[] done = postBatches(ids, t0, firstCall, Integer.MAX_VALUE, over::get);
        vacuum.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        log("purge: VACUUM over in %.1f s", (vacuumEnd - vacuumStart) / 1e9);
        return done;
    }

    /** With {@code --app-log}: the purge's duration from the application's log line, once it has been written. */
    private Double purgeSecondsLogged(long rows) throws Exception {
        String file = o.get("app-log", "");
        if (file.isEmpty()) {
            return null;
        }
        Pattern line = Pattern.compile("Retention purge deleted " + rows + " API calls, \\d+ job runs and \\d+ events in ([0-9.]+) s");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = line.matcher(Files.readString(Path.of(file)));
            if (m.find()) {
                return Double.parseDouble(m.group(1));
            }
            Thread.sleep(200);
        }
        log("purge: no log line of the purge in %s; its time is the one seen through the API", file);
        return null;
    }

    /** The id of the oldest expired call the API lists, null when none is left. */
    private String oldestExpired() {
        HttpResult r = send("GET", "/api/v1/apicalls?order=asc&limit=1&created_lte=" + enc(state.getProperty("purge.newest")), null);
        if (r.status() != 200) {
            throw new IllegalStateException("listing the expired calls: HTTP " + r.status() + " " + r.body());
        }
        Matcher m = ID.matcher(r.body());
        return m.find() ? m.group(1) : null;
    }

    private String autovacuum() {
        try (Connection db = jdbc(); Statement st = db.createStatement(); ResultSet rs = st.executeQuery("show autovacuum")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "?";
        }
    }

    /**
     * Posts batches of {@link #BATCH} calls (batch b = calls first + b × BATCH …) from {@link #CLIENTS} clients, as
     * the ingestion phase does, until {@code batches} are posted or {@code stop} says so; returns the moments
     * (nanoTime) the batches were answered.
     */
    private long[] postBatches(String[] ids, Instant t0, long first, int batches, java.util.function.BooleanSupplier stop)
            throws Exception {
        java.util.concurrent.ConcurrentLinkedQueue<Long> done = new java.util.concurrent.ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        parallel(CLIENTS, CLIENTS, client -> {
            for (int b = next.getAndIncrement(); b < batches && !stop.getAsBoolean(); b = next.getAndIncrement()) {
                StringBuilder json = new StringBuilder(BATCH * 220).append('[');
                for (int i = 0; i < BATCH; i++) {
                    if (i > 0) {
                        json.append(',');
                    }
                    callJson(json, Math.toIntExact(first + (long) b * BATCH + i), ids, t0, PURGE_CALL_SPACING);
                }
                HttpResult r = send("POST", "/api/v1/apicalls", json.append(']').toString());
                if (r.status() != 200) {
                    throw new IllegalStateException("batch " + b + ": HTTP " + r.status() + " "
                            + r.body().substring(0, Math.min(300, r.body().length())));
                }
                done.add(System.nanoTime());
            }
        });
        return done.stream().mapToLong(Long::longValue).toArray();
    }

    // ------------------------------------------------------------------------------------------------- results

    private void result(String key, String label, String api, String raw, String ratio, String note) throws IOException {
        String line = String.join("\t", db(), key, label, api, raw, ratio, note) + "\n";
        Files.writeString(Path.of(o.get("results")), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        log("%s | %s | api %s | raw %s | %s | %s", db(), label, api, raw, ratio, note);
    }

    /** One markdown table: a row per measure, API / raw / ratio per database, in the order first seen. */
    public static String table(Path results) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String[]> cells = new LinkedHashMap<>();
        List<String> dbs = new ArrayList<>();
        for (String line : Files.readAllLines(results)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = Arrays.copyOf(line.split("\t", -1), 7);
            if (!dbs.contains(f[0])) {
                dbs.add(f[0]);
            }
            labels.putIfAbsent(f[1], f[2]);
            cells.put(f[0] + "|" + f[1], f);
        }
        StringBuilder out = new StringBuilder("| Measure |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String db : dbs) {
            String name = db.equals("postgres") ? "PostgreSQL" : db.equals("h2") ? "H2" : db;
            out.append(' ').append(name).append(": API | ").append(name).append(": raw JDBC | ").append(name)
                    .append(": API ÷ raw | ").append(name).append(": notes |");
            rule.append("---:|---:|---:|---|");
        }
        out.append('\n').append(rule).append('\n');
        for (var e : labels.entrySet()) {
            out.append("| ").append(e.getValue()).append(" |");
            for (String db : dbs) {
                String[] f = cells.get(db + "|" + e.getKey());
                for (int i = 3; i < 7; i++) {
                    out.append(' ').append(f == null || f[i] == null ? "" : f[i]).append(" |");
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------------- helpers

    record HttpResult(int status, String body) {
    }

    private HttpResult send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(o.get("base-url") + path))
                .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + o.get("api-key"));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new HttpResult(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs body(0..n-1) on a pool of {@code threads}, rethrowing the first failure. */
    private static void parallel(int n, int threads, IntConsumer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        body.accept(i);
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(Connection db, String sql, String ws) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, ws);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } finally {
            commit(db);
        }
    }

    private static void commit(Connection db) {
        try {
            if (!db.getAutoCommit()) {
                db.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }

    private static String match(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(p + " not found in " + text);
        }
        return m.group(1);
    }

    static double pct(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static String latencies(double[] sorted) {
        return fmt(pct(sorted, 50)) + " / " + fmt(pct(sorted, 95)) + " / " + fmt(sorted[sorted.length - 1]);
    }

    static String fmt(double v) {
        return v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }

    private static String rate(long n, double seconds) {
        return String.format(java.util.Locale.ROOT, "%,.0f", n / seconds);
    }

    private static String join(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.isEmpty() ? "" : ",").append(String.format("%.3f", v));
        }
        return s.toString();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void log(String format, Object... args) {
        System.err.printf("[bench %s] %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), String.format(format, args));
    }
}
