package io.connectionhealth.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SPEC §6: APP_BOOTSTRAP_ADMIN_PASSWORD sets the first admin's password, also one shorter than the dashboard's rule
 * (it was silently dropped, leaving no user at all); one bcrypt cannot take fails the start instead.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:bootstrap-short;DB_CLOSE_DELAY=-1",
        "app.bootstrap.admin-password=admin"})
@ExtendWith(OutputCaptureExtension.class)
class BootstrapPasswordTest {

    @Autowired
    WorkspaceService workspaces;
    @Autowired
    UserAccountService users;
    @Autowired
    ApiKeyService apiKeys;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aShortPasswordIsTheOperatorsChoiceAndOneTooLongForBcryptStopsTheStart() {
        assertThat(passwordEncoder.matches("admin", users.loadUserByUsername("admin").getPassword())).isTrue();

        jdbc.sql("delete from app_user").update();
        Bootstrap tooLong = new Bootstrap(workspaces, users, apiKeys, "é".repeat(37), "", false);
        assertThatThrownBy(tooLong::afterSingletonsInstantiated).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("APP_BOOTSTRAP_ADMIN_PASSWORD").hasMessageContaining("72 bytes");
        assertThat(users.anyUserExists()).isFalse();

        new Bootstrap(workspaces, users, apiKeys, "x".repeat(72), "", false).afterSingletonsInstantiated();
        assertThat(passwordEncoder.matches("x".repeat(72), users.loadUserByUsername("admin").getPassword())).isTrue();
    }

    /** Set after the first start, the variable changes nothing: the log says so, and how to set it after all. */
    @Test
    void aPasswordSetOnceTheDatabaseHasUsersIsSaidToBeUnused(CapturedOutput output) {
        new Bootstrap(workspaces, users, apiKeys, "admin", "", false).afterSingletonsInstantiated();
        assertThat(output.getOut()).as("the admin's password: in force, nothing to say")
                .doesNotContain("APP_BOOTSTRAP_ADMIN_PASSWORD is not used");

        new Bootstrap(workspaces, users, apiKeys, "chosen-after-the-first-start", "", false).afterSingletonsInstantiated();
        assertThat(output.getOut()).contains("APP_BOOTSTRAP_ADMIN_PASSWORD is not used")
                .contains("APP_BOOTSTRAP_RESET_ADMIN_PASSWORD=true");
        assertThat(passwordEncoder.matches("admin", users.loadUserByUsername("admin").getPassword())).isTrue();
    }

    @Test
    void theOperatorResetsTheAdminsForgottenPasswordAndRoleAndBringsTheUserBackIfRemoved() {
        users.create(io.connectionhealth.base.Actor.system(WorkspaceService.DEFAULT_WORKSPACE_ID), "other-admin", "a-long-password",
                io.connectionhealth.base.Actor.Role.ADMIN);
        jdbc.sql("update app_user set role = 'VIEWER' where username = 'admin'").update();
        String stampBefore = users.credentialStamp("admin").orElseThrow();

        new Bootstrap(workspaces, users, apiKeys, "recovered-password", "", true).afterSingletonsInstantiated();
        assertThat(passwordEncoder.matches("recovered-password", users.loadUserByUsername("admin").getPassword())).isTrue();
        assertThat(users.find("admin").orElseThrow().role()).isEqualTo(io.connectionhealth.base.Actor.Role.ADMIN);
        assertThat(users.credentialStamp("admin")).as("its open sessions end").isNotEqualTo(java.util.Optional.of(stampBefore));
        assertThat(passwordEncoder.matches("a-long-password", users.loadUserByUsername("other-admin").getPassword()))
                .as("no one else touched").isTrue();

        jdbc.sql("delete from app_user where username = 'admin'").update();
        new Bootstrap(workspaces, users, apiKeys, "recovered-again", "", true).afterSingletonsInstantiated();
        assertThat(users.find("admin").orElseThrow().workspaceId()).isEqualTo(WorkspaceService.DEFAULT_WORKSPACE_ID);

        assertThatThrownBy(() -> new Bootstrap(workspaces, users, apiKeys, "", "", true).afterSingletonsInstantiated())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("without APP_BOOTSTRAP_ADMIN_PASSWORD");
        jdbc.sql("delete from app_user where username = 'other-admin'").update();
        // as the context's own start left it, for the other test
        new Bootstrap(workspaces, users, apiKeys, "admin", "", true).afterSingletonsInstantiated();
    }
}
