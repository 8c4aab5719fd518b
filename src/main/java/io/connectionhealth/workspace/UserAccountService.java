package io.connectionhealth.workspace;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.AuditLog;
import io.connectionhealth.base.Ids;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.base.Times;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.security.SignInThrottle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Dashboard users: bcrypt-hashed passwords, one workspace each, role ADMIN or VIEWER. */
@Service
public class UserAccountService implements UserDetailsService {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    public static final int MIN_PASSWORD_LENGTH = 8;
    /** bcrypt reads at most 72 bytes of a password (and Spring Security refuses a longer one). */
    public static final int MAX_PASSWORD_BYTES = 72;

    private static final RowMapper<UserAccount> MAPPER = (rs, n) -> new UserAccount(rs.getString("id"),
            rs.getString("workspace_id"), rs.getString("username"), Actor.Role.valueOf(rs.getString("role")),
            Times.read(rs, "created_at"));

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final SignInThrottle throttle;

    UserAccountService(JdbcClient jdbc, PasswordEncoder passwordEncoder, Clock clock, SignInThrottle throttle) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.throttle = throttle;
    }

    public Optional<UserAccount> find(String username) {
        return jdbc.sql("select * from app_user where username = ?").param(username).query(MAPPER).optional();
    }

    /** Whether the user exists and has this password (one bcrypt check). */
    public boolean hasPassword(String username, String password) {
        return jdbc.sql("select password_hash from app_user where username = ?").param(username).query(String.class)
                .optional().map(hash -> passwordEncoder.matches(password, hash)).orElse(false);
    }

    /**
     * Changes whenever the user's password or role does, and is empty once the user is removed: what a signed-in
     * session compares to end itself. Derived from the password hash (which has a new salt each time) and the role,
     * never the hash itself.
     */
    public Optional<String> credentialStamp(String username) {
        return jdbc.sql("select password_hash, role from app_user where username = ?").param(username)
                .query((rs, n) -> stamp(rs.getString("password_hash"), rs.getString("role"))).optional();
    }

    private static String stamp(String passwordHash, String role) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((passwordHash + "\n" + role)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public boolean anyUserExists() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single() > 0;
    }

    /** A page of the workspace's users, by username. */
    public List<UserAccount> list(Actor actor, PageRequest page) {
        actor.requireAdmin();
        return jdbc.sql("select * from app_user where workspace_id = ? order by username limit ? offset ?")
                .params(actor.workspaceId(), page.limit(), page.offset()).query(MAPPER).list();
    }

    public int count(Actor actor) {
        actor.requireAdmin();
        return jdbc.sql("select count(*) from app_user where workspace_id = ?").param(actor.workspaceId())
                .query(Integer.class).single();
    }

    @Transactional
    public UserAccount create(Actor actor, String username, String password, Actor.Role role) {
        actor.requireAdmin();
        String problem = passwordProblem(password);
        if (problem != null) {
            throw ValidationException.of("password", problem);
        }
        UserAccount created = insert(actor.workspaceId(), username, password, role);
        AuditLog.committed("User '{}' ({}) added to workspace {} by {}", created.username(), created.role(),
                actor.workspaceId(), actor.who());
        return created;
    }

    /**
     * SPEC §6: {@code APP_BOOTSTRAP_ADMIN_PASSWORD} sets the first admin's password. The operator chose it, so the
     * length asked of passwords chosen in the dashboard does not apply; bcrypt's 72 bytes do.
     */
    @Transactional
    UserAccount createFirstAdmin(String workspaceId, String password) {
        requireOperatorPassword(password);
        return insert(workspaceId, "admin", password, Actor.Role.ADMIN);
    }

    /** A password the operator chose: bcrypt's limit only, not the dashboard's length rule. */
    private static void requireOperatorPassword(String password) {
        if (password.isEmpty() || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ValidationException.of("password", "must be 1 to " + MAX_PASSWORD_BYTES + " bytes");
        }
    }

    /**
     * The operator's recovery (APP_BOOTSTRAP_RESET_ADMIN_PASSWORD): user {@code admin} gets this password and the admin
     * role, and is created in the default workspace if it was removed. Its sessions end (their credential stamp).
     */
    @Transactional
    void resetAdmin(String defaultWorkspaceId, String password) {
        requireOperatorPassword(password);
        // "Admin" too: the look-alike rule lets only one of them exist, and inserting "admin" beside it would fail
        int updated = jdbc.sql("update app_user set password_hash = ?, role = ? where lower(username) = 'admin'")
                .params(passwordEncoder.encode(password), Actor.Role.ADMIN.name()).update();
        if (updated == 0) {
            insert(defaultWorkspaceId, "admin", password, Actor.Role.ADMIN);
        }
    }

    private UserAccount insert(String workspaceId, String username, String password, Actor.Role role) {
        requireUserRole(role);
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ValidationException.of("username", "must be 1-100 letters, digits or . _ @ -");
        }
        String hash = passwordEncoder.encode(password); // before the lock below: bcrypt takes ~100 ms
        // sign-in matches the exact name, but "Admin" beside "admin" is a look-alike account waiting to confuse. The
        // unique key is exact, so the check runs with the users' rows locked (in one order): two admins adding "dave"
        // and "Dave" at the same moment had both succeeded
        lockAllUsers();
        if (jdbc.sql("select count(*) from app_user where lower(username) = ?")
                .param(username.toLowerCase(Locale.ROOT)).query(Long.class).single() > 0) {
            throw ValidationException.of("username", "is already taken");
        }
        String id = Ids.uuid();
        try {
            jdbc.sql("insert into app_user (id, workspace_id, username, password_hash, role, created_at) values (?, ?, ?, ?, ?, ?)")
                    .params(id, workspaceId, username, hash, role.name(), Times.sql(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw ValidationException.of("username", "is already taken");
        }
        return find(username).orElseThrow();
    }

    /**
     * Removes a dashboard user of the admin's workspace; not oneself, and never the workspace's last admin (the admin
     * rows are locked while counting, so two admins removing each other at once cannot both succeed).
     */
    @Transactional
    public void remove(Actor actor, String userId) {
        actor.requireAdmin();
        UserAccount user = userOfWorkspace(actor, userId);
        if (user.username().equals(actor.id())) {
            throw ValidationException.of("user", "you cannot remove yourself");
        }
        if (user.role() == Actor.Role.ADMIN && isLastAdmin(actor.workspaceId())) {
            throw ValidationException.of("user", "the workspace's last admin cannot be removed");
        }
        jdbc.sql("delete from app_user where id = ?").param(userId).update();
        AuditLog.committed("User '{}' ({}) of workspace {} removed by {}", user.username(), user.role(),
                actor.workspaceId(), actor.who());
    }

    /**
     * Changes the signed-in user's own password (the first admin's was printed in the log, or set by an environment
     * variable, and wants changing). The current password must be given; the new one follows the rules of a new user's.
     * Every other session of the user then ends at its next request; the returned credential stamp lets the calling
     * session stay. Wrong current passwords count as wrong sign-ins of the user from {@code address} (SignInThrottle).
     */
    @Transactional
    public String changePassword(Actor actor, String current, String replacement, String address) {
        String hash = jdbc.sql("select password_hash from app_user where workspace_id = ? and username = ? for update")
                .params(actor.workspaceId(), actor.id()).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("No dashboard user " + actor.id()));
        if (current == null || current.isEmpty()) {
            throw ValidationException.of("current_password", "is required: enter the password you signed in with");
        }
        // the sign-in page's limit, counted with the user's sign-ins from that address: a borrowed session could
        // guess the password (which may be used elsewhere too), and locks only its own address out
        if (!throttle.tryAttempt(actor.id(), address)) {
            throw ValidationException.of("current_password", "was wrong " + SignInThrottle.MAX_FAILURES
                    + " times: try again in " + SignInThrottle.LOCK.toMinutes() + " minutes");
        }
        if (!passwordEncoder.matches(current, hash)) {
            throw ValidationException.of("current_password", "is not your current password");
        }
        throttle.succeeded(actor.id(), address);
        String problem = passwordProblem(replacement);
        if (problem != null) {
            throw ValidationException.of("new_password", problem);
        }
        if (replacement.equals(current)) {
            throw ValidationException.of("new_password", "is the same as the current one");
        }
        String newHash = passwordEncoder.encode(replacement);
        jdbc.sql("update app_user set password_hash = ? where workspace_id = ? and username = ?")
                .params(newHash, actor.workspaceId(), actor.id()).update();
        AuditLog.committed("User '{}' of workspace {} changed their password (from {}); their other sessions end",
                actor.id(), actor.workspaceId(), address);
        return stamp(newHash, actor.role().name());
    }

    /**
     * An admin sets another user's password in their workspace (one who forgot theirs): that user's open sessions end
     * at their next request. Their own password an admin changes with {@link #changePassword}, giving the current one.
     */
    @Transactional
    public void setPassword(Actor actor, String userId, String replacement) {
        actor.requireAdmin();
        UserAccount user = jdbc.sql("select * from app_user where workspace_id = ? and id = ? for update")
                .params(actor.workspaceId(), userId).query(MAPPER).optional()
                .orElseThrow(() -> new NotFoundException("No user " + userId));
        if (user.username().equals(actor.id())) {
            throw ValidationException.of("user", "change your own password with Change password, giving the current one");
        }
        String problem = passwordProblem(replacement);
        if (problem != null) {
            throw ValidationException.of("new_password", problem);
        }
        jdbc.sql("update app_user set password_hash = ? where id = ?")
                .params(passwordEncoder.encode(replacement), userId).update();
        AuditLog.committed("Password of user '{}' of workspace {} set by {}; their sessions end", user.username(),
                actor.workspaceId(), actor.who());
    }

    /**
     * An admin makes another user of their workspace an admin or a viewer; that user's open sessions end at their next
     * request (the role is part of the session's stamp). Not oneself, and never the workspace's last admin (the admin
     * rows are locked while counting, as for a removal).
     */
    @Transactional
    public void changeRole(Actor actor, String userId, Actor.Role role) {
        actor.requireAdmin();
        requireUserRole(role);
        UserAccount user = userOfWorkspace(actor, userId);
        if (user.username().equals(actor.id())) {
            throw ValidationException.of("role", "another admin changes yours");
        }
        if (user.role() == role) {
            return;
        }
        if (user.role() == Actor.Role.ADMIN && isLastAdmin(actor.workspaceId())) {
            throw ValidationException.of("role", "the workspace's last admin stays an admin");
        }
        jdbc.sql("update app_user set role = ? where id = ?").params(role.name(), userId).update();
        AuditLog.committed("User '{}' of workspace {} made {} (was {}) by {}; their sessions end", user.username(),
                actor.workspaceId(), role, user.role(), actor.who());
    }

    private UserAccount userOfWorkspace(Actor actor, String userId) {
        return jdbc.sql("select * from app_user where workspace_id = ? and id = ?")
                .params(actor.workspaceId(), userId).query(MAPPER).optional()
                .orElseThrow(() -> new NotFoundException("No user " + userId));
    }

    /**
     * Counts the workspace's admins with the users' rows locked, so that two admins demoting each other cannot both win.
     * The lock is the one adding a user takes: H2 locks an "order by id" query's rows in the order of the index it
     * reads, so a narrower query (by workspace, by role) took them in another order, and the two could deadlock.
     */
    private boolean isLastAdmin(String workspaceId) {
        lockAllUsers();
        return jdbc.sql("select count(*) from app_user where workspace_id = ? and role = 'ADMIN'")
                .param(workspaceId).query(Long.class).single() <= 1;
    }

    /** Every user row, in primary-key order: one statement for every writer that must see the others' changes. */
    private void lockAllUsers() {
        jdbc.sql("select id from app_user order by id for update").query(String.class).list();
    }

    /** What is wrong with a password a user chooses, or null. */
    public static String passwordProblem(String password) {
        // characters as a person counts them: four emoji are four, not the eight UTF-16 units they take
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            return "must have at least " + MIN_PASSWORD_LENGTH + " characters";
        }
        if (password.isBlank()) {
            return "must not be only spaces";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return "must be at most " + MAX_PASSWORD_BYTES + " bytes (72 letters of the Latin alphabet, fewer with accents "
                    + "or other scripts)";
        }
        return null;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("select username, password_hash, role from app_user where username = ?").param(username)
                .query((rs, n) -> new SignedInUser(rs.getString("username"), rs.getString("password_hash"),
                        AuthorityUtils.createAuthorityList("ROLE_" + rs.getString("role")),
                        stamp(rs.getString("password_hash"), rs.getString("role"))))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("No user " + username));
    }

    /** A dashboard user is an admin or a viewer; REPORTER is an API key's. */
    private static void requireUserRole(Actor.Role role) {
        if (role != Actor.Role.ADMIN && role != Actor.Role.VIEWER) {
            throw ValidationException.of("role", "must be ADMIN or VIEWER");
        }
    }
}
