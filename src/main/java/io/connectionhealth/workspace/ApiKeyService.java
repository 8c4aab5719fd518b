package io.connectionhealth.workspace;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.AuditLog;
import io.connectionhealth.base.Ids;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.base.Times;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.sql.BoundedRead;
import io.connectionhealth.base.sql.DatabaseDown;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

@Service
public class ApiKeyService {

    /** The name of the key APP_BOOTSTRAP_API_KEY makes valid, again at every start while it is set. */
    public static final String BOOTSTRAP_KEY_NAME = "Bootstrap key (APP_BOOTSTRAP_API_KEY)";

    static final String KEY_PREFIX = "chk_";
    /** Longer secrets are not looked up: no key this service makes comes near it. */
    static final int MAX_SECRET_LENGTH = 200;
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final Duration CACHE_TTL = Duration.ofSeconds(10);
    static final Duration KEPT_WHILE_DOWN = Duration.ofDays(1);

    private static final RowMapper<ApiKey> MAPPER = (rs, n) -> new ApiKey(rs.getString("id"), rs.getString("workspace_id"),
            rs.getString("name"), rs.getString("prefix"), ApiKeyAccess.valueOf(rs.getString("access_level")),
            Times.read(rs, "created_at"), rs.getString("created_by"), Times.read(rs, "last_used_at"),
            Times.read(rs, "revoked_at"));

    private final JdbcClient jdbc;
    private final Clock clock;
    /** Every API request authenticates; a short cache keeps that off the database. Revocation shows within the TTL. */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** One database check at a time per key, for the readers that wait for it only so long. */
    private final Map<String, BoundedRead<Optional<ApiKey>>> checks = new ConcurrentHashMap<>();
    /** Moves on every clearing, so that a key read before a revocation is not cached after it. */
    private final AtomicLong generation = new AtomicLong();

    private record Cached(ApiKey key, Instant loadedAt) {
    }

    ApiKeyService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public CreatedApiKey create(Actor actor, String name, ApiKeyAccess access) {
        actor.requireAdmin();
        if (access == null) {
            throw ValidationException.of("access", "is required: what the key may do");
        }
        if (name == null || name.isBlank()) {
            throw ValidationException.of("name", "is required: say who or what uses the key");
        }
        String stripped = name.strip();
        // counted after the spaces around it go, which are not stored either; in UTF-16 units, as H2's varchar(200)
        // counts them (150 emoji had failed the insert there without a message)
        if (stripped.length() > 200) {
            throw ValidationException.of("name", "must be at most 200 characters (an emoji counts as two)");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            // PostgreSQL cannot store U+0000 (it had been an internal error); a tab or line break is no name either
            throw ValidationException.of("name", "must not contain control characters (tabs, line breaks, U+0000)");
        }
        // the name is what tells keys apart when one is to be revoked (the list shows a prefix beside it)
        if (jdbc.sql("select count(*) from api_key where workspace_id = ? and lower(name) = lower(?) and revoked_at is null")
                .params(actor.workspaceId(), stripped).query(Integer.class).single() > 0) {
            throw ValidationException.of("name", "'" + stripped + "' is taken by an active key: give this one a "
                    + "name of its own");
        }
        String secret = KEY_PREFIX + Ids.randomToken(40);
        ApiKey key = insert(actor.workspaceId(), stripped, access, secret, actor.who());
        AuditLog.committed("API key '{}' ({}, access {}) of workspace {} created by {}", AuditLog.typed(stripped), key.id(),
                access.name(), actor.workspaceId(), actor.who());
        return new CreatedApiKey(key, secret);
    }

    /** A page of the workspace's keys, newest first. */
    public List<ApiKey> list(Actor actor, PageRequest page) {
        actor.requireAdmin();
        return jdbc.sql("select * from api_key where workspace_id = ? order by created_at desc, id limit ? offset ?")
                .params(actor.workspaceId(), page.limit(), page.offset()).query(MAPPER).list();
    }

    public int count(Actor actor) {
        actor.requireAdmin();
        return jdbc.sql("select count(*) from api_key where workspace_id = ?").param(actor.workspaceId())
                .query(Integer.class).single();
    }

    /** The names of the active keys a user made (and saw the secret of): what stays usable once they leave. */
    public List<String> activeKeysMadeBy(Actor actor, String username) {
        actor.requireAdmin();
        return jdbc.sql("select name from api_key where workspace_id = ? and created_by = ? and revoked_at is null"
                        + " order by created_at, id limit 20")
                .params(actor.workspaceId(), username).query(String.class).list();
    }

    /** Revokes the key; false if it was revoked already (by another admin, from a page listing it as active). */
    @Transactional
    public boolean revoke(Actor actor, String id) {
        actor.requireAdmin();
        int updated = jdbc.sql("update api_key set revoked_at = ? where id = ? and workspace_id = ? and revoked_at is null")
                .params(Times.sql(clock.instant()), id, actor.workspaceId()).update();
        if (updated == 0 && jdbc.sql("select count(*) from api_key where id = ? and workspace_id = ?")
                .params(id, actor.workspaceId()).query(Integer.class).single() == 0) {
            throw new NotFoundException("No API key " + id);
        }
        clearCacheNowAndAfterCommit();
        if (updated > 0) {
            String name = jdbc.sql("select name from api_key where id = ?").param(id).query(String.class).single();
            AuditLog.committed("API key '{}' ({}) of workspace {} revoked by {}", AuditLog.typed(name), id, actor.workspaceId(),
                    actor.who());
        }
        return updated > 0;
    }

