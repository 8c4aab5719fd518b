package io.connectionhealth.workspace;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.AuditLog;
import io.connectionhealth.base.Ids;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.Times;
import io.connectionhealth.base.ValidationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import io.connectionhealth.notification.NotificationSettingsService;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

@Service
public class WorkspaceService {

    /**
     * The default workspace has a fixed id, so that several instances starting at once on one PostgreSQL
     * agree on it without coordination (the primary key settles the race).
     */
    public static final String DEFAULT_WORKSPACE_ID = "00000000-0000-0000-0000-000000000001";
    public static final int MIN_RETENTION_DAYS = 1;
    public static final int MAX_RETENTION_DAYS = 3650;

    private static final RowMapper<Workspace> MAPPER = (rs, n) -> new Workspace(rs.getString("id"), rs.getString("name"),
            rs.getBoolean("is_default"), rs.getInt("retention_days"), Times.read(rs, "created_at"));

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final NotificationSettingsService notificationSettings;
    private final Clock clock;
    private final PurgeTrigger purgeTrigger;

    WorkspaceService(JdbcClient jdbc, TransactionTemplate transactions, NotificationSettingsService notificationSettings,
                     Clock clock, PurgeTrigger purgeTrigger) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.notificationSettings = notificationSettings;
        this.clock = clock;
        this.purgeTrigger = purgeTrigger;
    }

    public Workspace get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("No workspace " + id));
    }

    /** The workspace the actor acts in (any role may read it). */
    public Workspace current(Actor actor) {
        return get(actor.workspaceId());
    }

    public Optional<Workspace> find(String id) {
        return jdbc.sql("select * from workspace where id = ?").param(id).query(MAPPER).optional();
    }

    /**
     * The workspace the bootstrap admin, the bootstrap API key and the demo data use; created on first use. The
     * insert has a transaction of its own: on PostgreSQL a failed insert would spoil the transaction around it.
     */
    public Workspace defaultWorkspace() {
        return find(DEFAULT_WORKSPACE_ID).orElseGet(() -> {
            try {
                transactions.executeWithoutResult(tx -> insert(DEFAULT_WORKSPACE_ID, "Default workspace", true));
            } catch (DuplicateKeyException raced) {
                // another instance created it first
            }
            return get(DEFAULT_WORKSPACE_ID);
        });
    }

    /**
     * Holds the workspace's row until the caller's transaction ends: instances sharing a database that each want to
     * do something once for the workspace (seed the demo) take turns, and the later one sees what the first did.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void lock(String workspaceId) {
        // an update, not SELECT … FOR UPDATE: on PostgreSQL its lock leaves alone the key-share locks that inserts
        // referencing the workspace take, so the API keeps writing to the workspace meanwhile
        if (jdbc.sql("update workspace set name = name where id = ?").param(workspaceId).update() == 0) {
            throw new NotFoundException("No workspace " + workspaceId);
        }
    }

    @Transactional
    public Workspace create(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ValidationException.of("name", "is required, at most 200 characters");
        }
        String id = Ids.uuid();
        insert(id, name.strip(), false);
        return get(id);
    }

    public List<Workspace> all() {
        return jdbc.sql("select * from workspace order by created_at").query(MAPPER).list();
    }

    /** What saving a retention did: whether the purge of what it no longer keeps was brought forward to now. */
    public record RetentionSaved(int days, int was, boolean purgingNow) {
    }

    /** Another admin's retention was saved since the page read the one it showed. */
    public static final class RetentionChangedException extends RuntimeException {
        private final int current;

        RetentionChangedException(int current) {
            super("The retention was changed meanwhile to " + days(current));
            this.current = current;
        }

        public int current() {
            return current;
        }
    }

    public RetentionSaved updateRetention(Actor actor, int days) {
        return updateRetention(actor, days, null);
    }

    /**
     * As {@link #updateRetention(Actor, int)}, but only while the retention in force is still {@code expected} (what
     * the admin was shown, or asked about): else {@link RetentionChangedException}, nothing saved. Two admins on two
     * instances each confirming a shorter retention had the second save over the first unasked (an audit).
     */
    public RetentionSaved updateRetentionIfStill(Actor actor, int days, int expected) {
        return updateRetention(actor, days, expected);
    }

    /** Not one transaction: the purge is brought forward after the commit, so that it reads the new retention. */
    private RetentionSaved updateRetention(Actor actor, int days, Integer expected) {
        actor.requireAdmin();
        if (days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
            throw ValidationException.of("retention_days",
                    "must be between " + MIN_RETENTION_DAYS + " and " + MAX_RETENTION_DAYS + ", was " + days);
        }
        int was = transactions.execute(status -> {
            int before = jdbc.sql("select retention_days from workspace where id = ? for update")
                    .param(actor.workspaceId()).query(Integer.class).single();
            if (expected != null && before != expected) {
                throw new RetentionChangedException(before);
            }
            jdbc.sql("update workspace set retention_days = ? where id = ?").params(days, actor.workspaceId()).update();
            if (before != days) {
                // it deletes data at the next purge: who decided that is worth a line
                AuditLog.committed("Retention of workspace {} set to {} (was {}) by {}", actor.workspaceId(), days(days),
                        days(before), actor.who());
            }
            return before;
        });
        // after the commit, so the purge reads the new retention
        boolean purgingNow = days < was && purgeTrigger.purgeAt(clock.instant());
        return new RetentionSaved(days, was, purgingNow);
    }

    /** The workspace with its notification settings, so that concurrent first requests never race to create them. */
    private void insert(String id, String name, boolean isDefault) {
        jdbc.sql("insert into workspace (id, name, is_default, retention_days, created_at) values (?, ?, ?, 60, ?)")
                .params(id, name, isDefault, Times.sql(clock.instant())).update();
        notificationSettings.createFor(id);
    }

    /** "1 day", "60 days": as the audit log, the errors and Settings say a retention. */
    public static String days(int days) {
        return days + (days == 1 ? " day" : " days");
    }
}
