package io.connectionhealth.connection;

import io.connectionhealth.base.PageRequest;
import io.connectionhealth.base.Times;
import io.connectionhealth.base.sql.Database;
import io.connectionhealth.base.sql.Like;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.ExportDetail;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.HealthState;
import io.connectionhealth.health.ResolutionOwner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** SQL for the connection table. Lists and delimited columns are encoded here and nowhere else. */
@Repository
class ConnectionStore {

    /** A connection row: the API object, its rule state, and whether it is deleted. */
    record Row(Connection connection, HealthState state, boolean deleted) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;
    private final RowMapper<Row> mapper = this::map;
    private final Database database;

    ConnectionStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json, Database database) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
        this.database = database;
    }

    void insert(Connection c) {
        jdbc.sql("""
                insert into connection (id, workspace_id, integration_type, integration_name, categories, permissions,
                    external_xref, environment, is_paused, created_at, updated_at, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NEW')""")
                .params(c.id(), c.workspaceId(), c.integrationType(), c.integrationName(), encodeList(c.categories()),
                        encodeList(c.permissions()), c.externalXref(), c.environment(), c.isPaused(),
                        Times.sql(c.createdAt()), Times.sql(c.updatedAt()))
                .update();
    }

    void updateFields(Connection c) {
        jdbc.sql("""
                update connection set integration_name = ?, categories = ?, permissions = ?, external_xref = ?,
                    is_paused = ?, updated_at = ?, credentials_updated_at = ?
                where id = ? and workspace_id = ?""")
                .params(c.integrationName(), encodeList(c.categories()), encodeList(c.permissions()), c.externalXref(),
                        c.isPaused(), Times.sql(c.updatedAt()), Times.sql(c.credentialsUpdatedAt()), c.id(), c.workspaceId())
                .update();
    }

    void markDeleted(String workspaceId, String id, Instant at) {
        jdbc.sql("update connection set deleted_at = ? where id = ? and workspace_id = ?")
                .params(Times.sql(at), id, workspaceId).update();
    }

    Optional<Row> find(String workspaceId, String id, boolean forUpdate) {
        return jdbc.sql("select * from connection where workspace_id = ? and id = ?" + (forUpdate ? " for update" : ""))
                .params(workspaceId, id).query(mapper).optional();
    }

    /** A locked connection's health, and whether signals may move it. */
    record LockedHealth(String id, HealthState state, boolean paused, boolean deleted) {
    }

    /** A connection's health before and after a batch of signals. */
    record HealthChange(String id, HealthState before, HealthState after) {

        /** Only last_healthy_at moved: status and every unhealthy field stay (the common case of a working connection). */
        boolean onlyLastHealthyAt() {
            return before.status() == after.status() && Objects.equals(before.lastUnhealthyAt(), after.lastUnhealthyAt())
                    && Objects.equals(before.lastUnhealthyCode(), after.lastUnhealthyCode())
                    && before.unhealthyName() == after.unhealthyName() && before.unhealthyOwner() == after.unhealthyOwner()
                    && before.unhealthyDetails().equals(after.unhealthyDetails());
        }
    }

    /**
     * Locks the rows in id order, so that concurrent writers never deadlock and never lose an update; reads only
     * the health columns, which is all that applying signals needs.
     */
    List<LockedHealth> lockHealthInIdOrder(String workspaceId, Collection<String> ids) {
        List<LockedHealth> rows = new ArrayList<>(ids.size());
        forEachById(workspaceId, ids.stream().sorted().toList(), """
                        workspace_id, id, is_paused, deleted_at, last_healthy_at, last_unhealthy_at,
                            last_unhealthy_code, unhealthy_name, unhealthy_owner, unhealthy_details""",
                " order by id for update", rs -> rows.add(new LockedHealth(rs.getString("id"), health(rs),
                        rs.getBoolean("is_paused"), rs.getObject("deleted_at") != null)));
        return rows;
    }

    /** Whole connections by id (those of the workspace that exist), for event payloads. */
    Map<String, Connection> connections(String workspaceId, Collection<String> ids) {
        Map<String, Connection> found = new LinkedHashMap<>();
        forEachById(workspaceId, List.copyOf(ids), "*", "", rs -> {
            Connection c = mapper.mapRow(rs, 0).connection();
            found.put(c.id(), c);
        });
        return found;
    }

    Map<String, ConnectionRef> refs(String workspaceId, Collection<String> ids) {
        Map<String, ConnectionRef> refs = new LinkedHashMap<>();
        forEachById(workspaceId, List.copyOf(ids), "workspace_id, id, integration_type, categories, is_paused, deleted_at",
                "", rs -> {
                    String id = rs.getString("id");
                    boolean enrichment = decodeList(rs.getString("categories")).stream()
                            .anyMatch(c -> c.equalsIgnoreCase("enrichment"));
                    boolean active = !rs.getBoolean("is_paused") && rs.getObject("deleted_at") == null;
                    refs.put(id, new ConnectionRef(id, rs.getString("integration_type"), enrichment, active));
                });
        return refs;
    }

    /** The customer (external_xref) of each of these connections that has one; deleted ones too (their logs stay). */
    Map<String, String> customers(String workspaceId, Collection<String> ids) {
        Map<String, String> customers = new HashMap<>();
        forEachById(workspaceId, List.copyOf(ids), "workspace_id, id, external_xref", "", rs -> {
            if (rs.getString("external_xref") != null) {
                customers.put(rs.getString("id"), rs.getString("external_xref"));
            }
        });
        return customers;
    }

    /**
     * {@code select <columns> from connection} for these ids, 1,000 at a time in their order, each row of the
     * workspace handed to {@code row}; {@code columns} must include {@code workspace_id}.
     */
    private void forEachById(String workspaceId, List<String> ids, String columns, String suffix,
                             RowCallbackHandler row) {
        for (int from = 0; from < ids.size(); from += 1000) {
            jdbc.sql("select " + columns + " from connection" + byIds() + suffix)
                    .param("ws", workspaceId).param("ids", ids(ids.subList(from, Math.min(ids.size(), from + 1000))))
                    .query(rs -> {
                        if (workspaceId.equals(rs.getString("workspace_id"))) {
                            row.processRow(rs);
                        }
                    });
        }
    }

    /**
     * The WHERE clause that finds connections by id; the caller keeps only those of the workspace.
     * PostgreSQL: {@code id = any(:ids)} with one array parameter — one statement text for any number of ids, so it
     * is parsed and planned once per connection instead of once per request (an IN list of 1,000 parameters took
     * longer to plan than to run) — and without the workspace, whose indexes the planner would otherwise weigh
     * against the primary key: on a table without statistics it read the whole workspace through one of them and
     * filtered the ids (265 ms per batch at 10,000 connections, EXPLAIN ANALYZE; docs/benchmarks.md, section 8).
     * H2 keeps the IN list with the workspace, which it looks up by key.
     */
    private String byIds() {
        return database.isPostgres() ? " where id = any(:ids)" : " where workspace_id = :ws and id in (:ids)";
    }

    private Object ids(List<String> ids) {
        return database.isPostgres() ? ids.toArray(String[]::new) : ids;
    }

    void updateHealth(List<HealthChange> changes) {
        List<Object[]> timestampOnly = new ArrayList<>();
        List<Object[]> full = new ArrayList<>();
        for (HealthChange change : changes) {
            HealthState s = change.after();
            if (change.onlyLastHealthyAt()) {
                timestampOnly.add(new Object[]{Times.sql(s.lastHealthyAt()), change.id()});
                continue;
            }
            ConnectionStatus status = s.status();
            var health = s.health();
            full.add(new Object[]{Times.sql(s.lastHealthyAt()), Times.sql(s.lastUnhealthyAt()), s.lastUnhealthyCode(),
                    s.unhealthyName() == null ? null : s.unhealthyName().name(),
                    s.unhealthyOwner() == null ? null : s.unhealthyOwner().name(),
                    s.unhealthyName() == null ? null : json.writeValueAsString(s.unhealthyDetails()),
                    status.name(), health == null ? null : health.name().name(),
                    health == null || health.resolutionOwner() == null ? null : health.resolutionOwner().name(),
                    change.id()});
        }
        if (!timestampOnly.isEmpty()) {
            if (database.isPostgres()) {
                updateAtOnce("""
                        update connection c set last_healthy_at = v.lh::timestamptz
                        from unnest(?::text[], ?::text[]) as v(lh, id)
                        where c.id = v.id""", timestampOnly, "text", "text");
            } else {
                jdbcTemplate.batchUpdate("update connection set last_healthy_at = ? where id = ?", timestampOnly);
            }
        }
        if (full.isEmpty()) {
            return;
        }
        if (database.isPostgres()) {
            updateAtOnce("""
                    update connection c set last_healthy_at = v.lh::timestamptz, last_unhealthy_at = v.lu::timestamptz,
                        last_unhealthy_code = v.code, unhealthy_name = v.un, unhealthy_owner = v.uo,
                        unhealthy_details = v.ud, status = v.st, health_name = v.hn, health_owner = v.ho
                    from unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[]) as v(lh, lu, code, un, uo, ud, st, hn, ho, id)
                    where c.id = v.id""", full, "text", "text", "int4", "text", "text", "text", "text", "text", "text", "text");
            return;
        }
        jdbcTemplate.batchUpdate("""
                update connection set last_healthy_at = ?, last_unhealthy_at = ?, last_unhealthy_code = ?,
                    unhealthy_name = ?, unhealthy_owner = ?, unhealthy_details = ?, status = ?, health_name = ?,
                    health_owner = ?
                where id = ?""", full);
    }

    /**
     * PostgreSQL: one UPDATE joined to the new values passed as one array per column, instead of one executed
     * statement per row (a batch of 1,000 separate UPDATEs cost more than the 1,000 inserts of the calls that moved
     * them). Timestamps travel as ISO text.
     */
    private void updateAtOnce(String sql, List<Object[]> rows, String... arrayTypes) {
        Object[][] byColumn = new Object[arrayTypes.length][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < arrayTypes.length; c++) {
                Object value = rows.get(r)[c];
                byColumn[c][r] = value instanceof java.time.OffsetDateTime t ? t.toInstant().toString() : value;
            }
        }
        jdbcTemplate.update(con -> {
            var ps = con.prepareStatement(sql);
            for (int c = 0; c < arrayTypes.length; c++) {
                ps.setArray(c + 1, con.createArrayOf(arrayTypes[c], byColumn[c]));
            }
            return ps;
        });
    }

    List<Connection> list(String workspaceId, ConnectionFilter filter, ConnectionSort sort, PageRequest page) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(workspaceId, filter, params, database.isH2());
        params.put("limit", page.limit());
        params.put("offset", page.offset());
        SortedIndex index = database.isH2() ? SortedIndex.forH2(filter, sort) : null;
        String sql;
        if (index != null) {
            sql = "select * from connection use index (" + index.name() + ") " + where + " order by "
                    + index.leading(sort) + sort.sql();
        } else {
            sql = "select * from connection " + where + " order by "
                    + (!database.isH2() && indexOrderServes(filter, sort) ? sort.sql() : sort.sqlNullsLast());
        }
        return jdbc.sql(sql + " limit :limit offset :offset")
                .params(params).query(mapper).list().stream().map(Row::connection).toList();
    }

    /**
     * PostgreSQL: whether an index serves this list in its order whatever the filter's values — no filter, or one
     * status in creation order (connection_ws_status_created). Only then does the ORDER BY leave out "nulls last" on a
     * column that cannot be null, so that the planner may read a page from the index. Otherwise the order keeps it,
     * which no index has: the planner then finds the matches first and sorts them, where its generic plan (pgjdbc's
     * after five executions) would rather walk the whole list in order looking for rare ones (measured at 100,000
     * connections: a text search 591 ms against 0.8 ms; a resolution owner none has 157 ms against ~55 ms).
     */
    static boolean indexOrderServes(ConnectionFilter f, ConnectionSort sort) {
        boolean noOtherFilter = f.health() == null && f.resolutionOwner() == null && f.integrationType() == null
                && f.category() == null && f.environment() == null && f.externalXref() == null && f.isPaused() == null
                && (f.q() == null || f.q().isBlank());
        return noOtherFilter && (f.statuses().isEmpty()
                || f.statuses().size() == 1 && sort.field() == ConnectionSort.Field.CREATED_AT);
    }

    /**
     * An index H2 can read a page of the list from in order, and its leading columns, which the WHERE clause fixes.
     * H2 sorts with an index only when the ORDER BY starts with the index's columns, and picks its index by the WHERE
     * clause alone: at 100,000 connections it read every one and sorted them for each page (docs/benchmarks.md,
     * section 3). So where an index serves both the filter and the sort, the ORDER BY repeats its leading columns
     * (which changes nothing about the order) and the query names it. Where another index finds fewer rows (an
     * external_xref or integration_type filter, or several statuses in another order), H2 chooses as before.
     */
    record SortedIndex(String name, List<String> leadingColumns) {

        static SortedIndex forH2(ConnectionFilter f, ConnectionSort sort) {
            if (f.externalXref() != null || f.integrationType() != null) {
                return null;
            }
            ConnectionSort.Field field = sort.field();
            // the indexes are ascending: read backwards, a nullable column comes descending with its nulls last,
            // which is the only way the list sorts by last_unhealthy_at that an index serves
            boolean byLastUnhealthy = field == ConnectionSort.Field.LAST_UNHEALTHY_AT && sort.descending();
            if (f.statuses().size() == 1) {
                if (field == ConnectionSort.Field.CREATED_AT) {
                    return new SortedIndex("connection_ws_status_created", List.of("workspace_id", "status"));
                }
                return byLastUnhealthy ? new SortedIndex("connection_ws_status", List.of("workspace_id", "status")) : null;
            }
            if (f.statuses().isEmpty()) {
                return switch (field) {
                    case CREATED_AT -> new SortedIndex("connection_ws_created_search", List.of("workspace_id"));
                    case INTEGRATION_TYPE -> new SortedIndex("connection_ws_type", List.of("workspace_id"));
                    case LAST_UNHEALTHY_AT -> byLastUnhealthy
                            ? new SortedIndex("connection_ws_unhealthy_at", List.of("workspace_id")) : null;
                    default -> null;
                };
            }
            // unhealthy connections all have a last_unhealthy_at, so they come first in that index
            boolean unhealthyOnly = f.statuses().stream().allMatch(ConnectionStatus::isUnhealthy);
            return byLastUnhealthy && unhealthyOnly
                    ? new SortedIndex("connection_ws_unhealthy_at", List.of("workspace_id")) : null;
        }

        /** The leading columns in the direction of the sort, ready to go in front of it. */
        String leading(ConnectionSort sort) {
            String dir = sort.descending() ? " desc, " : " asc, ";
            return leadingColumns.stream().map(c -> c + dir).collect(Collectors.joining());
        }
    }

    long count(String workspaceId, ConnectionFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        return jdbc.sql("select count(*) from connection " + where(workspaceId, filter, params, database.isH2())).params(params)
                .query(Long.class).single();
    }

    /**
     * One pass over the workspace's connections, grouped by status and owner, read from a covering index
     * (connection_ws_counts: index-only on H2, and on PostgreSQL where the visibility map is set).
     */
    ConnectionCounts counts(String workspaceId) {
        Map<ConnectionStatus, Long> byStatus = new EnumMap<>(ConnectionStatus.class);
        Map<ResolutionOwner, Long> byOwner = new EnumMap<>(ResolutionOwner.class);
        jdbc.sql("""
                select status, health_owner, count(*) as n from connection
                where workspace_id = ? and deleted_at is null
                group by status, health_owner""")
                .param(workspaceId)
                .query(rs -> {
                    ConnectionStatus status = ConnectionStatus.valueOf(rs.getString("status"));
                    String owner = rs.getString("health_owner");
                    long n = rs.getLong("n");
                    byStatus.merge(status, n, Long::sum);
                    if (status.isUnhealthy() && owner != null) {
                        byOwner.merge(ResolutionOwner.valueOf(owner), n, Long::sum);
                    }
                });
        return new ConnectionCounts(byStatus, byOwner);
    }

    /**
     * Per integration, a page in {@code order} (ties by type, A to Z); one pass over the workspace's connections. The
     * pass groups by type, status and owner as the tiles' counts do, and the sums per type run over those few rows: with
     * the sums over every connection the query took a third longer (docs/benchmarks.md, section 33).
     */
    List<IntegrationHealth> integrationHealth(String workspaceId, IntegrationHealth.Order order, boolean descending,
                                              PageRequest page) {
        String direction = descending ? " desc" : " asc";
        return jdbc.sql("""
                select integration_type, sum(n) as connections,
                    sum(case when status in ('UNHEALTHY', 'UNHEALTHY_NOW') then n else 0 end) as not_working,
                    sum(case when status in ('UNHEALTHY', 'UNHEALTHY_NOW') then n else 0 end) * 1.0 / sum(n) as share,
                    sum(case when status = 'HEALTHY' then n else 0 end) as healthy,
                    sum(case when status = 'UNHEALTHY' then n else 0 end) as unhealthy,
                    sum(case when status = 'UNHEALTHY_NOW' then n else 0 end) as unhealthy_now,
                    sum(case when status = 'NEW' then n else 0 end) as new_ones,
                    sum(case when status in ('UNHEALTHY', 'UNHEALTHY_NOW') and health_owner = 'CUSTOMER'
                        then n else 0 end) as customer_acts,
                    sum(case when status in ('UNHEALTHY', 'UNHEALTHY_NOW') and health_owner = 'PLATFORM'
                        then n else 0 end) as platform_acts,
                    sum(case when status in ('UNHEALTHY', 'UNHEALTHY_NOW') and health_owner = 'VENDOR'
                        then n else 0 end) as vendor_acts
                from (select integration_type, status, health_owner, count(*) as n from connection
                      where workspace_id = ? and deleted_at is null
                      group by integration_type, status, health_owner) per_status
                group by integration_type
                """ + "order by " + order.column + direction
                + (order == IntegrationHealth.Order.INTEGRATION_TYPE ? "" : ", integration_type") + " limit ? offset ?")
                .params(workspaceId, page.limit(), page.offset())
                .query((rs, n) -> new IntegrationHealth(rs.getString("integration_type"), rs.getLong("connections"),
                        rs.getLong("healthy"), rs.getLong("unhealthy"), rs.getLong("unhealthy_now"),
                        rs.getLong("new_ones"), rs.getLong("customer_acts"), rs.getLong("platform_acts"),
                        rs.getLong("vendor_acts")))
                .list();
    }

    /** The types of the workspace's connections, deleted ones left out. */
    List<String> integrationTypes(String workspaceId) {
        return integrationTypes(workspaceId, " and c.deleted_at is null", Map.of());
    }

    /**
     * Also the types of connections deleted since {@code keptSince} (the retention's cutoff) that the log still holds
     * calls of. Those deleted before it had their calls purged (all but calls that came after the deletion, which
     * are not offered): a deleted connection stays for ever, and probing the log for each of them made the list
     * take a second at 100,000 deleted connections (a review).
     */
    List<String> integrationTypesInTheLog(String workspaceId, Instant keptSince) {
        return integrationTypes(workspaceId, " and (c.deleted_at is null or (c.deleted_at >= :kept and exists (select 1"
                + " from api_call a where a.workspace_id = c.workspace_id and a.connection_id = c.id)))",
                Map.of("kept", Times.sql(keptSince)));
    }

    private List<String> integrationTypes(String workspaceId, String kept, Map<String, Object> params) {
        if (database.isPostgres()) {
            return integrationTypesBySkipping(workspaceId, kept, params);
        }
        return jdbc.sql("select distinct integration_type from connection c where c.workspace_id = :ws" + kept
                        + " order by integration_type limit 1000")
                .param("ws", workspaceId).params(params).query(String.class).list();
    }

    /** The workspace's retention in days (the log's calls are kept that long). */
    int retentionDays(String workspaceId) {
        return jdbc.sql("select retention_days from workspace where id = ?").param(workspaceId).query(Integer.class)
                .single();
    }

    /** The environments the workspace's connections name ("Production", "Sandbox"), none for those without one. */
    List<String> environments(String workspaceId) {
        return jdbc.sql("""
                select distinct environment from connection where workspace_id = ? and deleted_at is null
                and environment is not null order by environment limit 1000""")
                .param(workspaceId).query(String.class).list();
    }

    /**
     * A distinct over 100,000 connections read them all (70 ms) for a list of a few dozen types: instead, step
     * through the (workspace_id, integration_type) index one type at a time, each step one short index probe.
     */
    private List<String> integrationTypesBySkipping(String workspaceId, String kept, Map<String, Object> params) {
        return jdbc.sql("""
                with recursive types (type) as (
                    (select c.integration_type from connection c where c.workspace_id = :ws%1$s
                     order by c.integration_type limit 1)
                    union all
                    select (select c.integration_type from connection c
                            where c.workspace_id = :ws%1$s and c.integration_type > t.type
                            order by c.integration_type limit 1)
                    from types t where t.type is not null)
                select type from types where type is not null limit 1000""".formatted(kept))
                .param("ws", workspaceId).params(params).query(String.class).list();
    }

    private static String where(String workspaceId, ConnectionFilter f, Map<String, Object> params, boolean h2) {
        StringBuilder sql = new StringBuilder("where workspace_id = :ws and deleted_at is null");
        params.put("ws", workspaceId);
        if (!f.statuses().isEmpty()) {
            sql.append(" and status in (:statuses)");
            params.put("statuses", f.statuses().stream().map(Enum::name).sorted().toList());
        }
        if (f.health() != null) {
            sql.append(" and health_name = :health");
            params.put("health", f.health().name());
        }
        if (f.resolutionOwner() != null) {
            sql.append(" and health_owner = :owner");
            params.put("owner", f.resolutionOwner().name());
        }
        if (f.integrationType() != null) {
            sql.append(" and integration_type = :itype");
            params.put("itype", f.integrationType());
        }
        if (f.category() != null) {
            sql.append(" and categories like :category");
            params.put("category", "%," + Like.escape(f.category()) + ",%");
        }
        if (f.environment() != null) {
            sql.append(" and environment = :env");
            params.put("env", f.environment());
        }
        if (f.externalXref() != null) {
            sql.append(" and external_xref = :xref");
            params.put("xref", f.externalXref());
        }
        if (f.isPaused() != null) {
            sql.append(" and is_paused = :paused");
            params.put("paused", f.isPaused());
        }
        // q whole in one field, or each of its words in some field (the dashboard's "hubspot acme"); never one across two
        List<String> words = f.queryWords().stream().map(SearchFold::fold).distinct().toList();
        if (words.stream().anyMatch(w -> w.indexOf('\u0000') >= 0)) {
            // no stored field holds U+0000 (refused when written), and PostgreSQL fails a parameter holding one
            sql.append(" and 1 = 0");
        } else if (!words.isEmpty()) {
            List<String> tests = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                params.put("q" + i, Like.containing(words.get(i)));
            }
            if (h2 && words.stream().noneMatch(w -> w.indexOf('\u0001') >= 0)) {
                // H2: the same columns, lower-cased and joined by char(1) in one generated column (V5)
                for (int i = 0; i < words.size(); i++) {
                    tests.add("search_text like :q" + i);
                }
                sql.append(" and ").append(String.join(" and ", tests));
            } else if (!h2 && words.stream().noneMatch(w -> w.contains(SEARCH_SEPARATOR))) {
                // PostgreSQL: the same text, kept with its trigram index in a side table (V7)
                for (int i = 0; i < words.size(); i++) {
                    tests.add("s.text like :q" + i);
                }
                sql.append(" and id in (select s.id from connection_search s where s.workspace_id = :ws and ")
                        .append(String.join(" and ", tests)).append(")");
            } else {
                // a search for the separator itself must not match across two fields
                for (int i = 0; i < words.size(); i++) {
                    List<String> fields = new ArrayList<>();
                    for (String column : List.of("id", "external_xref", "integration_type", "integration_name")) {
                        fields.add(SearchFold.foldSql("lower(" + column + ")", h2) + " like :q" + i);
                    }
                    tests.add("(" + String.join(" or ", fields) + ")");
                }
                sql.append(" and ").append(String.join(" and ", tests));
            }
        }
        return sql.toString();
    }

    /**
     * What q searches on PostgreSQL: id, external_xref, integration type and name, lower-cased and joined by this
     * separator into connection_search.text (V7), which has the trigram index; a search that contains the separator
     * falls back to one test per field.
     */
    static final String SEARCH_SEPARATOR = "\u001f";

    static String encodeList(List<String> values) {
        return values.isEmpty() ? "" : "," + String.join(",", values) + ",";
    }

    static List<String> decodeList(String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(stored.split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableList());
    }

    private HealthState health(ResultSet rs) throws SQLException {
        String name = rs.getString("unhealthy_name");
        String owner = rs.getString("unhealthy_owner");
        String details = rs.getString("unhealthy_details");
        return new HealthState(Times.read(rs, "last_healthy_at"), Times.read(rs, "last_unhealthy_at"),
                (Integer) rs.getObject("last_unhealthy_code"), name == null ? null : HealthName.valueOf(name),
                owner == null ? null : ResolutionOwner.valueOf(owner),
                details == null || details.equals("[]") ? List.of() : List.of(json.readValue(details, ExportDetail[].class)));
    }

    private Row map(ResultSet rs, int n) throws SQLException {
        HealthState state = health(rs);
        Connection connection = new Connection(rs.getString("id"), rs.getString("workspace_id"),
                rs.getString("integration_type"), rs.getString("integration_name"),
                decodeList(rs.getString("categories")), decodeList(rs.getString("permissions")),
                rs.getString("external_xref"), rs.getString("environment"), rs.getBoolean("is_paused"),
                Times.read(rs, "created_at"), Times.read(rs, "updated_at"), Times.read(rs, "credentials_updated_at"),
                null, null, null, null, null).withHealth(state);
        return new Row(connection, state, rs.getObject("deleted_at") != null);
    }
}
