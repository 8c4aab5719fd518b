package io.connectionhealth.workspace.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ui.Badges;
import io.connectionhealth.base.ui.Confirmation;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.base.ui.Paging;
import io.connectionhealth.workspace.ApiKeyService;
import io.connectionhealth.workspace.UserAccount;
import io.connectionhealth.workspace.UserAccountService;
import io.connectionhealth.base.ui.ScreenReaderText;
import io.connectionhealth.base.ui.SingleClick;

import java.time.Clock;
import java.util.List;

/**
 * The workspace's dashboard users: add an admin or a viewer (who sees everything but Settings), set the password of
 * one who forgot theirs, make one an admin or a viewer, remove one.
 */
class UsersPanel extends VerticalLayout {

    final TextField username = new TextField("Username");
    final PasswordField password = new PasswordField("Password");
    final Select<Actor.Role> role = new Select<>();
    final Button add = new Button("Add user", VaadinIcon.PLUS.create());
    final Grid<UserAccount> grid = new Grid<>();
    private final UserAccountService users;
    private final ApiKeyService keys;
    private final Actor actor;

    UsersPanel(UserAccountService users, ApiKeyService keys, Actor actor, Clock clock) {
        this.users = users;
        this.keys = keys;
        this.actor = actor;
        setPadding(false);
        username.setId("new-user-name");
        password.setId("new-user-password");
        add.setId("add-user");
        username.setManualValidation(true);
        password.setManualValidation(true);
        password.setHelperText("At least " + UserAccountService.MIN_PASSWORD_LENGTH + " characters, at most "
                + UserAccountService.MAX_PASSWORD_BYTES + " bytes; tell it to them yourself.");
        role.setLabel("Role");
        role.setItems(Actor.Role.VIEWER, Actor.Role.ADMIN);
        role.setItemLabelGenerator(r -> r == Actor.Role.ADMIN ? "Admin" : "Viewer (read only)");
        role.setValue(Actor.Role.VIEWER);
        SingleClick.onClick(add, this::add);
        add.addClickShortcut(Key.ENTER).listenOn(username, password);
        HorizontalLayout form = new HorizontalLayout(username, password, role, add);
        form.setAlignItems(Alignment.BASELINE);
        form.setWrap(true);

        grid.setAriaLabel("Users");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        // "(you)" says why that row's actions are greyed out (a disabled button shows no tooltip)
        // frozen: on a phone the actions are reached sideways, and the name must stay beside them
        grid.addColumn(u -> u.username() + (u.username().equals(actor.id()) ? " (you)" : "")).setHeader("Username")
                .setFlexGrow(4).setWidth("7rem").setFrozen(true).setKey("username")
                .setTooltipGenerator(UserAccount::username);
        grid.addComponentColumn(u -> u.role() == Actor.Role.ADMIN ? Badges.of("Admin", "contrast")
                : Badges.of("Viewer", "")).setHeader("Role").setAutoWidth(true);
        grid.addComponentColumn(u -> Formats.time(u.createdAt(), clock.instant())).setHeader("Added").setAutoWidth(true);
        grid.addComponentColumn(u -> {
            Button set = new Button("Set password", e -> new SetPasswordDialog(users, actor, u, this::refreshUsers).open());
            set.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            // one's own is changed from the drawer, giving the current one
            set.setEnabled(!u.username().equals(actor.id()));
            return set;
        }).setHeader(ScreenReaderText.of("Set password")).setAutoWidth(true).setKey("set-password");
        grid.addComponentColumn(u -> {
            boolean admin = u.role() == Actor.Role.ADMIN;
            Button change = new Button(admin ? "Make viewer" : "Make admin", e -> confirmRoleChange(u));
            change.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            change.setEnabled(!u.username().equals(actor.id()));
            return change;
        }).setHeader(ScreenReaderText.of("Role")).setAutoWidth(true).setKey("role-change");
        grid.addComponentColumn(u -> {
            Button remove = new Button("Remove", e -> confirmRemove(u));
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            remove.setEnabled(!u.username().equals(actor.id()));
            return remove;
        }).setHeader(ScreenReaderText.of("Remove")).setAutoWidth(true).setKey("remove");
        refreshUsers();
        add(new H2("Users"), new Paragraph("Who can sign in to this workspace's dashboard. Viewers see the connections, "
                + "logs and events but not Settings, and cannot pause, delete or resend. Your own password is changed "
                + "from the drawer (Change password); another admin changes your role or removes you."), form, grid);
    }