    /** The active key this secret belongs to, if any. */
    public Optional<ApiKey> authenticate(String secret) {
        return authenticate(secret, null);
    }

    /**
     * As {@link #authenticate(String)}, for a reader that must answer while the database is away (the metrics scrape):
     * when the database does not answer within {@code within}, a key this instance read in the last
     * {@link #KEPT_WHILE_DOWN} is taken as it was. A key revoked meanwhile on another instance still reads the metrics
     * here until the database answers again; nothing else is read with it, as every other request needs the database.
     */
    public Optional<ApiKey> authenticateUnlessDown(String secret, Duration within) {
        return authenticate(secret, within);
    }

    private Optional<ApiKey> authenticate(String secret, @Nullable Duration within) {
        if (secret == null || secret.isBlank() || secret.length() > MAX_SECRET_LENGTH) {
            return Optional.empty();
        }
        String hash = hash(secret);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && !cached.loadedAt().plus(CACHE_TTL).isBefore(now)) {
            return Optional.of(cached.key());
        }
        if (within == null || cached == null || cached.loadedAt().plus(KEPT_WHILE_DOWN).isBefore(now)) {
            return load(hash);
        }
        try {
            return checks.computeIfAbsent(hash, h -> new BoundedRead<>("api-key-check", () -> load(h))).get(within);
        } catch (TimeoutException | DataAccessException unanswered) {
            if (unanswered instanceof DataAccessException failure && !DatabaseDown.is(failure)) {
                throw failure;
            }
            return Optional.of(cached.key());
        }
    }

    /** The key read from the database (and its use stamped), cached unless a change was made while it was read. */
    private Optional<ApiKey> load(String hash) {
        Instant now = clock.instant();
        long readIn = generation.get();
        ApiKey key = jdbc.sql("select * from api_key where key_hash = ? and revoked_at is null")
                .param(hash).query(MAPPER).optional().orElse(null);
        if (key == null) {
            cache.remove(hash);
            return Optional.empty();
        }
        if (key.lastUsedAt() == null || key.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
            int stamped;
            try {
                // this waits for a revocation being committed, which then wins over the key read before it
                stamped = jdbc.sql("update api_key set last_used_at = ? where id = ? and revoked_at is null")
                        .params(Times.sql(now), key.id()).update();
            } catch (DataAccessException e) {
                if (!DatabaseDown.diskFull(e)) {
                    throw e;
                }
                // a full disk refuses the stamp, not the key (read just now, not revoked): reads still work, and
                // had answered 503 for it; not cached, so the stamp is tried again once there is room
                return Optional.of(key);
            }
            if (stamped == 0) {
                cache.remove(hash);
                return Optional.empty();
            }
        }
        synchronized (cache) {
            if (generation.get() == readIn) {
                // not when a change was made while the key was read: the read may predate it
                cache.put(hash, new Cached(key, now));
            }
        }
        return Optional.of(key);
    }

    /** Makes exactly this secret valid for the workspace, whatever other keys exist (SPEC §6). */
    @Transactional
    void ensureKey(String workspaceId, String name, String secret) {
        String hash = hash(secret);
        int updated = jdbc.sql("update api_key set workspace_id = ?, revoked_at = null, prefix = ?, access_level = ?"
                        + " where key_hash = ?")
                .params(workspaceId, prefixOf(secret), ApiKeyAccess.FULL.name(), hash).update();
        if (updated == 0) {
            insert(workspaceId, name, ApiKeyAccess.FULL, secret, "APP_BOOTSTRAP_API_KEY");
        }
        clearCacheNowAndAfterCommit();
    }

    /**
     * Also once the change is committed: a request authenticating before the commit read the key as it was and cached
     * it, so a revoked key had gone on working for up to the cache's 10 s after "Key revoked." (a multi-user audit).
     */
    private void clearCacheNowAndAfterCommit() {
        clearCache();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    clearCache();
                }
            });
        }
    }

    private void clearCache() {
        synchronized (cache) {
            generation.incrementAndGet();
            cache.clear();
        }
    }

    private ApiKey insert(String workspaceId, String name, ApiKeyAccess access, String secret, String createdBy) {
        String id = Ids.uuid();
        String prefix = prefixOf(secret);
        jdbc.sql("insert into api_key (id, workspace_id, name, prefix, access_level, key_hash, created_at, created_by)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, workspaceId, name, prefix, access.name(), hash(secret), Times.sql(clock.instant()),
                        createdBy).update();
        return jdbc.sql("select * from api_key where id = ?").param(id).query(MAPPER).single();
    }

    /** Enough to recognise a key by, never enough to use it: a short bootstrap key must not be shown whole. */
    private static String prefixOf(String secret) {
        return secret.substring(0, Math.min(12, secret.length() / 3));
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
