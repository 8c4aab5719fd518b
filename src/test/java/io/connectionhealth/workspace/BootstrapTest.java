package io.connectionhealth.workspace;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.PageRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §6 bootstrap on an empty database of its own: the admin's password and the fixed API key. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:bootstrap;DB_CLOSE_DELAY=-1",
        "app.bootstrap.admin-password=correct-horse-battery",
        "app.bootstrap.api-key=chk_bootstrap_fixed_key"})
class BootstrapTest {

    @Autowired
    UserAccountService users;
    @Autowired
    ApiKeyService apiKeys;
    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void createsTheAdminWithTheGivenPasswordAndMakesTheKeyValidForTheDefaultWorkspace() {
        UserAccount admin = users.find("admin").orElseThrow();
        assertThat(admin.role()).isEqualTo(Actor.Role.ADMIN);
        assertThat(admin.workspaceId()).isEqualTo(WorkspaceService.DEFAULT_WORKSPACE_ID);
        assertThat(passwordEncoder.matches("correct-horse-battery",
                users.loadUserByUsername("admin").getPassword())).isTrue();
        assertThat(apiKeys.authenticate("chk_bootstrap_fixed_key")).get()
                .extracting(ApiKey::workspaceId).isEqualTo(WorkspaceService.DEFAULT_WORKSPACE_ID);
        assertThat(apiKeys.authenticate("chk_bootstrap_fixed_key")).get().extracting(ApiKey::createdBy)
                .as("Settings → API keys says who made it").isEqualTo("APP_BOOTSTRAP_API_KEY");
        // a short key chosen by the operator is shown by a third of it at most, never whole
        assertThat(apiKeys.list(Actor.system(WorkspaceService.DEFAULT_WORKSPACE_ID), PageRequest.of(100, 0))).extracting(ApiKey::prefix)
                .contains("chk_boo");
    }

    @Test
    void aRevokedKeyNoLongerAuthenticatesAndNoSecretIsStored() {
        Actor admin = Actor.system(WorkspaceService.DEFAULT_WORKSPACE_ID);
        CreatedApiKey created = apiKeys.create(admin, "temporary", ApiKeyAccess.FULL);
        assertThat(apiKeys.authenticate(created.secret())).isPresent();
        assertThat(apiKeys.list(admin, PageRequest.of(100, 0))).extracting(ApiKey::prefix).contains(created.key().prefix());
        assertThat(created.key().prefix()).hasSize(12).isNotEqualTo(created.secret());
        assertThat(apiKeys.revoke(admin, created.key().id())).isTrue();
        assertThat(apiKeys.authenticate(created.secret())).isEmpty();
        assertThat(apiKeys.revoke(admin, created.key().id())).as("already revoked: said so").isFalse();
        // revoking the bootstrap key is undone by the next start: the environment says it is valid
        assertThat(apiKeys.authenticate("chk_bootstrap_fixed_key")).isPresent();
    }

    @Test
    void theLongestKeyTheBootstrapAcceptsAuthenticates() {
        String longest = "k".repeat(ApiKeyService.MAX_SECRET_LENGTH);
        apiKeys.ensureKey(WorkspaceService.DEFAULT_WORKSPACE_ID, "longest", longest);
        assertThat(apiKeys.authenticate(longest)).isPresent();
        assertThat(apiKeys.authenticate(longest + "k")).isEmpty();
    }
}
