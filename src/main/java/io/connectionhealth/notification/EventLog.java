package io.connectionhealth.notification;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.AfterCommit;
import io.connectionhealth.base.Ids;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.base.Times;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The record of every event, and the webhook outbox: an event is written in the transaction of the change
 * that caused it, already marked pending when the workspace sends its type.
 */
@Service
public class EventLog {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;
    private final NotificationSettingsService settings;
    private final DeliveryQueue deliveries;
    private final Clock clock;

    private final Map<EventType, Counter> recorded = new java.util.EnumMap<>(EventType.class);

    EventLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json, NotificationSettingsService settings,
             DeliveryQueue deliveries, Clock clock, MeterRegistry meters) {
        for (EventType type : EventType.values()) {
            recorded.put(type, Counter.builder("connection_health.events.recorded").tag("event", type.name())
                    .description("Events recorded (a connection's health changed, or it was created, changed, paused, "
                            + "deleted), whether or not a webhook sends them").register(meters));
        }
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
        this.settings = settings;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** Records the events in the caller's transaction, in the given order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(List<NewEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        countOnceCommitted(events);
        Map<String, NotificationSettings> byWorkspace = new LinkedHashMap<>();
        List<Object[]> rows = new ArrayList<>(events.size());
        List<String> pending = new ArrayList<>();
        Instant now = Times.micros(clock.instant());
        // a connection's successive events in one request (e.g. unhealthy, then healthy again) get successive
        // timestamps, a microsecond apart, so a receiver can order them by the envelope's timestamp
        Map<String, Instant> lastOfConnection = new HashMap<>();
        for (NewEvent event : events) {
            NotificationSettings endpoint = byWorkspace.computeIfAbsent(event.workspaceId(), settings::forWorkspace);
            DeliveryState state = endpoint.sends(event.type()) ? DeliveryState.PENDING : DeliveryState.NOT_SENT;
            Instant at = event.connectionId() == null ? now : lastOfConnection.merge(event.connectionId(), now,
                    (previous, ignored) -> previous.plusNanos(1_000));
            String id = Ids.messageId(at);
            if (state == DeliveryState.PENDING) {
                pending.add(id);
            }
            rows.add(new Object[]{id, event.workspaceId(), event.connectionId(), event.type().name(), Times.sql(at),
                    payload(event, at), state.name(), state == DeliveryState.PENDING ? Times.sql(now) : null});
        }
        jdbcTemplate.batchUpdate("""
                insert into notification_event (id, workspace_id, connection_id, event_type, created_at, payload,
                                                delivery_state, next_attempt_at, attempt_count)
                values (?, ?, ?, ?, ?, ?, ?, ?, 0)""", rows);
        deliveries.enqueueNew(pending, now);
    }

    private String payload(NewEvent event, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("workspace_id", event.workspaceId());
        data.put("connection", event.connection());
        data.put("previous_status", event.previousStatus() == null ? null : event.previousStatus().name());
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("kind", event.trigger().kind());
        trigger.put("id", event.trigger().id());
        data.put("trigger", trigger);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type().name());
        body.put("timestamp", now.toString());
        body.put("data", data);
        return json.writeValueAsString(body);
    }

    /**
     * Whether the connection was paused at {@code at}: from its last pause or unpause event up to then, or else (the
     * purge took it) from the first one after; empty when none is kept.
     */
    public Optional<Boolean> pausedAt(Actor actor, String connectionId, Instant at) {
        String sql = "select event_type from notification_event where workspace_id = ? and connection_id = ?"
                + " and event_type in (?, ?) and created_at %s ? order by created_at %s, seq %s limit 1";
        Object[] params = {actor.workspaceId(), connectionId, EventType.CONNECTION_PAUSED.name(),
                EventType.CONNECTION_UNPAUSED.name(), Times.sql(at)};
        Optional<String> before = jdbc.sql(sql.formatted("<=", "desc", "desc")).params(params).query(String.class)
                .optional();
        if (before.isPresent()) {
            return before.map(EventType.CONNECTION_PAUSED.name()::equals);
        }
        return jdbc.sql(sql.formatted(">", "asc", "asc")).params(params).query(String.class).optional()
                .map(EventType.CONNECTION_UNPAUSED.name()::equals);
    }

    /** One recorded event of the actor's workspace, with its attempts. */
    public Notification get(Actor actor, String id) {
        List<Notification> rows = jdbc.sql("select * from notification_event where workspace_id = ? and id = ?")
                .params(actor.workspaceId(), id).query(EventLog::row).list();
        if (rows.isEmpty()) {
            throw new NotFoundException("No notification with id " + id);
        }
        return withAttempts(rows).getFirst();
    }

    private static Notification row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Notification(rs.getString("id"), EventType.valueOf(rs.getString("event_type")),
                rs.getString("connection_id"), Times.read(rs, "created_at"), rs.getString("payload"),
                DeliveryState.valueOf(rs.getString("delivery_state")), Times.read(rs, "next_attempt_at"), List.of());
    }

    /**
     * How many events the actor's workspace recorded after {@code after}, counting at most {@code cap}: what an open
     * page asks to say that its list is behind (an index range of notification_event_ws_time).
     */
    public long countAfter(Actor actor, Instant after, int cap) {
        return jdbc.sql("select count(*) from (select 1 from notification_event"
                        + " where workspace_id = ? and created_at > ? limit ?) capped")
                .params(actor.workspaceId(), Times.sql(after), cap).query(Long.class).single();
    }

    /** Counted after the commit: a batch that is rolled back and stored again (its duplicates) records them once. */
    private void countOnceCommitted(List<NewEvent> events) {
        AfterCommit.run(() -> events.forEach(e -> recorded.get(e.type()).increment()));
    }

    /**
     * What waits to be sent in a workspace: the events pending or waiting for a retry, and when the oldest was
     * recorded. Two index range reads of notification_event_ws_state.
     */
    Backlog backlog(String workspaceId) {
        return jdbc.sql("""
                        select count(*) as waiting, min(created_at) as oldest from notification_event
                        where workspace_id = ? and delivery_state in ('PENDING', 'RETRYING')""")
                .param(workspaceId)
                .query((rs, n) -> new Backlog(rs.getLong("waiting"), Times.read(rs, "oldest"))).single();
    }

    /**
     * Every workspace's events still to be sent, for the metrics: those with an attempt to come (and the oldest of
     * them), and apart from them the ones parked while their endpoint is disabled, which wait for an admin however
     * long (an alert on the oldest waiting would never have cleared while one endpoint stayed disabled; an audit).
     */
    record Waiting(long scheduled, long parked, @org.jspecify.annotations.Nullable Instant oldestScheduled) {
    }

    Waiting waitingOfAll() {
        return jdbc.sql("""
                        select sum(case when next_attempt_at is null then 0 else 1 end) as scheduled,
                               sum(case when next_attempt_at is null then 1 else 0 end) as parked,
                               min(case when next_attempt_at is null then null else created_at end) as oldest
                        from notification_event where delivery_state in ('PENDING', 'RETRYING')""")
                .query((rs, n) -> new Waiting(rs.getLong("scheduled"), rs.getLong("parked"), Times.read(rs, "oldest")))
                .single();
    }

    public List<Notification> list(Actor actor, NotificationFilter filter, PageRequest page) {
        StringBuilder sql = new StringBuilder("select * from notification_event where workspace_id = :ws");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ws", actor.workspaceId());
        if (filter.connectionId() != null) {
            sql.append(" and connection_id = :conn");
            params.put("conn", filter.connectionId());
        }
        if (filter.event() != null) {
            sql.append(" and event_type = :type");
            params.put("type", filter.event().name());
        }
        if (filter.state() != null) {
            sql.append(" and delivery_state = :state");
            params.put("state", filter.state().name());
        }
        if (filter.createdGte() != null) {
            sql.append(" and created_at >= :since");
            params.put("since", Times.sql(filter.createdGte()));
        }
        sql.append(" order by created_at desc, seq desc limit :limit offset :offset");
        params.put("limit", page.limit());
        params.put("offset", page.offset());
        List<Notification> rows = jdbc.sql(sql.toString()).params(params).query(EventLog::row).list();
        return withAttempts(rows);
    }

    /** Attaches each notification's attempts with one query for the whole page. */
    private List<Notification> withAttempts(List<Notification> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<DeliveryAttempt>> attempts = new LinkedHashMap<>();
        jdbc.sql("select * from delivery_attempt where event_id in (:ids) order by id")
                .param("ids", rows.stream().map(Notification::id).toList())
                .query(rs -> {
                    attempts.computeIfAbsent(rs.getString("event_id"), k -> new ArrayList<>())
                            .add(new DeliveryAttempt(Times.read(rs, "attempted_at"), rs.getLong("duration_ms"),
                                    (Integer) rs.getObject("http_status"), rs.getString("error"),
                                    rs.getString("response_body"), rs.getString("url")));
                });
        return rows.stream().map(n -> new Notification(n.id(), n.event(), n.connectionId(), n.createdAt(), n.payload(),
                n.state(), n.nextAttemptAt(), attempts.getOrDefault(n.id(), List.of()))).collect(Collectors.toList());
    }
}
