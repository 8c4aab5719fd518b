package io.connectionhealth.workspace.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.workspace.UserAccount;
import io.connectionhealth.workspace.UserAccountService;

/** An admin sets the password of another user of the workspace, who forgot theirs; their sessions end. */
class SetPasswordDialog extends Dialog {

    final PasswordField replacement = new PasswordField("New password");
    final PasswordField repeated = new PasswordField("New password again");
    final Button save = new Button("Set password");

    private final Runnable gone;

    /** {@code gone}: what to do when the user turns out to be removed meanwhile (another admin's page). */
    SetPasswordDialog(UserAccountService users, Actor actor, UserAccount user, Runnable gone) {
        this.gone = gone;
        setHeaderTitle("Set a password");
        // typing starts at once: the dialog would otherwise hold the focus itself
        addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                replacement.focus();
            }
        });
        replacement.setHelperText("At least " + UserAccountService.MIN_PASSWORD_LENGTH + " characters, at most "
                + UserAccountService.MAX_PASSWORD_BYTES + " bytes; tell it to them yourself");
        for (PasswordField field : new PasswordField[]{replacement, repeated}) {
            field.setManualValidation(true);
            field.setWidthFull();
        }
        // the name in the text, not the title: a long one wraps there (up to 100 characters)
        Paragraph whose = new Paragraph("For " + user.username() + ". Their open sessions are signed out.");
        whose.getStyle().set("overflow-wrap", "anywhere").set("max-width", "20em");
        VerticalLayout fields = new VerticalLayout(whose, replacement, repeated);
        fields.setPadding(false);
        fields.setMinWidth("20em");
        add(fields);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save(users, actor, user));
        save.addClickShortcut(Key.ENTER).listenOn(replacement, repeated);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private void save(UserAccountService users, Actor actor, UserAccount user) {
        replacement.setInvalid(false);
        repeated.setInvalid(false);
        if (!NewPassword.check(replacement, repeated)) {
            return;
        }
        try {
            users.setPassword(actor, user.id(), replacement.getValue());
        } catch (ValidationException ex) {
            replacement.setErrorMessage(Formats.capitalized(ex.errors().getFirst().message()));
            replacement.setInvalid(true);
            return;
        } catch (NotFoundException ex) {
            close();
            UsersPanel.removedMeanwhile(user);
            gone.run();
            return;
        }
        close();
        Notification.show("The password of " + user.username() + " is set; their open sessions are signed out.")
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
