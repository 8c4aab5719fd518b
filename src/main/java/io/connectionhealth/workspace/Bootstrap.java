package io.connectionhealth.workspace;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.Ids;
import io.connectionhealth.base.InvalidSettingException;
import io.connectionhealth.base.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * SPEC §6: the default workspace, the first admin (user {@code admin}) and an optional fixed API key.
 * Runs once every bean exists but before the web server accepts requests, so that the first request
 * already finds the bootstrap key (and the demo data, an ApplicationRunner, finds the workspace).
 */
@Component
public class Bootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final WorkspaceService workspaces;
    private final UserAccountService users;
    private final ApiKeyService apiKeys;
    private final String adminPassword;
    private final String apiKey;
    /** The operator's way back in: the only admin's password forgotten, or printed by a start that then failed. */
    private final boolean resetAdminPassword;
    private volatile boolean adminCreatedFromVariable;
    private volatile boolean adminPasswordPrinted;

    /**
     * The reset flag is read as text: given as nothing (APP_BOOTSTRAP_RESET_ADMIN_PASSWORD=) it is false, as every
     * setting's default (it had failed the start after the migration); anything but true or false stopped the start
     * before that (requireResetFlag).
     */
    @org.springframework.beans.factory.annotation.Autowired
    Bootstrap(WorkspaceService workspaces, UserAccountService users, ApiKeyService apiKeys,
              @Value("${app.bootstrap.admin-password:}") String adminPassword,
              @Value("${app.bootstrap.api-key:}") String apiKey,
              @Value("${app.bootstrap.reset-admin-password:false}") String resetAdminPassword) {
        this(workspaces, users, apiKeys, adminPassword, apiKey, "true".equalsIgnoreCase(resetAdminPassword.strip()));
    }

    Bootstrap(WorkspaceService workspaces, UserAccountService users, ApiKeyService apiKeys, String adminPassword,
              String apiKey, boolean resetAdminPassword) {
        this.workspaces = workspaces;
        this.users = users;
        this.apiKeys = apiKeys;
        this.adminPassword = adminPassword;
        this.apiKey = apiKey;
        this.resetAdminPassword = resetAdminPassword;
    }

    private static final String PROPERTY = "app.bootstrap.api-key (APP_BOOTSTRAP_API_KEY)";

    /** Below this a bootstrap key is warned about: it opens the whole API. SPEC §6 makes the exact key valid. */
    static final int SHORT_API_KEY = 16;

    @Override
    public void afterSingletonsInstantiated() {
        Workspace workspace = workspaces.defaultWorkspace();
        if (apiKey != null && !apiKey.isBlank()) {
            // before the first admin: a start that fails must not have printed a password no later start repeats
            requireUsable(apiKey);
        }
        if (resetAdminPassword) {
            resetAdmin(workspace);
        } else if (!users.anyUserExists()) {
            createFirstAdmin(workspace);
        } else if (adminPassword != null && !adminPassword.isBlank()
                && !users.hasPassword("admin", adminPassword)) {
            // set after the first start (say after a start that failed once it had printed a password), it changes
            // nothing: said here, or the operator tries it at the sign-in page again and again
            log.warn("APP_BOOTSTRAP_ADMIN_PASSWORD is not used: it sets the password of user 'admin' only when a new "
                    + "database gets its first admin, and this one already has users. To give 'admin' this password, "
                    + "start once with APP_BOOTSTRAP_RESET_ADMIN_PASSWORD=true as well, then remove that setting");
        }
        if (apiKey != null && !apiKey.isBlank()) {
            try {
                apiKeys.ensureKey(workspace.id(), ApiKeyService.BOOTSTRAP_KEY_NAME, apiKey.strip());
            } catch (DuplicateKeyException raced) {
                // another instance starting at the same moment stored the key first (an upgrade audit failed the start
                // of one of two): now there is a row to update
                apiKeys.ensureKey(workspace.id(), ApiKeyService.BOOTSTRAP_KEY_NAME, apiKey.strip());
            }
            log.info("APP_BOOTSTRAP_API_KEY is valid for the default workspace {}", workspace.id());
            if (apiKey.strip().length() < SHORT_API_KEY) {
                // SPEC §6 makes the exact key valid (test harnesses use short ones), so it is said, not refused
                log.warn("APP_BOOTSTRAP_API_KEY has {} characters: anyone who guesses it can use the whole API. Use "
                        + "a long random key (at least {} characters) where the API is reachable by others",
                        apiKey.strip().length(), SHORT_API_KEY);
            }
        }
    }

    /**
     * A key requests cannot present would be logged as valid and then answered 401: failing the start says why.
     * The server reads header values as ISO-8859-1 and clients mostly send UTF-8: only printable ASCII is the same.
     * Also checked before Flyway migrates (see {@code Application}), so such a start leaves the database as it was.
     */
    public static void requireUsable(String key) {
        if (key == null || key.isBlank()) {
            return;
        }
        key = key.strip();
        if (key.length() > ApiKeyService.MAX_SECRET_LENGTH) {
            throw new InvalidSettingException(PROPERTY + " has " + key.length() + " characters; a key is checked only "
                    + "up to " + ApiKeyService.MAX_SECRET_LENGTH + ", so this one could never be used");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new InvalidSettingException(PROPERTY + " has a character that is not printable ASCII (at "
                        + "position " + (i + 1) + "): clients send such characters in other encodings than the server "
                        + "reads, so the key would not match; use letters, digits and punctuation");
            }
        }
    }

    /**
     * APP_BOOTSTRAP_RESET_ADMIN_PASSWORD is true or false (or unset): a typo ("ture") had stopped the start only after
     * the migration, in a stack trace that named neither the variable nor the values it takes (an audit).
     */
    public static void requireResetFlag(String value) {
        if (value != null && !value.isBlank() && !value.strip().equalsIgnoreCase("true")
                && !value.strip().equalsIgnoreCase("false")) {
            throw new InvalidSettingException("app.bootstrap.reset-admin-password (APP_BOOTSTRAP_RESET_ADMIN_PASSWORD) "
                    + "must be true or false, was '" + value + "'");
        }
    }

    /** True when this start created the first admin with APP_BOOTSTRAP_ADMIN_PASSWORD (the variable is used only then). */
    public boolean adminCreatedFromVariable() {
        return adminCreatedFromVariable;
    }

    /** True when this start created the first admin with a random password and printed it in this log. */
    public boolean adminPasswordPrinted() {
        return adminPasswordPrinted;
    }

    private void resetAdmin(Workspace workspace) {
        if (adminPassword == null || adminPassword.isBlank()) {
            throw new IllegalStateException("APP_BOOTSTRAP_RESET_ADMIN_PASSWORD is set without "
                    + "APP_BOOTSTRAP_ADMIN_PASSWORD: set that to the password user 'admin' should have");
        }
        if (adminPassword.getBytes(StandardCharsets.UTF_8).length > UserAccountService.MAX_PASSWORD_BYTES) {
            throw new IllegalStateException("APP_BOOTSTRAP_ADMIN_PASSWORD is longer than "
                    + UserAccountService.MAX_PASSWORD_BYTES + " bytes, more than bcrypt can check; choose a shorter one");
        }
        users.resetAdmin(workspace.id(), adminPassword);
        adminCreatedFromVariable = true;
        log.warn("User 'admin' now has the password from APP_BOOTSTRAP_ADMIN_PASSWORD and the admin role "
                + "(APP_BOOTSTRAP_RESET_ADMIN_PASSWORD is set); its sessions end at their next request. Remove "
                + "APP_BOOTSTRAP_RESET_ADMIN_PASSWORD now: while it is set, every start resets the password again{}",
                adminPassword.length() < UserAccountService.MIN_PASSWORD_LENGTH ? ". The password is shorter than the "
                        + UserAccountService.MIN_PASSWORD_LENGTH + " characters the dashboard asks of every other: "
                        + "change it after signing in" : "");
    }

    private void createFirstAdmin(Workspace workspace) {
        boolean generated = adminPassword == null || adminPassword.isBlank();
        String password = generated ? Ids.randomToken(20) : adminPassword;
        if (password.getBytes(StandardCharsets.UTF_8).length > UserAccountService.MAX_PASSWORD_BYTES) {
            // failing the start beats starting without a user anybody can sign in as
            throw new IllegalStateException("APP_BOOTSTRAP_ADMIN_PASSWORD is longer than "
                    + UserAccountService.MAX_PASSWORD_BYTES + " bytes, more than bcrypt can check; choose a shorter one");
        }
        try {
            users.createFirstAdmin(workspace.id(), password);
        } catch (ValidationException | DuplicateKeyException raced) {
            // the password was checked above, so what is left is the name: another instance created it first
            log.info("The first admin was created by another instance");
            return;
        }
        adminCreatedFromVariable = !generated;
        adminPasswordPrinted = generated;
        if (generated) {
            log.warn("\n\n    Created the first admin. Sign in as user 'admin' with password: {}\n"
                    + "    (printed once. To choose it instead, set APP_BOOTSTRAP_ADMIN_PASSWORD before a database's first "
                    + "start;\n    later, APP_BOOTSTRAP_RESET_ADMIN_PASSWORD=true with it sets it again: docs/operations.md)\n",
                    password);
        } else if (password.length() < UserAccountService.MIN_PASSWORD_LENGTH) {
            log.warn("Created the first admin 'admin' with the password from APP_BOOTSTRAP_ADMIN_PASSWORD, which is "
                    + "shorter than the {} characters the dashboard asks of every other password: change it after "
                    + "signing in (Change password)", UserAccountService.MIN_PASSWORD_LENGTH);
        } else {
            log.info("Created the first admin 'admin' with the password from APP_BOOTSTRAP_ADMIN_PASSWORD");
        }
    }
}
