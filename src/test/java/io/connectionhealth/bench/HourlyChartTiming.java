package io.connectionhealth.bench;

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
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The connection page's 24-hour chart at production rate (docs/benchmarks.md, section 11): the SQL of
 * {@code SignalStore.hourly} beside the one-pass GROUP BY it replaced, over JDBC, alternating. Like {@link Bench} it
 * needs only the JDK and a JDBC driver (single-file launcher). Run it on a database the application has migrated, with
 * the application stopped when it is H2 (an embedded file the application holds open).
 * <pre>
 *   java -cp &lt;driver jar&gt; HourlyChartTiming.java load &lt;jdbc url&gt; &lt;user&gt; &lt;workspace&gt; &lt;connection&gt; &lt;background rows&gt;
 *   java -cp &lt;driver jar&gt; HourlyChartTiming.java time &lt;jdbc url&gt; &lt;user&gt; &lt;workspace&gt; &lt;connection&gt; &lt;runs&gt;
 * </pre>
 * {@code load} gives the connection two days of calls at 100 a minute (288,000, every tenth a 401) and spreads
 * {@code background rows} calls over 60 days and 10,000 other connection ids.
 */
public final class HourlyChartTiming {

    static final String BEFORE = """
            select floor(extract(epoch from created_at) / 3600) as bucket, count(*) as calls,
                   sum(case when timed_out or status >= 400 then 1 else 0 end) as errors
            from api_call where workspace_id = ? and connection_id = ? and created_at >= ?
            group by floor(extract(epoch from created_at) / 3600) order by bucket""";
    /** SignalStore.HOURLY_POSTGRES, as text: this tool runs without the application's classes (a test holds them equal). */
    public static final String POSTGRES = """
            select h.n - 1 as hour_index, c.calls, e.errors
            from unnest(cast(? as text[])::timestamptz[]) with ordinality as h(hour_start, n)
            cross join lateral (select count(*) as calls from api_call
                where workspace_id = ? and connection_id = ?
                  and created_at >= h.hour_start and created_at < h.hour_start + interval '1 hour') c
            cross join lateral (select count(*) as errors from api_call
                where workspace_id = ? and connection_id = ?
                  and created_at >= h.hour_start and created_at < h.hour_start + interval '1 hour'
                  and (status >= 400 or timed_out)) e""";
    /** SignalStore.HOURLY_H2. */
    public static final String H2 = """
            select h.x as hour_index,
                (select count(*) from api_call where workspace_id = ? and connection_id = ?
                    and created_at >= dateadd(hour, h.x, cast(? as timestamp with time zone))
                    and created_at < dateadd(hour, h.x + 1, cast(? as timestamp with time zone))) as calls,
                (select count(*) from api_call where workspace_id = ? and connection_id = ?
                    and created_at >= dateadd(hour, h.x, cast(? as timestamp with time zone))
                    and created_at < dateadd(hour, h.x + 1, cast(? as timestamp with time zone))
                    and (status >= 400 or timed_out)) as errors
            from system_range(0, ?) h""";
    private static final String COLUMNS = "workspace_id, id, connection_id, integration_type, created_at, received_at,"
            + " type, method, path, status, timed_out, error, error_origin, duration_ms, size, external_xref,"
            + " health_name, resolution_owner, effect, rule";

    private HourlyChartTiming() {
    }

    public static void main(String[] args) throws SQLException {
        if (args.length != 6 || !List.of("load", "time").contains(args[0])) {
            System.err.println("usage: HourlyChartTiming load|time <jdbc url> <user> <workspace> <connection> <background rows|runs>");
            System.exit(2);
        }
        boolean postgres = args[1].startsWith("jdbc:postgresql:");
        try (Connection db = DriverManager.getConnection(args[1], args[2], "")) {
            if (args[0].equals("load")) {
                load(db, postgres, args[3], args[4], Long.parseLong(args[5]));
            } else {
                time(db, postgres, args[3], args[4], Integer.parseInt(args[5]));
            }
        }
    }