    void refreshUsers() {
        Paging.shortList(grid, users.count(actor), page -> users.list(actor, page));
    }

    /** Says that another admin removed this user after this page listed them. */
    static void removedMeanwhile(UserAccount user) {
        Notification.show(user.username() + " was removed meanwhile (by another admin); the list is up to date now.")
                .addThemeVariants(NotificationVariant.LUMO_WARNING);
    }

    private void add() {
        username.setInvalid(false);
        password.setInvalid(false);
        if (username.getValue().isBlank()) {
            // said beside any password problem, not after it is fixed
            username.setErrorMessage("The username is required");
            username.setInvalid(true);
        }
        try {
            UserAccount created = users.create(actor, username.getValue().strip(), password.getValue(), role.getValue());
            username.clear();
            password.clear();
            // like the fields: the next user starts from the least privilege, not from the last one's admin
            role.setValue(Actor.Role.VIEWER);
            refreshUsers();
            Notification.show("User " + created.username() + " added as " + (created.role() == Actor.Role.ADMIN
                    ? "an admin." : "a viewer.")).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (ValidationException ex) {
            ValidationException.FieldError error = ex.errors().getFirst();
            if ("password".equals(error.field())) {
                password.setErrorMessage("The password " + error.message());
                password.setInvalid(true);
            } else {
                // a blank one is "required", as said above, not "must be 1-100 letters…"
                username.setErrorMessage(username.getValue().isBlank() ? "The username is required"
                        : "The username " + error.message());
                username.setInvalid(true);
                // taken, perhaps by another admin just now: the list shows by whom it is held
                refreshUsers();
            }
        }
    }

    private void confirmRoleChange(UserAccount user) {
        Actor.Role to = user.role() == Actor.Role.ADMIN ? Actor.Role.VIEWER : Actor.Role.ADMIN;
        Confirmation.open(to == Actor.Role.ADMIN ? "Make " + user.username() + " an admin?"
                        : "Make " + user.username() + " a viewer?",
                (to == Actor.Role.ADMIN ? "They will be able to change Settings, pause, delete and resend."
                        : "They will see everything but Settings, and no longer pause, delete or resend.")
                        + " Their open sessions end: they sign in again." + (to == Actor.Role.VIEWER
                        ? keysTheyMade(user) : ""),
                to == Actor.Role.ADMIN ? "Make admin" : "Make viewer", to == Actor.Role.VIEWER, () -> {
                    try {
                        users.changeRole(actor, user.id(), to);
                        Notification.show(user.username() + " is now " + (to == Actor.Role.ADMIN ? "an admin." : "a viewer."));
                    } catch (ValidationException ex) {
                        Notification.show("Not changed: " + ex.errors().getFirst().message())
                                .addThemeVariants(NotificationVariant.LUMO_ERROR);
                    } catch (NotFoundException ex) {
                        removedMeanwhile(user);
                    }
                    refreshUsers();
                }).focusAfterwards(grid);
    }

    private void confirmRemove(UserAccount user) {
        Confirmation.open("Remove " + user.username() + "?", "They can no longer sign in to this workspace."
                        + keysTheyMade(user), "Remove",
                true, () -> {
                    try {
                        users.remove(actor, user.id());
                        Notification.show("User " + user.username() + " removed.");
                    } catch (ValidationException ex) {
                        Notification.show("Not removed: " + ex.errors().getFirst().message())
                                .addThemeVariants(NotificationVariant.LUMO_ERROR);
                    } catch (NotFoundException ex) {
                        removedMeanwhile(user);
                    }
                    refreshUsers();
                }).focusAfterwards(grid);
    }

    /** They saw those keys' secrets when they made them, and the keys stay valid after they go: said, not revoked. */
    private String keysTheyMade(UserAccount user) {
        List<String> made = keys.activeKeysMadeBy(actor, user.username());
        return made.isEmpty() ? "" : " The API keys they made stay valid (they saw their secrets): "
                + made.stream().map(name -> "'" + Formats.isolated(name) + "'").collect(java.util.stream.Collectors.joining(", "))
                + (made.size() == 20 ? " and maybe more" : "") + ". Revoke them under API keys if they should not.";
    }
}
