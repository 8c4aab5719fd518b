package io.connectionhealth.workspace;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ForbiddenException;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The workspace's dashboard users: who may manage them, and the rules that keep a workspace reachable (a last admin,
 * no one removing themselves), also when two admins act at the same moment. The Settings page's walk is in
 * SettingsViewTest; this is the service on each database.
 */
class UserAccountServiceTest extends ServiceTest {

    @Autowired
    UserAccountService users;
    @Autowired
    JdbcClient jdbc;

    private UserAccount user(Actor admin, String name, Actor.Role role) {
        return users.create(admin, name + "-" + UUID.randomUUID().toString().substring(0, 8), "a-long-password", role);
    }

    private long admins(String workspaceId) {
        return jdbc.sql("select count(*) from app_user where workspace_id = ? and role = 'ADMIN'").param(workspaceId)
                .query(Long.class).single();
    }

    @Test
    void aViewerManagesNoUsers() {
        Actor admin = newWorkspace();
        UserAccount viewer = user(admin, "viewer", Actor.Role.VIEWER);
        UserAccount other = user(admin, "other", Actor.Role.VIEWER);
        Actor asViewer = viewer.actor();
        assertThatThrownBy(() -> users.create(asViewer, "sneaky", "a-long-password", Actor.Role.ADMIN))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> users.changeRole(asViewer, viewer.id(), Actor.Role.ADMIN))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> users.setPassword(asViewer, other.id(), "another-password"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> users.remove(asViewer, other.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> users.list(asViewer, io.connectionhealth.base.PageRequest.of(10, 0)))
                .isInstanceOf(ForbiddenException.class);
        assertThat(users.find(viewer.username()).orElseThrow().role()).isEqualTo(Actor.Role.VIEWER);
        assertThat(users.find("sneaky")).isEmpty();
    }

    @Test
    void anotherWorkspacesUserIsNotFoundAndStaysAsItWas() {
        Actor admin = newWorkspace();
        UserAccount stranger = user(newWorkspace(), "stranger", Actor.Role.ADMIN);
        String stamp = users.credentialStamp(stranger.username()).orElseThrow();
        assertThatThrownBy(() -> users.remove(admin, stranger.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.changeRole(admin, stranger.id(), Actor.Role.VIEWER))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.setPassword(admin, stranger.id(), "another-password"))
                .isInstanceOf(NotFoundException.class);
        assertThat(users.find(stranger.username()).orElseThrow().role()).isEqualTo(Actor.Role.ADMIN);
        assertThat(users.credentialStamp(stranger.username())).contains(stamp);
        assertThat(users.hasPassword(stranger.username(), "a-long-password")).isTrue();
    }

    @Test
    void theLastAdminStaysAnAdminAndNobodyRemovesThemselves() {
        Actor system = newWorkspace();
        UserAccount only = user(system, "only", Actor.Role.ADMIN);
        UserAccount viewer = user(system, "viewer", Actor.Role.VIEWER);
        Actor me = only.actor();
        assertThatThrownBy(() -> users.remove(me, only.id())).isInstanceOf(ValidationException.class)
                .hasMessageContaining("you cannot remove yourself");
        assertThatThrownBy(() -> users.changeRole(me, only.id(), Actor.Role.VIEWER))
                .isInstanceOf(ValidationException.class).hasMessageContaining("another admin changes yours");
        // through an API key with full access (no user of the workspace acting): still not its last admin
        assertThatThrownBy(() -> users.remove(system, only.id())).isInstanceOf(ValidationException.class)
                .hasMessageContaining("last admin");
        assertThatThrownBy(() -> users.changeRole(system, only.id(), Actor.Role.VIEWER))
                .isInstanceOf(ValidationException.class).hasMessageContaining("last admin");
        users.changeRole(me, viewer.id(), Actor.Role.ADMIN);
        users.changeRole(users.find(viewer.username()).orElseThrow().actor(), only.id(), Actor.Role.VIEWER);
        assertThat(users.find(only.username()).orElseThrow().role()).isEqualTo(Actor.Role.VIEWER);
        assertThat(admins(system.workspaceId())).isOne();
    }

    @Test
    void aNewPasswordOrRoleEndsTheUsersSessions() {
        Actor admin = newWorkspace();
        UserAccount viewer = user(admin, "forgetful", Actor.Role.VIEWER);
        String before = users.credentialStamp(viewer.username()).orElseThrow();
        users.setPassword(admin, viewer.id(), "a-new-long-password");
        String afterPassword = users.credentialStamp(viewer.username()).orElseThrow();
        assertThat(afterPassword).isNotEqualTo(before);
        assertThat(users.hasPassword(viewer.username(), "a-new-long-password")).isTrue();
        users.changeRole(admin, viewer.id(), Actor.Role.ADMIN);
        assertThat(users.credentialStamp(viewer.username()).orElseThrow()).isNotEqualTo(afterPassword);
    }

    @Test
    void twoAdminsDemotingOrRemovingEachOtherAtOnceLeaveOneAdmin() {
        // two threads of their own: the common pool has one on a 2-core machine, which ran the two in turn
        ExecutorService admins = Executors.newFixedThreadPool(2);
        try {
            List<BiConsumer<Actor, UserAccount>> actions = List.of(
                    (by, whom) -> users.changeRole(by, whom.id(), Actor.Role.VIEWER),
                    (by, whom) -> users.remove(by, whom.id()));
            for (BiConsumer<Actor, UserAccount> action : actions) {
                for (int round = 0; round < 5; round++) {
                    Actor system = newWorkspace();
                    UserAccount a = user(system, "a", Actor.Role.ADMIN);
                    UserAccount b = user(system, "b", Actor.Role.ADMIN);
                    CountDownLatch start = new CountDownLatch(1);
                    List<CompletableFuture<Boolean>> both = List.of(
                            CompletableFuture.supplyAsync(() -> act(start, () -> action.accept(a.actor(), b)), admins),
                            CompletableFuture.supplyAsync(() -> act(start, () -> action.accept(b.actor(), a)), admins));
                    start.countDown();
                    assertThat(both.stream().map(CompletableFuture::join).filter(done -> done)).hasSize(1);
                    assertThat(admins(system.workspaceId())).as("round %s", round).isOne();
                }
            }
        } finally {
            admins.shutdown();
        }
    }

    /** Runs the action once {@code start} opens: true if it was done, false if refused as the last admin's. */
    private static boolean act(CountDownLatch start, Runnable action) {
        try {
            start.await();
            action.run();
            return true;
        } catch (ValidationException refused) {
            assertThat(refused.getMessage()).contains("last admin");
            return false;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
