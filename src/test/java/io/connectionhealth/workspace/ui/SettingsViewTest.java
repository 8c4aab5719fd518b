package io.connectionhealth.workspace.ui;

import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;
import com.github.mvysny.kaributesting.v10.ShortcutsKt;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import io.connectionhealth.base.ui.Confirmation;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.textfield.TextField;
import io.connectionhealth.notification.ui.NotificationSettingsForm;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ForbiddenException;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ui.KaribuTest;
import io.connectionhealth.notification.EventType;
import io.connectionhealth.notification.NotificationSettings;
import io.connectionhealth.notification.NotificationSettingsService;
import io.connectionhealth.notification.ui.WebhookEndpointPanel;
import io.connectionhealth.workspace.ApiKey;
import io.connectionhealth.workspace.ApiKeyAccess;
import io.connectionhealth.workspace.ApiKeyService;
import io.connectionhealth.workspace.UserAccount;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNoNotifications;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsViewTest extends KaribuTest {

    @Autowired
    NotificationSettingsService notificationSettings;
    @Autowired
    io.connectionhealth.notification.WebhookService webhooks;
    @Autowired
    ApiKeyService apiKeys;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    JdbcClient jdbc;

    private SettingsView open() {
        navigate("settings");
        return _get(SettingsView.class);
    }

    /** Lines of text keep a readable width; the delivery log, read row after row, takes the page's. */
    @Test
    void theDeliveryLogAloneTakesThePagesWidth() {
        signIn(Actor.Role.ADMIN);
        SettingsView view = open();
        assertThat(view.getStyle().get("max-width")).isNull();
        assertThat(view.deliveryLog.getStyle().get("max-width")).isNull();
        assertThat(view.deliveryLog.getParent().orElseThrow().getElement().getStyle().get("max-width")).isNull();
        assertThat(view.getChildren().filter(c -> c != view.deliveryLog.getParent().orElseThrow()))
                .hasSizeGreaterThan(5).allSatisfy(c -> assertThat(c.getElement().getStyle().get("max-width"))
                        .isEqualTo(SettingsView.READABLE_WIDTH));
        assertThat(view.deliveryLog.getParent().orElseThrow().getChildren().filter(c -> c != view.deliveryLog))
                .singleElement().satisfies(c -> assertThat(c.getElement().getStyle().get("max-width"))
                        .isEqualTo(SettingsView.READABLE_WIDTH));
    }

    @Test
    void aSaveDoesNotSilentlyUndoAChangeMadeElsewhereMeanwhile() {
        Actor me = signIn(Actor.Role.ADMIN);
        notificationSettings.update(me, "https://hooks.example.com/a", List.of(EventType.values()));
        NotificationSettingsForm form = open().notifications;
        // meanwhile, through the API: CONNECTION_CREATED only
        notificationSettings.update(admin, "https://hooks.example.com/a", List.of(EventType.CONNECTION_CREATED));

        _setValue(webhookUrl(), "https://hooks.example.com/b");
        _click(saveButton());
        Confirmation question = _get(Confirmation.class);
        assertThat(question.getHeaderTitle()).isEqualTo("Changed elsewhere meanwhile");
        assertThat(_get(question, Paragraph.class).getText())
                .contains("or through the API: CONNECTION_DELETED, CONNECTION_HEALTHY, CONNECTION_PAUSED, "
                        + "CONNECTION_UNHEALTHY, CONNECTION_UNPAUSED, CONNECTION_UPDATED no longer sent. They now send")
                .contains("CONNECTION_CREATED to https://hooks.example.com/a");
        assertThat(notificationSettings.get(admin).url()).as("nothing saved yet").isEqualTo("https://hooks.example.com/a");

        // theirs shown: the page now edits what is saved, and a save goes through
        _click(_get(question, Button.class, spec -> spec.withId("show-theirs")));
        assertThat(webhookUrl().getValue()).isEqualTo("https://hooks.example.com/a");
        assertThat(webhookEvents().getValue()).containsExactly(EventType.CONNECTION_CREATED);
        assertThat(form.unsaved()).isFalse();
        _setValue(webhookUrl(), "https://hooks.example.com/b");
        _click(saveButton());
        assertThat(notificationSettings.get(admin).url()).isEqualTo("https://hooks.example.com/b");
        assertThat(notificationSettings.get(admin).events()).containsExactly(EventType.CONNECTION_CREATED);

        // or mine over theirs, when the admin says so: what this page changed (the URL), their event types kept
        notificationSettings.update(admin, "https://hooks.example.com/b", List.of(EventType.CONNECTION_DELETED));
        _setValue(webhookUrl(), "https://hooks.example.com/c");
        _click(saveButton());
        assertThat(_get(Confirmation.class).getElement().getTextRecursively())
                .contains("Save mine (your changes on this page: the URL; theirs to anything else are kept)");
        _click(_get(Confirmation.class).confirm);
        assertThat(notificationSettings.get(admin).url()).isEqualTo("https://hooks.example.com/c");
        assertThat(notificationSettings.get(admin).events()).containsExactly(EventType.CONNECTION_DELETED);
        assertThat(webhookEvents().getValue()).as("the page shows what was saved").containsExactly(EventType.CONNECTION_DELETED);

        // only the event types changed here, the URL through the API: Save mine keeps their URL (it had put back its own)
        notificationSettings.update(admin, "https://hooks.example.com/api", List.of(EventType.CONNECTION_DELETED));
        _setValue(webhookEvents(), java.util.Set.of(EventType.CONNECTION_DELETED, EventType.CONNECTION_HEALTHY));
        _click(saveButton());
        // and a third change while the question is open: asked again, not saved over
        notificationSettings.update(admin, "https://hooks.example.com/api2", List.of(EventType.CONNECTION_DELETED));
        _click(_get(Confirmation.class).confirm);
        List<Confirmation> asked = _find(Confirmation.class);
        assertThat(asked).hasSize(1);
        assertThat(asked.getFirst().getElement().getTextRecursively()).contains("to https://hooks.example.com/api2");
        assertThat(notificationSettings.get(admin).url()).isEqualTo("https://hooks.example.com/api2");
        _click(asked.getFirst().confirm);
        assertThat(notificationSettings.get(admin).url()).isEqualTo("https://hooks.example.com/api2");
        assertThat(notificationSettings.get(admin).events())
                .containsExactlyInAnyOrder(EventType.CONNECTION_DELETED, EventType.CONNECTION_HEALTHY);

        // event types changed on both sides: each side's change of a type stands (theirs had been undone)
        notificationSettings.update(admin, "https://hooks.example.com/api2", List.of(EventType.values()));
        _click(saveButton()); // nothing changed here: shows theirs
        _setValue(webhookEvents(), java.util.EnumSet.complementOf(java.util.EnumSet.of(EventType.CONNECTION_HEALTHY)));
        notificationSettings.update(admin, "https://hooks.example.com/api2", List.copyOf(
                java.util.EnumSet.complementOf(java.util.EnumSet.of(EventType.CONNECTION_UNPAUSED))));
        _click(saveButton());
        assertThat(_get(Confirmation.class).getElement().getTextRecursively())
                .contains("through the API: CONNECTION_UNPAUSED no longer sent")
                .contains("Save mine (your changes on this page: CONNECTION_HEALTHY no longer sent; theirs to anything "
                        + "else are kept)");
        _click(_get(Confirmation.class).confirm);
        assertThat(notificationSettings.get(admin).events()).doesNotContain(EventType.CONNECTION_HEALTHY,
                EventType.CONNECTION_UNPAUSED).hasSize(EventType.values().length - 2);

        // nothing changed here: no question, theirs shown
        notificationSettings.update(admin, "https://hooks.example.com/f", List.of(EventType.CONNECTION_DELETED));
        _click(saveButton());
        _assertNone(Confirmation.class);
        assertThat(webhookUrl().getValue()).isEqualTo("https://hooks.example.com/f");
        assertThat(form.unsaved()).isFalse();

        // saved meanwhile to just what this page saves: nothing would be lost, no question
        notificationSettings.update(admin, "https://hooks.example.com/e", List.of(EventType.CONNECTION_DELETED));
        _setValue(webhookUrl(), "https://hooks.example.com/e");
        _click(saveButton());
        _assertNone(Confirmation.class);
        assertThat(notificationSettings.get(admin).url()).isEqualTo("https://hooks.example.com/e");

        // a rotation of the secret meanwhile changes neither: no question
        webhooks.rotateSecret(admin);
        _setValue(webhookUrl(), "https://hooks.example.com/d");
        _click(saveButton());
        assertThat(notificationSettings.get(admin).url()).isEqualTo("https://hooks.example.com/d");
    }

    @Test
    void theUsernameStaysBesideTheActionsReachedSidewaysOnAPhone() {
        signIn(Actor.Role.ADMIN);
        UsersPanel panel = open().users;
        assertThat(panel.grid.getColumnByKey("username").isFrozen()).isTrue();
        assertThat(panel.grid.getColumns().stream().filter(com.vaadin.flow.component.grid.Grid.Column::isFrozen))
                .as("nothing else: the actions must have room to scroll in").hasSize(1);
    }

    @Test
    void afterAnAdminIsAddedTheRoleIsBackToViewerForTheNextUser() {
        signIn(Actor.Role.ADMIN);
        UsersPanel panel = open().users;
        _setValue(panel.username, "second-admin");
        _setValue(panel.password, "a-long-password");
        _setValue(panel.role, Actor.Role.ADMIN);
        _click(panel.add);
        expectNotifications("User second-admin added as an admin.");
        assertThat(users.find("second-admin").orElseThrow().role()).isEqualTo(Actor.Role.ADMIN);
        assertThat(panel.role.getValue()).isEqualTo(Actor.Role.VIEWER);

        _setValue(panel.username, "next-one");
        _setValue(panel.password, "a-long-password");
        _click(panel.add);
        assertThat(users.find("next-one").orElseThrow().role()).isEqualTo(Actor.Role.VIEWER);
    }

    @Test
    void anAdminAddsAViewerAndRemovesThemButNotThemselvesOrTheLastAdmin() {
        Actor me = signIn(Actor.Role.ADMIN);
        UsersPanel panel = open().users;
        _setValue(panel.username, "ops-viewer");
        _setValue(panel.password, "short");
        _click(panel.add);
        assertThat(panel.password.isInvalid()).isTrue();
        assertThat(panel.password.getErrorMessage()).contains("at least 8");
        assertThat(users.find("ops-viewer")).isEmpty();

        _setValue(panel.password, "        ");
        _click(panel.add);
        assertThat(panel.password.getErrorMessage()).contains("must not be only spaces");
        assertThat(users.find("ops-viewer")).isEmpty();

        _setValue(panel.password, "a-long-password");
        _click(panel.add);
        expectNotifications("User ops-viewer added as a viewer.");
        UserAccount viewer = users.find("ops-viewer").orElseThrow();
        assertThat(viewer.role()).isEqualTo(Actor.Role.VIEWER);
        assertThat(viewer.workspaceId()).isEqualTo(me.workspaceId());
        assertThat(_findAll(panel.grid).stream().map(UserAccount::username)).contains("ops-viewer", me.id());

        _setValue(panel.username, "ops-viewer");
        _setValue(panel.password, "a-long-password");
        _click(panel.add);
        assertThat(panel.username.getErrorMessage()).contains("already taken");
        _setValue(panel.username, "OPS-Viewer");
        _click(panel.add);
        assertThat(panel.username.getErrorMessage()).as("a look-alike in another case").contains("already taken");
        assertThat(users.find("OPS-Viewer")).isEmpty();
        users.create(me, "added-elsewhere", "a-long-password", Actor.Role.VIEWER); // by another admin meanwhile
        _setValue(panel.username, "added-elsewhere");
        _click(panel.add);
        assertThat(panel.username.getErrorMessage()).contains("already taken");
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._size(panel.grid))
                .as("the list shows who holds the name, and every other user").isEqualTo(users.count(me));

        _fireConfirmRemove(panel, "ops-viewer");
        assertThat(users.find("ops-viewer")).isEmpty();

        assertThatThrownBy(() -> users.remove(me, users.find(me.id()).orElseThrow().id()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("yourself");
        String elsewhere = workspaces.create("Users test " + UUID.randomUUID()).id();
        UserAccount solo = users.create(Actor.system(elsewhere), "solo-" + UUID.randomUUID(), "a-long-password",
                Actor.Role.ADMIN);
        assertThatThrownBy(() -> users.remove(Actor.ui(elsewhere, Actor.Role.ADMIN, "another-admin"), solo.id()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("last admin");
        assertThat(users.find(solo.username())).isPresent();
        assertThatThrownBy(() -> users.create(Actor.system(elsewhere), "a-key-role", "a-long-password", Actor.Role.REPORTER))
                .as("an API key's role, never a user's").isInstanceOf(ValidationException.class);
    }

    @Test
    void actingOnAUserAnotherAdminRemovedMeanwhileSaysSoAndRefreshesTheList() {
        Actor me = signIn(Actor.Role.ADMIN);
        UsersPanel panel = open().users;
        UserAccount gone = users.create(Actor.system(me.workspaceId()), "gone-" + UUID.randomUUID(), "a-long-password",
                Actor.Role.VIEWER);
        panel.refreshUsers();

        _click(rowButton(panel, gone.username(), "set-password"));
        SetPasswordDialog dialog = _get(SetPasswordDialog.class);
        users.remove(me, gone.id()); // another admin, elsewhere
        _setValue(dialog.replacement, "a-new-password");
        _setValue(dialog.repeated, "a-new-password");
        _click(dialog.save);
        _assertNone(SetPasswordDialog.class);
        expectNotifications(gone.username() + " was removed meanwhile (by another admin); the list is up to date now.");
        assertThat(_findAll(panel.grid).stream().map(UserAccount::username)).doesNotContain(gone.username());

        for (String action : List.of("role-change", "remove")) {
            UserAccount stale = users.create(Actor.system(me.workspaceId()), action + "-" + UUID.randomUUID(),
                    "a-long-password", Actor.Role.VIEWER);
            panel.refreshUsers();
            _click(rowButton(panel, stale.username(), action));
            users.remove(me, stale.id());
            _click(_get(Confirmation.class).confirm);
            expectNotifications(stale.username() + " was removed meanwhile (by another admin); the list is up to date now.");
            assertThat(_findAll(panel.grid).stream().map(UserAccount::username)).doesNotContain(stale.username());
        }
    }

    @Test
    void anAdminAddsNothingWithoutAUsernameAndSaysSoBesideThePassword() {
        signIn(Actor.Role.ADMIN);
        UsersPanel panel = open().users;
        _click(panel.add);
        assertThat(panel.username.isInvalid()).isTrue();
        assertThat(panel.username.getErrorMessage()).isEqualTo("The username is required");
        assertThat(panel.password.isInvalid()).isTrue();
        _setValue(panel.password, "a-long-password");
        _click(panel.add);
        assertThat(panel.username.getErrorMessage()).as("a good password leaves the username's own message")
                .isEqualTo("The username is required");
    }

    @Test
    void anAdminMakesAViewerAnAdminAndBackAndTheirSessionsEnd() {
        Actor me = signIn(Actor.Role.ADMIN);
        UsersPanel panel = open().users;
        UserAccount viewer = users.create(Actor.system(me.workspaceId()), "promoted-" + UUID.randomUUID(),
                "a-long-password", Actor.Role.VIEWER);
        String stampBefore = users.credentialStamp(viewer.username()).orElseThrow();
        panel.refreshUsers();
        assertThat(rowButton(panel, me.id(), "role-change").isEnabled()).as("one's own: another admin's").isFalse();

        _click(rowButton(panel, viewer.username(), "role-change"));
        _click(_get(Confirmation.class).confirm);
        expectNotifications(viewer.username() + " is now an admin.");
        assertThat(users.find(viewer.username()).orElseThrow().role()).isEqualTo(Actor.Role.ADMIN);
        assertThat(users.credentialStamp(viewer.username())).as("their sessions end").isNotEqualTo(Optional.of(stampBefore));
        assertThat(rowButton(panel, viewer.username(), "role-change").getText()).isEqualTo("Make viewer");

        _click(rowButton(panel, viewer.username(), "role-change"));
        _click(_get(Confirmation.class).cancel);
        assertThat(users.find(viewer.username()).orElseThrow().role()).isEqualTo(Actor.Role.ADMIN);
        _click(rowButton(panel, viewer.username(), "role-change"));
        _click(_get(Confirmation.class).confirm);
        assertThat(users.find(viewer.username()).orElseThrow().role()).isEqualTo(Actor.Role.VIEWER);

        assertThatThrownBy(() -> users.changeRole(me, users.find(me.id()).orElseThrow().id(), Actor.Role.VIEWER))
                .isInstanceOf(ValidationException.class).hasMessageContaining("another admin");
        String elsewhere = workspaces.create("Users test " + UUID.randomUUID()).id();
        UserAccount solo = users.create(Actor.system(elsewhere), "solo-" + UUID.randomUUID(), "a-long-password",
                Actor.Role.ADMIN);
        assertThatThrownBy(() -> users.changeRole(Actor.ui(elsewhere, Actor.Role.ADMIN, "another-admin"), solo.id(),
                Actor.Role.VIEWER)).isInstanceOf(ValidationException.class).hasMessageContaining("last admin");
        assertThatThrownBy(() -> users.changeRole(me, solo.id(), Actor.Role.VIEWER))
                .as("another workspace's user").isInstanceOf(io.connectionhealth.base.NotFoundException.class);
        assertThatThrownBy(() -> users.changeRole(Actor.ui(me.workspaceId(), Actor.Role.VIEWER, viewer.username()),
                viewer.id(), Actor.Role.ADMIN)).isInstanceOf(io.connectionhealth.base.ForbiddenException.class);
    }

    @Test
    void anAdminSetsThePasswordOfAUserWhoForgotTheirsButNotTheirOwn() {
        Actor me = signIn(Actor.Role.ADMIN);
        UsersPanel panel = open().users;
        UserAccount viewer = users.create(Actor.system(me.workspaceId()), "forgetful-" + UUID.randomUUID(),
                "the-old-password", Actor.Role.VIEWER);
        String stampBefore = users.credentialStamp(viewer.username()).orElseThrow();
        panel.refreshUsers();
        assertThat(rowButton(panel, me.id(), "set-password").isEnabled()).as("one's own: Change password").isFalse();

        _click(rowButton(panel, viewer.username(), "set-password"));
        SetPasswordDialog dialog = _get(SetPasswordDialog.class);
        _setValue(dialog.replacement, "short");
        _setValue(dialog.repeated, "short");
        _click(dialog.save);
        assertThat(dialog.replacement.getErrorMessage()).contains("at least 8");
        _setValue(dialog.replacement, "a-new-password");
        _click(dialog.save);
        assertThat(dialog.repeated.isInvalid()).as("does not match").isTrue();
        assertThat(users.credentialStamp(viewer.username())).contains(stampBefore);

        _setValue(dialog.repeated, "a-new-password");
        _click(dialog.save);
        _assertNone(SetPasswordDialog.class);
        expectNotifications("The password of " + viewer.username() + " is set; their open sessions are signed out.");
        assertThat(passwords.matches("a-new-password", users.loadUserByUsername(viewer.username()).getPassword())).isTrue();
        assertThat(users.credentialStamp(viewer.username())).as("their sessions end").isNotEqualTo(Optional.of(stampBefore));

        assertThatThrownBy(() -> users.setPassword(me, users.find(me.id()).orElseThrow().id(), "another-password"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Change password");
        String elsewhere = workspaces.create("Users test " + UUID.randomUUID()).id();
        UserAccount stranger = users.create(Actor.system(elsewhere), "stranger-" + UUID.randomUUID(), "a-long-password",
                Actor.Role.VIEWER);
        assertThatThrownBy(() -> users.setPassword(me, stranger.id(), "another-password"))
                .as("another workspace's user").isInstanceOf(NotFoundException.class);
        Actor viewerActor = users.find(viewer.username()).orElseThrow().actor();
        assertThatThrownBy(() -> users.setPassword(viewerActor, stranger.id(), "another-password"))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void theDeliveryLogsRefreshAlsoShowsTheEndpointsStateAsItIsNow() {
        Actor me = signIn(Actor.Role.ADMIN);
        notificationSettings.update(me, "https://hooks.example.com/in", List.of(EventType.values()));
        jdbc.sql("update notification_settings set state = 'failing', failing_since = ? where workspace_id = ?")
                .params(java.sql.Timestamp.from(clock.instant().minusSeconds(600)), me.workspaceId()).update();
        SettingsView view = open();
        assertThat(view.webhookDelivery.getElement().getOuterHTML()).contains("Failing since");
        // the receiver is back: a delivery (a replay, a resend, the next retry) ended the failing spell meanwhile
        jdbc.sql("update notification_settings set state = 'enabled', failing_since = null where workspace_id = ?")
                .param(me.workspaceId()).update();
        _click(_get(view.webhookDelivery, Button.class, spec -> spec.withText("Refresh")));
        assertThat(view.webhookDelivery.getElement().getOuterHTML()).doesNotContain("Failing since").contains("Enabled");
    }

    @Test
    void enterSubmitsTheKeyNameAndTheWebhookUrlButNotTheRetention() {
        Actor me = signIn(Actor.Role.ADMIN);
        SettingsView view = open();
        _setValue(view.apiKeys.name, "from the keyboard");
        ShortcutsKt._fireShortcut(view.apiKeys.name, Key.ENTER);
        assertThat(apiKeys.list(me, PageRequest.of(100, 0))).extracting(ApiKey::name).contains("from the keyboard");
        _get(Dialog.class).close();

        _setValue(webhookUrl(), "  https://hooks.example.com/enter ");
        ShortcutsKt._fireShortcut(webhookUrl(), Key.ENTER);
        assertThat(notificationSettings.get(me).url()).isEqualTo("https://hooks.example.com/enter");
        assertThat(webhookUrl().getValue()).as("the field shows what was stored").isEqualTo(
                "https://hooks.example.com/enter");

        // shortening asks first, with Cancel focused (checked in a browser): Enter alone deletes nothing
        _setValue(view.retention, "30");
        ShortcutsKt._fireShortcut(view.retention, Key.ENTER);
        _click(_get(Confirmation.class).cancel);
        assertThat(workspaces.get(me.workspaceId()).retentionDays()).isEqualTo(60);
        assertThat(view.retention.getValue()).as("the field goes back to what is in force").isEqualTo("60");
        _setValue(view.retention, "90");
        ShortcutsKt._fireShortcut(view.retention, Key.ENTER);
        assertThat(workspaces.get(me.workspaceId()).retentionDays()).isEqualTo(90);

        com.github.mvysny.kaributesting.v10.NotificationsKt.clearNotifications();
        _setValue(view.retention, "1");
        ShortcutsKt._fireShortcut(view.retention, Key.ENTER);
        assertThat(_get(Confirmation.class).getHeaderTitle()).isEqualTo("Keep logs for 1 day only?");
        Button confirm = _get(Confirmation.class).confirm;
        _click(confirm);
        _click(confirm); // a double click: the second arrives before the dialog is gone
        assertThat(workspaces.get(me.workspaceId()).retentionDays()).isEqualTo(1);
        expectNotifications("Retention saved. The older logs are being deleted now."); // once
    }

    private static Button rowButton(UsersPanel panel, String username, String column) {
        List<UserAccount> rows = _findAll(panel.grid);
        int row = rows.indexOf(rows.stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow());
        return (Button) _getCellComponent(panel.grid, row, column);
    }

    /** Keys outlive the admin who made them and saw their secrets: the list says who made each, and so does leaving. */
    @Test
    void removingOrDemotingAnAdminNamesTheKeysTheyMadeWhichStayValid() {
        Actor me = signIn(Actor.Role.ADMIN);
        String maker = "keymaker-" + UUID.randomUUID();
        users.create(Actor.system(me.workspaceId()), maker, "a-long-password", Actor.Role.ADMIN);
        apiKeys.create(Actor.ui(me.workspaceId(), Actor.Role.ADMIN, maker), "their-worker", ApiKeyAccess.REPORT);
        apiKeys.create(me, "my-worker", ApiKeyAccess.REPORT);
        SettingsView view = open();

        List<ApiKey> keys = _findAll(view.apiKeys.grid);
        assertThat(keys.stream().map(k -> k.name() + " by " + com.github.mvysny.kaributesting.v10.GridKt._getFormatted(
                view.apiKeys.grid, keys.indexOf(k),
                "made-by"))).contains("their-worker by " + maker, "my-worker by " + me.id());

        _click(rowButton(view.users, maker, "remove"));
        assertThat(_get(Confirmation.class).getElement().getTextRecursively())
                .contains("The API keys they made stay valid (they saw their secrets): '\u2068their-worker\u2069'.")
                .doesNotContain("my-worker");
        _click(_get(Confirmation.class).cancel);
        _click(rowButton(view.users, maker, "role-change"));
        assertThat(_get(Confirmation.class).getElement().getTextRecursively()).as("made a viewer")
                .contains("'\u2068their-worker\u2069'");
        _click(_get(Confirmation.class).cancel);
    }

    private static void _fireConfirmRemove(UsersPanel panel, String username) {
        List<UserAccount> rows = _findAll(panel.grid);
        int row = rows.indexOf(rows.stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow());
        _click((Button) _getCellComponent(panel.grid, row, "remove"));
        _click(_get(Confirmation.class).confirm);
    }

    @Test
    void leavingWithAnUnsavedUrlAsksFirst() {
        signIn(Actor.Role.ADMIN);
        open();
        navigate("connections");
        assertThat(currentLocation()).as("nothing typed: no question").isEqualTo("connections");

        open();
        _setValue(webhookUrl(), "https://example.com/typed-not-saved");
        navigate("connections");
        assertThat(currentLocation()).as("held while the question is open").isEqualTo("settings");
        _click(_get(Confirmation.class).cancel);
        assertThat(currentLocation()).isEqualTo("settings");
        assertThat(webhookUrl().getValue()).isEqualTo("https://example.com/typed-not-saved");

        navigate("connections");
        _click(_get(Confirmation.class).confirm);
        assertThat(currentLocation()).isEqualTo("connections");
        assertThat(notificationSettings.get(admin).url()).isNull();

        open();
        _setValue(webhookUrl(), "https://example.com/saved");
        _click(saveButton());
        navigate("connections");
        assertThat(currentLocation()).as("saved: no question").isEqualTo("connections");
    }

    @Test
    void aBadUrlShowsAnErrorAndSavesNothing() {
        signIn(Actor.Role.ADMIN);
        open();
        _setValue(webhookUrl(), "ftp://example.com/hook");
        pendingJavaScript();
        _click(saveButton());
        var focus = focusRequested(); // before a lookup: Karibu's lookups run a round trip, which empties the queue
        assertThat(webhookUrl().isInvalid()).isTrue();
        assertThat(webhookUrl().getErrorMessage()).contains("http or https");
        assertThat(focus).as("the field and its message brought into view (a phone had scrolled them off)")
                .map(FocusRequest::component).contains(webhookUrl());
        assertThat(notificationSettings.get(admin).url()).isNull();

        _setValue(webhookUrl(), "not a url at all");
        _click(saveButton());
        assertThat(webhookUrl().isInvalid()).isTrue();
        assertThat(webhookUrl().getErrorMessage()).startsWith("The URL must be a full http(s) URL such as https://");
        assertThat(notificationSettings.get(admin).url()).isNull();

        for (String port : List.of("99999", "0", "65536")) {
            _setValue(webhookUrl(), "http://hooks.example.com:" + port + "/x");
            _click(saveButton());
            assertThat(webhookUrl().getErrorMessage()).isEqualTo("The URL must name a port from 1 to 65535, was "
                    + Integer.parseInt(port));
            assertThat(notificationSettings.get(admin).url()).isNull();
        }
        _setValue(webhookUrl(), "http://hooks.example.com:65535/x");
        _click(saveButton());
        assertThat(webhookUrl().isInvalid()).isFalse();
        assertThat(notificationSettings.get(admin).url()).isEqualTo("http://hooks.example.com:65535/x");

        _setValue(webhookUrl(), "   ");
        _click(saveButton());
        assertThat(notificationSettings.get(admin).url()).as("an emptied URL is asked about first")
                .isEqualTo("http://hooks.example.com:65535/x");
        _click(_get(Confirmation.class).cancel);
        assertThat(notificationSettings.get(admin).url()).isEqualTo("http://hooks.example.com:65535/x");
        _click(saveButton());
        _click(_get(Confirmation.class).confirm);
        assertThat(notificationSettings.get(admin).url()).isNull();
        _click(saveButton());
        _assertNone(Confirmation.class); // nothing to remove any more
    }

    @Test
    void aUrlBeingTypedIsJudgedOnLeavingTheFieldThenKeptCurrentWhileCorrected() {
        signIn(Actor.Role.ADMIN);
        NotificationSettingsForm form = open().notifications;
        _setValue(webhookUrl(), "htt");
        assertThat(webhookUrl().isInvalid()).as("not while typing").isFalse();
        assertThat(form.unsaved()).as("known to the server at once: Back asks about it").isTrue();
        com.vaadin.flow.component.ComponentUtil.fireEvent(webhookUrl(),
                new com.vaadin.flow.component.BlurNotifier.BlurEvent<>(webhookUrl(), true));
        assertThat(webhookUrl().isInvalid()).isTrue();
        _setValue(webhookUrl(), "https://hooks.example.com/typed");
        assertThat(webhookUrl().isInvalid()).as("corrected: the error goes as soon as it is right").isFalse();
    }

    /** A new URL does not end a pause: the saved message says the endpoint stays disabled and how to resume. */
    @Test
    void savingAUrlWhileTheEndpointIsPausedSaysItStaysDisabled() {
        signIn(Actor.Role.ADMIN);
        notificationSettings.update(admin, "https://hooks.example.com/old", List.of(EventType.values()));
        webhooks.pause(admin);
        open();
        _setValue(webhookUrl(), "https://hooks.example.com/new");
        _click(saveButton());
        expectNotifications("Notification settings saved. The endpoint stays disabled: Re-enable endpoint sends the "
                + "waiting events.");
        assertThat(notificationSettings.get(admin).disabled()).isTrue();
    }

    @Test
    void savesTheUrlAndTheEventTypes() {
        signIn(Actor.Role.ADMIN);
        open();
        assertThat(webhookEvents().getValue()).containsExactlyInAnyOrder(EventType.values());
        _setValue(webhookUrl(), "https://hooks.example.com/connection-health");
        _setValue(webhookEvents(), Set.of(EventType.CONNECTION_HEALTHY, EventType.CONNECTION_UNHEALTHY));
        _assertOne(com.vaadin.flow.component.html.Span.class, spec -> spec.withText("No URL is set, so no events are sent."));
        _click(saveButton());
        expectNotifications("Notification settings saved.");
        // the endpoint panel on the same page shows the new URL at once
        _assertNone(com.vaadin.flow.component.html.Span.class, spec -> spec.withText("No URL is set, so no events are sent."));
        NotificationSettings saved = notificationSettings.get(admin);
        assertThat(saved.url()).isEqualTo("https://hooks.example.com/connection-health");
        assertThat(saved.events()).containsExactlyInAnyOrder(EventType.CONNECTION_HEALTHY, EventType.CONNECTION_UNHEALTHY);
        assertThat(webhookUrl().isInvalid()).isFalse();

        open();
        assertThat(webhookUrl().getValue()).isEqualTo("https://hooks.example.com/connection-health");
        assertThat(webhookEvents().getValue())
                .containsExactlyInAnyOrder(EventType.CONNECTION_HEALTHY, EventType.CONNECTION_UNHEALTHY);
    }

    @Test
    void eachEventTypeHasItsDescription() {
        signIn(Actor.Role.ADMIN);
        open();
        assertThat(webhookEvents().getItemLabelGenerator().apply(EventType.CONNECTION_PAUSED))
                .isEqualTo("CONNECTION_PAUSED — " + EventType.CONNECTION_PAUSED.description());
    }

    @Test
    void createsAKeyShowingTheSecretOnceAndRevokesIt() {
        signIn(Actor.Role.ADMIN);
        ApiKeysPanel keys = open().apiKeys;
        _setValue(keys.name, "integration layer");
        _click(keys.create);
        Dialog dialog = _get(Dialog.class);
        String secret = _get(dialog, TextField.class, spec -> spec.withId("new-key-secret")).getValue();
        assertThat(secret).startsWith("chk_");
        assertThat(apiKeys.authenticate(secret)).isPresent();
        _get(dialog, Button.class, spec -> spec.withText("Copy")); // focused once the browser opens it (Chromium)
        _click(_get(dialog, Button.class, spec -> spec.withText("I have copied it")));

        assertThat(_findAll(keys.grid)).extracting(ApiKey::name).containsExactly("integration layer");
        assertThat(apiKeys.authenticate(secret).orElseThrow().access()).as("what an integration layer needs, unless "
                + "more is chosen").isEqualTo(io.connectionhealth.workspace.ApiKeyAccess.REPORT);
        assertThat(keys.grid.getColumnByKey("revoke").isFrozenToEnd()).as("in reach where the grid scrolls sideways")
                .isTrue();
        _click((Button) _getCellComponent(keys.grid, 0, "revoke"));
        _click(_get(Confirmation.class).confirm);
        assertThat(apiKeys.list(admin, PageRequest.of(100, 0)).getFirst().isActive()).isFalse();
        assertThat(_findAll(keys.grid).getFirst().isActive()).isFalse();
    }

    @Test
    void aKeyForTheIntegrationLayerMayOnlyReportAndManageConnections() {
        signIn(Actor.Role.ADMIN);
        ApiKeysPanel keys = open().apiKeys;
        assertThat(keys.access.getValue()).isEqualTo(io.connectionhealth.workspace.ApiKeyAccess.REPORT);
        _setValue(keys.name, "status page");
        _setValue(keys.access, io.connectionhealth.workspace.ApiKeyAccess.READ);
        _click(keys.create);
        String secret = _get(_get(Dialog.class), TextField.class, spec -> spec.withId("new-key-secret")).getValue();
        assertThat(apiKeys.authenticate(secret).orElseThrow().access())
                .isEqualTo(io.connectionhealth.workspace.ApiKeyAccess.READ);
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormatted(keys.grid, 0, "access"))
                .isEqualTo("Read only");
    }

    @Test
    void manyKeysAreLoadedPageByPageInAScrollingListAndOnlyAdminsMayListThem() {
        signIn(Actor.Role.ADMIN);
        for (int i = 1; i <= 30; i++) {
            apiKeys.create(admin, "key " + i, io.connectionhealth.workspace.ApiKeyAccess.READ);
        }
        ApiKeysPanel keys = open().apiKeys;
        assertThat(_size(keys.grid)).isEqualTo(30);
        assertThat(keys.grid.isAllRowsVisible()).as("a box that scrolls, not a page 30 rows long").isFalse();
        assertThat(_findAll(keys.grid)).extracting(ApiKey::name).startsWith("key 30").endsWith("key 1");
        assertThat(apiKeys.list(admin, PageRequest.of(10, 25))).extracting(ApiKey::name)
                .containsExactly("key 5", "key 4", "key 3", "key 2", "key 1");

        Actor viewer = Actor.api(admin.workspaceId(), "viewer-key", Actor.Role.VIEWER);
        assertThatThrownBy(() -> apiKeys.list(viewer, PageRequest.of(10, 0))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> users.list(viewer, PageRequest.of(10, 0))).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aKeyNeedsAName() {
        signIn(Actor.Role.ADMIN);
        ApiKeysPanel keys = open().apiKeys;
        _click(keys.create);
        assertThat(keys.name.isInvalid()).isTrue();
        assertThat(apiKeys.list(admin, PageRequest.of(100, 0))).isEmpty();

        _setValue(keys.name, "ci key");
        _click(keys.create);
        _click(_get(_get(Dialog.class), Button.class, spec -> spec.withText("I have copied it")));
        _setValue(keys.name, " CI key ");
        _click(keys.create);
        assertThat(keys.name.getErrorMessage()).as("told apart by name when revoking")
                .isEqualTo("The name 'CI key' is taken by an active key: give this one a name of its own");
        assertThat(apiKeys.list(admin, PageRequest.of(100, 0))).hasSize(1);
        _setValue(keys.name, "pasted\u0000name");
        _click(keys.create);
        assertThat(keys.name.getErrorMessage()).as("PostgreSQL cannot store U+0000: it had been an internal error")
                .isEqualTo("The name must not contain control characters (tabs, line breaks, U+0000)");
        _setValue(keys.name, "🙂".repeat(150));
        _click(keys.create);
        assertThat(keys.name.getErrorMessage()).as("H2's varchar(200) counts UTF-16 units: the insert had failed unsaid")
                .isEqualTo("The name must be at most 200 characters (an emoji counts as two)");
        _setValue(keys.name, "  " + "k".repeat(200) + "  ");
        _click(keys.create);
        _click(_get(_get(Dialog.class), Button.class, spec -> spec.withText("I have copied it")));
        assertThat(apiKeys.list(admin, PageRequest.of(100, 0))).as("counted without the spaces around it").hasSize(2);
        apiKeys.revoke(admin, apiKeys.list(admin, PageRequest.of(100, 0)).getFirst().id());
        apiKeys.revoke(admin, apiKeys.list(admin, PageRequest.of(100, 0)).getFirst().id());
        _setValue(keys.name, "CI key");
        _click(keys.create);
        assertThat(apiKeys.list(admin, PageRequest.of(100, 0))).as("a revoked key's name may be used again").hasSize(2);
    }

    @Test
    void savesTheRetentionWithinItsRange() {
        signIn(Actor.Role.ADMIN);
        SettingsView view = open();
        assertThat(view.retention.getValue()).isEqualTo("60");
        _setValue(view.retention, "0");
        _click(_get(Button.class, spec -> spec.withText("Save retention")));
        assertThat(view.retention.isInvalid()).isTrue();
        assertThat(workspaces.get(workspaceId).retentionDays()).isEqualTo(60);
        assertThat(view.retention.getErrorMessage()).startsWith("Must be between 1 and");
        _setValue(view.retention, "");
        _click(_get(Button.class, spec -> spec.withText("Save retention")));
        assertThat(view.retention.getErrorMessage()).isEqualTo("Enter a whole number of days, 1–3650");
        for (String notDays : List.of("1.5", "1e3", "1,000", "-5", "١٠", "99999999999")) {
            // an IntegerField had dropped the keys it does not take: "1.5" was saved as 15
            _setValue(view.retention, notDays);
            _click(_get(Button.class, spec -> spec.withText("Save retention")));
            assertThat(view.retention.getErrorMessage()).as(notDays).isEqualTo("Enter a whole number of days, 1–3650");
            assertThat(workspaces.get(workspaceId).retentionDays()).isEqualTo(60);
        }
        expectNoNotifications();
        _setValue(view.retention, " 90 ");
        _click(_get(Button.class, spec -> spec.withText("Save retention")));
        assertThat(workspaces.get(workspaceId).retentionDays()).isEqualTo(90);
        assertThat(view.retention.getValue()).isEqualTo("90");
        _setValue(view.retention, "60");
        _click(_get(Button.class, spec -> spec.withText("Save retention")));
        _click(_get(Confirmation.class).confirm);
        _setValue(view.retention, "30");
        _click(_get(Button.class, spec -> spec.withText("Save retention")));
        // a shorter retention deletes logs: it asks first, without the earlier refusal's message beside the question
        assertThat(workspaces.get(workspaceId).retentionDays()).isEqualTo(60);
        assertThat(view.retention.isInvalid()).isFalse();
        _click(_get(Confirmation.class).confirm);
        assertThat(workspaces.get(workspaceId).retentionDays()).isEqualTo(30);
        _setValue(view.retention, "90");
        _click(_get(Button.class, spec -> spec.withText("Save retention")));
        assertThat(workspaces.get(workspaceId).retentionDays()).as("a longer one needs no confirmation").isEqualTo(90);
    }

    /** Two admins at once: a save over a retention changed elsewhere says so, where it had silently undone it. */
    @Test
    void savingOverAnotherAdminsRetentionAsksFirst() {
        signIn(Actor.Role.ADMIN);
        SettingsView view = open();
        workspaces.updateRetention(admin, 5); // another admin, after this page showed 60
        _setValue(view.retention, "20");
        _click(_get(Button.class, spec -> spec.withText("Save retention")));
        Confirmation asked = _get(Confirmation.class);
        assertThat(asked.getHeaderTitle()).isEqualTo("Retention changed meanwhile");
        assertThat(_get(asked, com.vaadin.flow.component.html.Paragraph.class).getText()).contains("The retention was set "
                + "to 5 days elsewhere (by another admin, in another tab or window, or through the API) since this page showed 60 days. "
                + "Keep logs for 20 days instead?");
        assertThat(workspaces.get(workspaceId).retentionDays()).as("nothing saved before the answer").isEqualTo(5);
        _click(asked.cancel);
        assertThat(view.retention.getValue()).as("the field shows what is in force").isEqualTo("5");
        assertThat(workspaces.get(workspaceId).retentionDays()).isEqualTo(5);

        workspaces.updateRetention(admin, 40);
        _setValue(view.retention, "20");
        _click(_get(Button.class, spec -> spec.withText("Save retention")));
        asked = _find(Confirmation.class).stream().filter(Confirmation::isOpened).findFirst().orElseThrow();
        assertThat(_get(asked, com.vaadin.flow.component.html.Paragraph.class).getText())
                .contains("set to 40 days elsewhere").contains("since this page showed 5 days")
                .contains("Older API calls, job runs and events are deleted");
        _click(asked.confirm);
        assertThat(workspaces.get(workspaceId).retentionDays()).isEqualTo(20);
        _setValue(view.retention, "30");
        _click(_get(Button.class, spec -> spec.withText("Save retention")));
        assertThat(workspaces.get(workspaceId).retentionDays()).as("unchanged elsewhere: saved at once").isEqualTo(30);
    }

    /**
     * Two admins at once, each with the shortening question open: the second to confirm had saved over the first
     * unasked (an audit, with two instances). The confirmation holds only for the retention it asked about.
     */
    @Test
    void confirmingAShorterRetentionAfterAnotherAdminSavedOneAsksAgain() {
        signIn(Actor.Role.ADMIN);
        SettingsView view = open();
        _setValue(view.retention, "40");
        _click(_get(Button.class, spec -> spec.withText("Save retention")));
        Confirmation asked = _get(Confirmation.class);
        assertThat(asked.getHeaderTitle()).isEqualTo("Keep logs for 40 days only?");
        workspaces.updateRetention(admin, 50); // the other admin confirmed theirs meanwhile
        _click(asked.confirm);
        assertThat(workspaces.get(workspaceId).retentionDays()).as("not saved over the other's").isEqualTo(50);
        Confirmation again = _find(Confirmation.class).stream().filter(Confirmation::isOpened).findFirst().orElseThrow();
        assertThat(again.getHeaderTitle()).isEqualTo("Retention changed meanwhile");
        assertThat(_get(again, com.vaadin.flow.component.html.Paragraph.class).getText())
                .contains("set to 50 days elsewhere").contains("since this page showed 60 days. Keep logs for 40 days instead?");
        _click(again.confirm);
        assertThat(workspaces.get(workspaceId).retentionDays()).isEqualTo(40);
    }

    /** Two admins at once: Pause after the other removed the URL said nothing, and left an ERROR in the log. */
    @Test
    void pausingAfterAnotherAdminRemovedTheUrlSaysSo() {
        signIn(Actor.Role.ADMIN);
        notificationSettings.update(admin, "https://hooks.example.com/old", List.of(EventType.values()));
        SettingsView view = open();
        notificationSettings.update(admin, null, List.of(EventType.values()));
        _click(_get(view.webhookDelivery, Button.class, spec -> spec.withText("Pause deliveries…")));
        _click(_get(Confirmation.class).confirm);
        expectNotifications(WebhookEndpointPanel.NOTHING_TO_PAUSE);
        assertThat(notificationSettings.get(admin).disabled()).isFalse();
    }

    /** Two admins at once: Re-enable on a page that showed an older stop would undo another admin's newer pause. */
    @Test
    void reEnablingAfterAnotherAdminPausedAgainAsksFirst() {
        signIn(Actor.Role.ADMIN);
        notificationSettings.update(admin, "https://hooks.example.com/old", List.of(EventType.values()));
        webhooks.pause(admin);
        SettingsView view = open();
        webhooks.enable(admin); // another admin re-enables, and later pauses again
        clock.advance(java.time.Duration.ofMinutes(5));
        webhooks.pause(admin);
        _click(_get(view.webhookDelivery, Button.class, spec -> spec.withText("Re-enable endpoint")));
        Confirmation asked = _get(Confirmation.class);
        assertThat(asked.getHeaderTitle()).isEqualTo("Stopped again meanwhile");
        assertThat(_get(asked, com.vaadin.flow.component.html.Paragraph.class).getText())
                .contains("Deliveries paused by");
        _click(asked.cancel);
        assertThat(notificationSettings.get(admin).disabled()).isTrue();
        _click(_get(view.webhookDelivery, Button.class, spec -> spec.withText("Re-enable endpoint")));
        expectNotifications("Endpoint re-enabled; events that waited for it are being sent.");
        assertThat(notificationSettings.get(admin).disabled()).as("the page shows this stop now: no question").isFalse();
    }

    @Test
    void aDoubleClickOnSaveRetentionAsksOnceAndSavesWhatWasTyped() {
        signIn(Actor.Role.ADMIN);
        SettingsView view = open();
        _setValue(view.retention, "30");
        Button save = _get(Button.class, spec -> spec.withText("Save retention"));
        _click(save);
        _click(save);
        assertThat(_find(Confirmation.class)).filteredOn(Confirmation::isOpened).hasSize(1);
        _click(_find(Confirmation.class).stream().filter(Confirmation::isOpened).findFirst().orElseThrow().confirm);
        assertThat(workspaces.get(workspaceId).retentionDays()).as("what was typed, not the value in force").isEqualTo(30);
    }

    @Test
    void leavingWithAnUnsavedUrlAsksEvenWhileAnotherQuestionIsOpen() {
        signIn(Actor.Role.ADMIN);
        SettingsView view = open();
        _setValue(webhookUrl(), "https://hooks.example.com/typed");
        _setValue(view.retention, "30");
        _click(_get(Button.class, spec -> spec.withText("Save retention")));
        navigate("connections");
        // refusing a second question had left the postponed navigation stuck, with nothing on the screen
        Confirmation leave = _find(Confirmation.class).stream().filter(Confirmation::isOpened).findFirst().orElseThrow();
        assertThat(leave.getHeaderTitle()).isEqualTo("Leave without saving?");
        assertThat(_find(Confirmation.class)).filteredOn(Confirmation::isOpened).hasSize(1);
        _click(leave.confirm);
        assertThat(currentLocation()).startsWith("connections");
        assertThat(workspaces.get(workspaceId).retentionDays()).as("the retention question went unanswered").isEqualTo(60);
    }

    @Test
    void stayingWithAnUnsavedUrlLetsTheBrowserNavigateAgain() {
        signIn(Actor.Role.ADMIN);
        SettingsView view = open();
        _setValue(webhookUrl(), "https://hooks.example.com/typed");
        navigate("connections");
        Confirmation leave = _get(Confirmation.class);
        pendingJavaScript(); // what the page had queued before
        _click(leave.cancel);
        assertThat(currentLocation()).startsWith("settings");
        // the browser's router waits for the postponed navigation's answer: until it is told, no link or Back did
        // anything (seen in Chromium after Cancel or Esc); cancelling the navigation tells it
        assertThat(pendingJavaScript()).anyMatch(js -> js.getInvocation().getExpression().contains("serverConnected"));
    }

    @Test
    void opensAtTheSectionTheAddressNamesOrTheSignInKept() {
        signIn(Actor.Role.ADMIN);
        SettingsView view = open();
        // what the page runs as it is attached (the navigation's own response has gone already): attached again
        com.vaadin.flow.dom.Element parent = view.getElement().getParent();
        view.getElement().removeFromParent();
        parent.appendChild(view.getElement());
        assertThat(pendingJavaScript()).anySatisfy(js -> {
            assertThat(js.getInvocation().getExpression()).contains("location.hash.slice(1)")
                    .contains("sessionStorage.getItem($0)").contains("sessionStorage.removeItem($0)")
                    .contains("history.replaceState");
            assertThat(js.getInvocation().getParameters().getFirst()).isEqualTo(
                    io.connectionhealth.base.ui.LoginView.KEPT_FRAGMENT);
        });
    }

    @Test
    void showsTheHealthRulesInForce() {
        signIn(Actor.Role.ADMIN);
        open();
        // a long page: links to its sections (they scroll and focus in the browser; checked in Chromium)
        assertThat(_find(_get(com.vaadin.flow.component.orderedlayout.FlexLayout.class,
                spec -> spec.withId("settings-sections")), Button.class).stream().map(Button::getText))
                .containsExactly("Webhook", "Delivery log", "API keys", "Users", "Retention", "Health rules");
        _click(_get(Button.class, spec -> spec.withText("API keys")));
        assertThat(pendingJavaScript()).as("scrolled to, focused, in the address")
                .anySatisfy(js -> {
                    assertThat(js.getInvocation().getExpression()).contains("heading.focus(").contains("replaceState");
                    assertThat(js.getInvocation().getParameters().getFirst()).isEqualTo("api-keys");
                    assertThat(com.vaadin.flow.dom.Element.get(js.getOwner()).getAttribute("data-section"))
                            .isEqualTo("api-keys");
                });
        // a tabindex of -1 on a section (a Vaadin layout) took all of its fields out of the Tab order (Chromium)
        assertThat(_find(com.vaadin.flow.component.Component.class).stream().map(c -> c.getElement())
                .filter(e -> e.hasAttribute("data-section"))).hasSize(6)
                .allSatisfy(e -> assertThat(e.hasAttribute("tabindex")).as(e.getAttribute("data-section")).isFalse());
        _click(_get(Button.class, spec -> spec.withText("Health rules")));
        assertThat(_size(_get(Grid.class, spec -> spec.withId("api-call-rules")))).isEqualTo(10);
        assertThat(_size(_get(Grid.class, spec -> spec.withId("job-run-rules")))).isEqualTo(8);
        _assertOne(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("webhook-delivery"));
        _assertOne(io.connectionhealth.notification.ui.WebhookEndpointPanel.class);
        _assertOne(io.connectionhealth.notification.ui.DeliveryLogPanel.class);
    }

    @Test
    void theDeliveryLogsFiltersAreKeptInTheAddress() {
        signIn(Actor.Role.ADMIN);
        navigate("settings?delivery=failed&event=CONNECTION_UNHEALTHY");
        SettingsView view = _get(SettingsView.class);
        assertThat(view.deliveryLog.stateShown()).isEqualTo(io.connectionhealth.notification.DeliveryState.FAILED);
        assertThat(view.deliveryLog.eventShown()).isEqualTo(EventType.CONNECTION_UNHEALTHY);

        pendingJavaScript(); // what opening queued
        _setValue(_get(view.deliveryLog, com.vaadin.flow.component.select.Select.class,
                spec -> spec.withLabel("Delivery state")), io.connectionhealth.notification.DeliveryState.RETRYING);
        assertThat(pendingJavaScript())
                .anySatisfy(js -> {
                    assertThat(js.getInvocation().getExpression()).contains("history.replaceState");
                    assertThat(js.getInvocation().getParameters().getFirst())
                            .isEqualTo("?delivery=retrying&event=connection_unhealthy");
                });

        navigate("settings?delivery=nonsense");
        assertThat(_get(SettingsView.class).deliveryLog.stateShown()).as("unknown: Any").isNull();
    }

    @Test
    void aViewerCannotReachSettings() {
        signIn(Actor.Role.VIEWER);
        navigate("connections");
        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getLabel)
                .containsExactly("Connections", "Integrations", "API Call Logs");
        assertThatThrownBy(() -> navigate("settings")).isInstanceOf(MockAccessDeniedException.class);
        _assertNone(SettingsView.class);
    }

    @Test
    void anAdminSeesSettingsInTheNavigation() {
        signIn(Actor.Role.ADMIN);
        navigate("connections");
        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getLabel)
                .containsExactly("Connections", "Integrations", "API Call Logs", "Settings");
    }

    private static TextField webhookUrl() {
        return _get(TextField.class, spec -> spec.withId("webhook-url"));
    }

    @SuppressWarnings("unchecked")
    private static CheckboxGroup<EventType> webhookEvents() {
        return _get(CheckboxGroup.class, spec -> spec.withId("webhook-events"));
    }

    private static Button saveButton() {
        return _get(Button.class, spec -> spec.withId("save-notifications"));
    }
}
