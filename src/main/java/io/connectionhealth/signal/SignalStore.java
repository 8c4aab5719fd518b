package io.connectionhealth.signal;

import io.connectionhealth.base.PageRequest;
import io.connectionhealth.base.Times;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.sql.CopyRows;
import io.connectionhealth.base.sql.Database;
import io.connectionhealth.base.sql.Like;
import io.connectionhealth.health.ApiCallRules;
import io.connectionhealth.health.Classification;
import io.connectionhealth.health.Effect;
import io.connectionhealth.health.ErrorOrigin;
import io.connectionhealth.health.ExportDetail;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.JobRunRules;
import io.connectionhealth.health.ResolutionOwner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** SQL for the API call and job run logs. Inserts go in JDBC batches, never one statement per row. */
@Repository
class SignalStore {

    static final int INSERT_BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;
    private final RowMapper<ApiCall> callMapper = this::mapCall;
    private final RowMapper<JobRun> runMapper = this::mapRun;
    private final Database database;

    SignalStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json, Database database) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
        this.database = database;
    }

    /**
     * Stores those of the calls whose id the workspace has not stored yet (ids unique within {@code calls}), and
     * returns their ids. PostgreSQL: one INSERT … ON CONFLICT DO NOTHING per 1,000, which probes the key itself, so
     * no plan (nor a concurrent writer of the same id) can make it slow or fail. H2, which has no ON CONFLICT: looks
     * the ids up first, then inserts the others one by one; one that a concurrent writer stored meanwhile fails alone
     * (H2 undoes the statement, not the transaction) and counts as a duplicate. A batch insert there had failed
     * whole, and overlapping batches from several clients ran out of attempts (500s).
     */
    Set<String> insertNewCalls(String workspaceId, List<ApiCall> calls, Instant receivedAt) {
        if (!database.isPostgres()) {
            Set<String> existing = existingCallIds(workspaceId, calls.stream().map(ApiCall::id).toList());
            Set<String> stored = new HashSet<>();
            for (ApiCall call : calls) {
                if (existing.contains(call.id())) {
                    continue;
                }
                try {
                    jdbcTemplate.update(INSERT_ROW, sqlValues(row(call, receivedAt)));
                    stored.add(call.id());
                } catch (DuplicateKeyException storedMeanwhile) {
                    // another request stored this id since the lookup: a duplicate, as SPEC §5 counts it
                }
            }
            return stored;
        }
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < calls.size(); from += INSERT_BATCH) {
            List<ApiCall> chunk = calls.subList(from, Math.min(calls.size(), from + INSERT_BATCH));
            // one array per column: the rows of the chunk, transposed
            Object[][] columns = new Object[COLUMN_TYPES.length][chunk.size()];
            for (int r = 0; r < chunk.size(); r++) {
                Object[] row = row(chunk.get(r), receivedAt);
                for (int c = 0; c < row.length; c++) {
                    columns[c][r] = row[c] instanceof Instant t ? t.toString() : row[c];
                }
            }
            stored.addAll(jdbcTemplate.execute((java.sql.Connection con) -> {
                StringBuilder arrays = new StringBuilder();
                for (String type : COLUMN_TYPES) {
                    arrays.append(arrays.isEmpty() ? "" : ", ").append("?::").append(type).append("[]");
                }
                try (var ps = con.prepareStatement("insert into api_call (" + COLUMNS + ") select * from unnest("
                        + arrays + ") on conflict (workspace_id, id) do nothing returning id")) {
                    for (int c = 0; c < COLUMN_TYPES.length; c++) {
                        // timestamps travel as ISO text, cast to timestamptz[] by the statement
                        String type = COLUMN_TYPES[c].equals("timestamptz") ? "text" : COLUMN_TYPES[c];
                        ps.setArray(c + 1, con.createArrayOf(type, columns[c]));
                    }
                    List<String> ids = new ArrayList<>(chunk.size());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString(1));
                        }
                    }
                    return ids;
                }
            }));
        }
        return stored;
    }

    /**
     * H2 uses only the workspace_id prefix of the primary key for {@code workspace_id = ? and id in (...)} and scans
     * all the workspace's calls for each chunk (seconds per 1000 ids at 200k calls), but looks (workspace_id, id)
     * pairs up by key.
     */
    private Set<String> existingCallIds(String workspaceId, List<String> ids) {
        Set<String> existing = new HashSet<>();
        for (int from = 0; from < ids.size(); from += INSERT_BATCH) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + INSERT_BATCH));
            existing.addAll(jdbc.sql("select id from api_call where (workspace_id, id) in (:keys)")
                    .param("keys", chunk.stream().map(id -> new Object[]{workspaceId, id}).toList())
                    .query(String.class).list());
        }
        return existing;
    }

    void insertCalls(List<ApiCall> calls, Instant receivedAt) {
        for (int from = 0; from < calls.size(); from += INSERT_BATCH) {
            List<ApiCall> chunk = calls.subList(from, Math.min(calls.size(), from + INSERT_BATCH));
            if (database.isPostgres()) {
                CopyRows rows = new CopyRows();
                chunk.forEach(c -> rows.row(row(c, receivedAt)));
                rows.copyInto(jdbcTemplate, "api_call (" + COLUMNS + ")");
            } else {
                jdbcTemplate.batchUpdate(INSERT_ROW, chunk.stream().map(c -> sqlValues(row(c, receivedAt))).toList());
            }
        }
    }

    /** Rewrites the verdict of calls stored in this transaction, by id: the categories changed before they applied. */
    void reclassifyCalls(String workspaceId, Map<String, Classification> byCallId) {
        jdbcTemplate.batchUpdate("update api_call set health_name = ?, resolution_owner = ?, effect = ?, rule = ?"
                        + " where workspace_id = ? and id = ?",
                byCallId.entrySet().stream().map(e -> new Object[]{name(e.getValue().healthName()),
                        name(e.getValue().resolutionOwner()), e.getValue().effect().name(), e.getValue().rule(),
                        workspaceId, e.getKey()}).toList());
    }

    /** The columns of api_call every insert writes, in the order of {@link #row} and {@link #COLUMN_TYPES}. */
    private static final String COLUMNS = "workspace_id, id, connection_id, integration_type, created_at, received_at,"
            + " type, method, path, status, timed_out, error, error_origin, duration_ms, size, external_xref,"
            + " health_name, resolution_owner, effect, rule";
    private static final String[] COLUMN_TYPES = {"text", "text", "text", "text", "timestamptz", "timestamptz", "text",
            "text", "text", "int4", "bool", "text", "text", "int8", "int8", "text", "text", "text", "text", "text"};
    /** One row of every column (H2: a batch of them, or one at a time where a row may turn out a duplicate). */
    private static final String INSERT_ROW = "insert into api_call (" + COLUMNS + ") values (?"
            + ", ?".repeat(COLUMN_TYPES.length - 1) + ")";

    /** A call's values in {@link #COLUMNS} order; timestamps as Instants to the microsecond. */
    private static Object[] row(ApiCall c, Instant receivedAt) {
        CallClassification k = c.classification();
        return new Object[]{c.workspaceId(), c.id(), c.connectionId(), c.integrationType(), Times.micros(c.createdAt()),
                Times.micros(receivedAt), c.type().name(), c.method(), c.path(), c.status(), c.timedOut(), c.error(),
                c.errorOrigin().name(), c.durationMs(), c.size(), c.externalXref(), name(k.healthName()),
                name(k.resolutionOwner()), k.effect().name(), k.rule()};
    }

    private static Object[] sqlValues(Object[] row) {
        Object[] values = row.clone();
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Instant t) {
                values[i] = Times.sql(t);
            }
        }
        return values;
    }

    /**
     * The sizes of job_run.exports and of job_run.details (and connection.unhealthy_details), in characters; checked
     * against Java's length (UTF-16 units), which never counts fewer than either database does.
     */
    static final int EXPORTS_CHARS = 1_000_000, DETAILS_CHARS = 100_000;

    /**
     * Each field of an export has its limit, but 100 exports at their limits, or text that JSON writes six times as
     * long (control characters), can still outgrow the columns: refused as bad input rather than failing the insert.
     */
    void insertJobRun(JobRun r, Integer unhealthyCode, Instant receivedAt) {
        JobRunClassification c = r.classification();
        String exports = json.writeValueAsString(r.exports());
        String details = json.writeValueAsString(c.details());
        if (exports.length() > EXPORTS_CHARS || details.length() > DETAILS_CHARS) {
            throw ValidationException.invalid("The job run is not valid", List.of(new ValidationException.FieldError(
                    null, "exports", exports.length() > EXPORTS_CHARS
                    ? "take " + exports.length() + " characters as stored (JSON), more than the " + EXPORTS_CHARS
                    + " a job run keeps; send shorter endpoints and errors, or fewer exports"
                    : "hold failing ones whose types and endpoints take " + details.length() + " characters as stored "
                    + "(JSON), more than the " + DETAILS_CHARS + " a health's details keep; send shorter endpoints")));
        }
        jdbc.sql("""
                insert into job_run (id, workspace_id, connection_id, integration_type, started_at, finished_at,
                    received_at, timed_out, error, error_origin, exports, health_name, resolution_owner, effect, rule,
                    details, unhealthy_code)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.workspaceId(), r.connectionId(), r.integrationType(), Times.sql(r.startedAt()),
                        Times.sql(r.finishedAt()), Times.sql(receivedAt), r.timedOut(), r.error(), r.errorOrigin().name(),
                        exports, c.healthName().name(), name(c.resolutionOwner()),
                        c.effect().name(), c.rule(), details, unhealthyCode)
                .update();
    }

    Optional<Instant> receivedAt(String workspaceId, String callId) {
        return jdbc.sql("select received_at from api_call where workspace_id = ? and id = ?")
                .params(workspaceId, callId).query((rs, n) -> Times.read(rs, "received_at")).optional();
    }

    Optional<ApiCall> findCall(String workspaceId, String id) {
        return jdbc.sql("select * from api_call where workspace_id = ? and id = ?").params(workspaceId, id)
                .query(callMapper).optional();
    }

    List<ApiCall> listCalls(String workspaceId, ApiCallFilter f, boolean descending, PageRequest page) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = callWhere(workspaceId, f, params);
        String dir = descending ? "desc" : "asc";
        params.put("limit", page.limit());
        params.put("offset", page.offset());
        return jdbc.sql("select * from " + callsFrom(f, dir, where) + " limit :limit offset :offset")
                .params(params).query(callMapper).list();
    }

    /**
     * The calls after (created_at, id) in the order asked for. The bound on created_at alone is what an index range
     * can start from (H2 reads no further condition into one); the second condition settles calls of the same time.
     */
    List<ApiCall> listCallsAfter(String workspaceId, ApiCallFilter f, boolean descending, Instant createdAt, String id,
                                 int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String beyond = descending ? "<" : ">";
        String where = callWhere(workspaceId, f, params) + " and created_at " + beyond + "= :afterAt"
                + " and (created_at " + beyond + " :afterAt or id " + beyond + " :afterId)";
        params.put("afterAt", Times.sql(createdAt));
        params.put("afterId", id);
        params.put("limit", limit);
        return jdbc.sql("select * from " + callsFrom(f, descending ? "desc" : "asc", where) + " limit :limit")
                .params(params).query(callMapper).list();
    }

    /**
     * The table, filter and order of a page of the log. H2 sorts with an index only when the ORDER BY starts with
     * the index's leading columns, and picks its index by the WHERE clause alone (at 1,000,000 calls it read every
     * call of the workspace and sorted them: seconds for a page). So on H2 the columns the WHERE fixes lead the ORDER
     * BY (which changes nothing about the order) and the index that matches is named; then it reads one page of the
     * index (backwards for the newest first). Every filter without an index of its own is checked along the way.
     * PostgreSQL plans the plain query well (docs/benchmarks.md, section 3).
     */
    private String callsFrom(ApiCallFilter f, String dir, String where) {
        String order = "created_at " + dir + ", id " + dir;
        if (!database.isH2()) {
            return "api_call " + where + " order by " + order;
        }
        return f.connectionId() != null
                ? "api_call use index (api_call_ws_conn_time_id) " + where
                        + " order by workspace_id " + dir + ", connection_id " + dir + ", " + order
                : "api_call use index (api_call_ws_time_id) " + where + " order by workspace_id " + dir + ", " + order;
    }

    /** Counts at most {@code cap} rows, so that a count over a huge log stays bounded. */
    long countCalls(String workspaceId, ApiCallFilter f, long cap) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = callWhere(workspaceId, f, params);
        params.put("cap", cap);
        return jdbc.sql("select count(*) from (select 1 from api_call " + where + " limit :cap) capped")
                .params(params).query(Long.class).single();
    }

    /** The hourly counts (see {@link #hourly}); HourlyChartTiming, the benchmark of them, runs the same text. */
    static final String HOURLY_POSTGRES = """
            select h.n - 1 as hour_index, c.calls, e.errors
            from unnest(cast(? as text[])::timestamptz[]) with ordinality as h(hour_start, n)
            cross join lateral (select count(*) as calls from api_call
                where workspace_id = ? and connection_id = ?
                  and created_at >= h.hour_start and created_at < h.hour_start + interval '1 hour') c
            cross join lateral (select count(*) as errors from api_call
                where workspace_id = ? and connection_id = ?
                  and created_at >= h.hour_start and created_at < h.hour_start + interval '1 hour'
                  and (status >= 400 or timed_out)) e""";
    static final String HOURLY_H2 = """
            select h.x as hour_index,
                (select count(*) from api_call where workspace_id = ? and connection_id = ?
                    and created_at >= dateadd(hour, h.x, cast(? as timestamp with time zone))
                    and created_at < dateadd(hour, h.x + 1, cast(? as timestamp with time zone))) as calls,
                (select count(*) from api_call where workspace_id = ? and connection_id = ?
                    and created_at >= dateadd(hour, h.x, cast(? as timestamp with time zone))
                    and created_at < dateadd(hour, h.x + 1, cast(? as timestamp with time zone))
                    and (status >= 400 or timed_out)) as errors
            from system_range(0, ?) h""";

    /**
     * One connection's calls in each of {@code hours} UTC hours from {@code firstHour}, counted in SQL (a busy
     * connection makes ~150,000 calls a day): how many succeeded or did not count, and how many failed (status 400 or
     * above, or timed out); only the hours that had calls.
     * <p>One count per hour rather than one pass grouping every call by its hour: a count of an index range reads only
     * the index (the failures: PostgreSQL's partial index of the errors, H2's (…, created_at, id, status, timed_out)
     * index of V9), where grouping read every row: for a connection making 100 calls a minute, 108 → 19 ms p50 on
     * PostgreSQL and 518 → 71 ms on H2 (docs/benchmarks.md, section 11). PostgreSQL gets the hours as an array, not
     * from generate_series, whose estimate of 1,000 rows priced the plan past jit_above_cost.
     */
    List<HourlyCalls> hourly(String workspaceId, String connectionId, Instant firstHour, int hours) {
        Object start = Times.sql(firstHour);
        var query = database.isPostgres()
                ? jdbc.sql(HOURLY_POSTGRES)
                        .params(hourStarts(firstHour, hours), workspaceId, connectionId, workspaceId, connectionId)
                : jdbc.sql(HOURLY_H2)
                        .params(workspaceId, connectionId, start, start, workspaceId, connectionId, start, start, hours - 1);
        return query.query((rs, n) -> {
                    long errors = rs.getLong("errors");
                    return new HourlyCalls(firstHour.plus(rs.getLong("hour_index"), ChronoUnit.HOURS),
                            rs.getLong("calls") - errors, errors);
                })
                .list().stream().filter(h -> h.ok() + h.errors() > 0)
                .sorted(Comparator.comparing(HourlyCalls::hour)).toList();
    }

    private static String[] hourStarts(Instant firstHour, int hours) {
        String[] starts = new String[hours];
        for (int i = 0; i < hours; i++) {
            starts[i] = firstHour.plus(i, ChronoUnit.HOURS).toString();
        }
        return starts;
    }

    Optional<JobRun> findRun(String workspaceId, String id) {
        return jdbc.sql("select * from job_run where workspace_id = ? and id = ?").params(workspaceId, id)
                .query(runMapper).optional();
    }

    /** {@code code}: the HTTP status it recorded, null for none (a timeout, a run-level error). */
    /** The connection's unhealthy runs of this time with this health name and code, the latest stored first. */
    List<JobRun> unhealthyRunsAt(String workspaceId, String connectionId, Instant finishedAt, String healthName,
                                 Integer code) {
        // coalesce: "= ?" with a null never matches, and "? is null" leaves PostgreSQL without the parameter's type
        return jdbc.sql("""
                select * from job_run where workspace_id = ? and connection_id = ? and finished_at = ?
                  and effect = 'UNHEALTHY' and health_name = ? and coalesce(unhealthy_code, -1) = ?
                order by id desc limit 100""")
                .params(workspaceId, connectionId, Times.sql(finishedAt), healthName, code == null ? -1 : code)
                .query(runMapper).list();
    }

    /** Whether the log holds a call or job run of the connection at or before this time: two index probes. */
    boolean holdsSignalsUpTo(String workspaceId, String connectionId, Instant at) {
        return jdbc.sql("""
                select case when exists (select 1 from api_call where workspace_id = :ws and connection_id = :c
                                         and created_at <= :at)
                         or exists (select 1 from job_run where workspace_id = :ws and connection_id = :c
                                    and finished_at <= :at) then 1 else 0 end""")
                .param("ws", workspaceId).param("c", connectionId).param("at", Times.sql(at))
                .query(Integer.class).single() == 1;
    }

    /** The calls of this time that counted unhealthy with this health name: one index probe (api_call_ws_conn_time). */
    List<ApiCall> unhealthyCallsAt(String workspaceId, String connectionId, Instant createdAt, String healthName) {
        return jdbc.sql("""
                select * from api_call where workspace_id = ? and connection_id = ? and created_at = ?
                  and effect = 'UNHEALTHY' and health_name = ?
                order by id desc limit 20""")
                .params(workspaceId, connectionId, Times.sql(createdAt), healthName).query(callMapper).list();
    }

    List<JobRun> listRuns(String workspaceId, String connectionId, PageRequest page) {
        return jdbc.sql("""
                select * from job_run where workspace_id = ? and connection_id = ?
                order by finished_at desc, id desc limit ? offset ?""")
                .params(workspaceId, connectionId, page.limit(), page.offset()).query(runMapper).list();
    }

    private static String callWhere(String workspaceId, ApiCallFilter f, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder("where workspace_id = :ws");
        params.put("ws", workspaceId);
        if (f.connectionId() != null) {
            sql.append(" and connection_id = :conn");
            params.put("conn", f.connectionId());
        }
        if (Boolean.TRUE.equals(f.error())) {
            sql.append(" and (status >= 400 or timed_out = true)");
        } else if (Boolean.FALSE.equals(f.error())) {
            sql.append(" and status < 400 and timed_out = false");
        }
        if (Boolean.TRUE.equals(f.countsUnhealthy())) {
            // every unhealthy verdict is an error too: said so, PostgreSQL's partial index of the errors serves it
            sql.append(" and (status >= 400 or timed_out = true) and effect = 'UNHEALTHY'");
        }
        if (f.type() != null) {
            sql.append(" and type = :type");
            params.put("type", f.type().name());
        }
        if (f.integrationType() != null) {
            sql.append(" and integration_type = :itype");
            params.put("itype", f.integrationType());
        }
        if (f.status() != null) {
            sql.append(" and status = :status");
            params.put("status", f.status());
        }
        if (f.statusClass() != null) {
            sql.append(" and status >= :statusFrom and status < :statusTo");
            params.put("statusFrom", f.statusClass() * 100);
            params.put("statusTo", f.statusClass() * 100 + 100);
        }
        if (f.method() != null) {
            // stored as the client sent it; no index serves this filter, so matching either case costs nothing
            sql.append(" and upper(method) = :method");
            params.put("method", f.method().toUpperCase(Locale.ROOT));
        }
        if (f.path() != null && !f.path().isEmpty()) {
            // no stored path holds U+0000 (refused at ingestion), and PostgreSQL fails a parameter holding one
            sql.append(f.path().indexOf('\u0000') >= 0 ? " and 1 = 0" : " and path like :path");
            params.put("path", Like.containing(f.path()));
        }
        if (f.createdGte() != null) {
            sql.append(" and created_at >= :gte");
            params.put("gte", Times.sql(f.createdGte()));
        }
        if (f.createdLte() != null) {
            sql.append(" and created_at <= :lte");
            params.put("lte", Times.sql(f.createdLte()));
        }
        if (f.receivedLte() != null) {
            sql.append(" and received_at <= :rlte");
            params.put("rlte", Times.sql(f.receivedLte()));
        }
        return sql.toString();
    }

    private ApiCall mapCall(ResultSet rs, int n) throws SQLException {
        String rule = rs.getString("rule");
        Integer status = (Integer) rs.getObject("status");
        String healthName = rs.getString("health_name");
        String owner = rs.getString("resolution_owner");
        long duration = rs.getLong("duration_ms");
        Long durationMs = rs.wasNull() ? null : duration;
        long size = rs.getLong("size");
        Long sizeValue = rs.wasNull() ? null : size;
        return new ApiCall(rs.getString("id"), rs.getString("workspace_id"), rs.getString("connection_id"),
                rs.getString("integration_type"), Times.read(rs, "created_at"), ApiCallType.valueOf(rs.getString("type")),
                rs.getString("method"), rs.getString("path"), status, rs.getBoolean("timed_out"), rs.getString("error"),
                ErrorOrigin.valueOf(rs.getString("error_origin")), durationMs, sizeValue, rs.getString("external_xref"),
                new CallClassification(healthName == null ? null : HealthName.valueOf(healthName),
                        owner == null ? null : ResolutionOwner.valueOf(owner), Effect.valueOf(rs.getString("effect")),
                        rule, ApiCallRules.explanation(rule, status)));
    }

    private JobRun mapRun(ResultSet rs, int n) throws SQLException {
        String rule = rs.getString("rule");
        String owner = rs.getString("resolution_owner");
        return new JobRun(rs.getString("id"), rs.getString("workspace_id"), rs.getString("connection_id"),
                rs.getString("integration_type"), Times.read(rs, "started_at"), Times.read(rs, "finished_at"),
                rs.getBoolean("timed_out"), rs.getString("error"), ErrorOrigin.valueOf(rs.getString("error_origin")),
                List.of(json.readValue(rs.getString("exports"), ExportInput[].class)),
                new JobRunClassification(HealthName.valueOf(rs.getString("health_name")),
                        owner == null ? null : ResolutionOwner.valueOf(owner), Effect.valueOf(rs.getString("effect")),
                        rule, JobRunRules.explanation(rule),
                        List.of(json.readValue(rs.getString("details"), ExportDetail[].class))));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