    private static void load(Connection db, boolean postgres, String workspace, String hot, long background)
            throws SQLException {
        String rows = postgres ? "generate_series(1, %d) g" : "system_range(1, %d) r";
        String n = postgres ? "g" : "r.x";
        String ago = postgres ? "now() - interval '1 second' * %s" : "dateadd(second, -%s, current_timestamp)";
        String values = "select '%s', '%s' || " + n + ", %s, 'hubspot', " + ago + ", current_timestamp, 'INBOUND', 'GET',"
                + " '/crm/contacts', case when mod(" + n + ", 10) = 0 then %d else 200 end, false, null, 'VENDOR', 100,"
                + " 1000, null, 'HEALTHY', null, 'HEALTHY', 'api-2' from " + rows;
        long started = System.nanoTime();
        try (Statement st = db.createStatement()) {
            st.execute("insert into api_call (" + COLUMNS + ") " + values.formatted(workspace, "bg-",
                    "'c-' || mod(" + n + ", 10000)", "cast(" + n + " * 5184000.0 / " + background + " as int)", 500, background));
            st.execute("insert into api_call (" + COLUMNS + ") " + values.formatted(workspace, "hot-", "'" + hot + "'",
                    "cast(" + n + " * 0.6 as int)", 401, 288_000));
            st.execute(postgres ? "vacuum analyze api_call" : "analyze");
        }
        System.out.printf(Locale.ROOT, "loaded %d + 288,000 calls in %.1f s%n", background,
                (System.nanoTime() - started) / 1e9);
    }

    private static void time(Connection db, boolean postgres, String workspace, String hot, int runs)
            throws SQLException {
        List<Double> before = new ArrayList<>();
        List<Double> now = new ArrayList<>();
        long[] calls = new long[2];
        for (int i = 0; i < runs + 5; i++) {
            // a different millisecond each run, so that H2 cannot answer from its result cache
            Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).plusMillis(i);
            Instant first = end.minus(Duration.ofHours(23));
            long t = System.nanoTime();
            try (PreparedStatement ps = db.prepareStatement(BEFORE)) {
                ps.setString(1, workspace);
                ps.setString(2, hot);
                ps.setObject(3, OffsetDateTime.ofInstant(end.minus(Duration.ofHours(24)), ZoneOffset.UTC));
                calls[0] = sum(ps);
            }
            double beforeMs = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            try (PreparedStatement ps = db.prepareStatement(postgres ? POSTGRES : H2)) {
                OffsetDateTime start = OffsetDateTime.ofInstant(first, ZoneOffset.UTC);
                if (postgres) {
                    String[] hours = new String[24];
                    for (int h = 0; h < 24; h++) {
                        hours[h] = first.plus(h, ChronoUnit.HOURS).toString();
                    }
                    ps.setObject(1, hours);
                    ps.setString(2, workspace);
                    ps.setString(3, hot);
                    ps.setString(4, workspace);
                    ps.setString(5, hot);
                } else {
                    Object[] params = {workspace, hot, start, start, workspace, hot, start, start, 23};
                    for (int p = 0; p < params.length; p++) {
                        ps.setObject(p + 1, params[p]);
                    }
                }
                calls[1] = sum(ps);
            }
            double nowMs = (System.nanoTime() - t) / 1e6;
            if (i >= 5) {
                before.add(beforeMs);
                now.add(nowMs);
            }
        }
        System.out.printf(Locale.ROOT, "%s, %d runs each after 5 warm-ups, alternating; calls counted: before %d (25 hours,"
                + " the chart drew 24), now %d (24 hours)%n", postgres ? "PostgreSQL" : "H2", runs, calls[0], calls[1]);
        System.out.println("before (one GROUP BY pass): " + stats(before));
        System.out.println("now (SignalStore.hourly):   " + stats(now));
    }

    private static long sum(PreparedStatement ps) throws SQLException {
        long calls = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                calls += rs.getLong("calls");
            }
        }
        return calls;
    }

    private static String stats(List<Double> ms) {
        Collections.sort(ms);
        return String.format(Locale.ROOT, "p50 %.1f / p95 %.1f / max %.1f ms", ms.get(ms.size() / 2),
                ms.get((int) Math.ceil(ms.size() * 0.95) - 1), ms.getLast());
    }
}
