package io.connectionhealth.workspace;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who changed access to a workspace is in the log once the change is committed: users added, removed, made admin or
 * viewer, passwords set or changed, keys made and revoked, and the retention (it decides what is deleted); never a password or a key's secret, and nothing for a
 * change that was rolled back.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccessAuditTest extends ServiceTest {

    @Autowired
    ApiKeyService keys;
    @Autowired
    UserAccountService users;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void eachChangeOfAccessIsLoggedWithWhoMadeIt(CapturedOutput output) {
        Actor admin = newWorkspace();
        String ws = admin.workspaceId();
        CreatedApiKey key = keys.create(admin, "worker", ApiKeyAccess.REPORT);
        keys.revoke(admin, key.key().id());
        String name = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(admin, "keeper-" + name, "a-long-password-0", Actor.Role.ADMIN); // ops is then not the last admin
        UserAccount ops = users.create(admin, name, "a-long-password-1", Actor.Role.VIEWER);
        users.changeRole(admin, ops.id(), Actor.Role.ADMIN);
        users.setPassword(admin, ops.id(), "another-password-2");
        users.remove(admin, ops.id());
        workspaces.updateRetention(admin, 90);
        workspaces.updateRetention(admin, 1);

        assertThat(output.getAll())
                .contains("API key 'worker' (" + key.key().id() + ", access REPORT) of workspace " + ws + " created by "
                        + admin.who())
                .contains("API key 'worker' (" + key.key().id() + ") of workspace " + ws + " revoked by " + admin.who())
                .contains("User '" + name + "' (VIEWER) added to workspace " + ws + " by " + admin.who())
                .contains("User '" + name + "' of workspace " + ws + " made ADMIN (was VIEWER) by " + admin.who())
                .contains("Password of user '" + name + "' of workspace " + ws + " set by " + admin.who())
                .contains("User '" + name + "' (ADMIN) of workspace " + ws + " removed by " + admin.who())
                .as("retention decides what is deleted").contains("Retention of workspace " + ws
                        + " set to 90 days (was 60 days) by " + admin.who())
                .contains("Retention of workspace " + ws + " set to 1 day (was 90 days) by " + admin.who())
                .doesNotContain(key.secret()).doesNotContain("a-long-password-1").doesNotContain("another-password-2");
    }

    @Test
    void aChangeRolledBackIsNotLogged(CapturedOutput output) {
        Actor admin = newWorkspace();
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            keys.create(admin, "rolled-back-key", ApiKeyAccess.FULL);
            throw ValidationException.of("x", "fails later in the same transaction");
        })).isInstanceOf(ValidationException.class);
        assertThat(output.getAll()).doesNotContain("rolled-back-key");
    }
}
