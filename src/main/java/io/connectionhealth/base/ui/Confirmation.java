package io.connectionhealth.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;

/**
 * Asks before an action that cannot be undone (delete, revoke, shorten retention, …). Unlike Vaadin's ConfirmDialog,
 * which focuses its confirm button, Cancel has the focus: an Enter meant for the page, or a second one, does no harm.
 */
public final class Confirmation extends Dialog {

    public final Button cancel = new Button("Cancel", e -> close());
    public final Button confirm;
    private boolean confirmed;

    private Confirmation(String header, String text, String confirmText, boolean destructive, Runnable action) {
        setHeaderTitle(header);
        Paragraph message = Formats.wrapAnywhere(new Paragraph(text));
        message.getStyle().set("margin", "0");
        add(message);
        setMaxWidth("min(34em, 100vw)");
        confirm = new Button(confirmText, e -> {
            if (confirmed) {
                return; // a double click: its second click arrives before the dialog is gone
            }
            confirmed = true;
            close();
            action.run();
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        if (destructive) {
            confirm.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        getFooter().add(cancel, confirm);
    }

    /** Opens the question; {@code action} runs once the user confirms. Esc and Cancel close it without acting. */
    public static Confirmation open(String header, String text, String confirmText, boolean destructive,
                                    Runnable action) {
        Confirmation dialog = new Confirmation(header, text, confirmText, destructive, action);
        dialog.open();
        dialog.cancel.focus();
        return dialog;
    }

    /** Runs {@code undo} when the dialog closes without the action (Cancel, Esc): to put back what asked the question. */
    public Confirmation onCancel(Runnable undo) {
        addOpenedChangeListener(e -> {
            if (!e.isOpened() && !confirmed) {
                undo.run();
            }
        });
        return this;
    }
}
