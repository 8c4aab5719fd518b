package io.connectionhealth.workspace.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.server.VaadinSession;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.security.SignedInSessions;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.base.ui.SingleClick;
import io.connectionhealth.workspace.UserAccountService;

/** The signed-in user changes their own password: the current one, then the new one twice. */
public class ChangePasswordDialog extends Dialog {

    final PasswordField current = new PasswordField("Current password");
    final PasswordField replacement = new PasswordField("New password");
    final PasswordField repeated = new PasswordField("New password again");
    final Button save = new Button("Change password");

    public ChangePasswordDialog(UserAccountService users, Actor actor) {
        setHeaderTitle("Change your password");
        // typing starts at once: the dialog would otherwise hold the focus itself
        addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                current.focus();
            }
        });
        replacement.setHelperText("At least " + UserAccountService.MIN_PASSWORD_LENGTH + " characters, at most "
                + UserAccountService.MAX_PASSWORD_BYTES + " bytes");
        for (PasswordField field : new PasswordField[]{current, replacement, repeated}) {
            field.setManualValidation(true);
            field.setWidthFull();
        }
        VerticalLayout fields = new VerticalLayout(current, replacement, repeated);
        fields.setPadding(false);
        fields.setMinWidth("20em");
        add(fields);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // a double click's second click had checked the old password again after the change: a wrong sign-in counted
        SingleClick.onClick(save, () -> save(users, actor));
        save.addClickShortcut(Key.ENTER).listenOn(current, replacement, repeated);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private void save(UserAccountService users, Actor actor) {
        for (PasswordField field : new PasswordField[]{current, replacement, repeated}) {
            field.setInvalid(false);
        }
        if (!NewPassword.check(replacement, repeated)) {
            return; // the current password is not checked (nor counted) for a new one that cannot be taken
        }
        try {
            SignedInSessions.keepCurrent(users.changePassword(actor, current.getValue(), replacement.getValue(),
                    VaadinSession.getCurrent().getBrowser().getAddress()));
        } catch (ValidationException ex) {
            ValidationException.FieldError error = ex.errors().getFirst();
            PasswordField field = "current_password".equals(error.field()) ? current : replacement;
            field.setErrorMessage(Formats.capitalized(error.message()));
            field.setInvalid(true);
            return;
        }
        close();
        Notification.show("Your password is changed: use it the next time you sign in. Your sessions in other "
                        + "browsers are signed out.")
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
