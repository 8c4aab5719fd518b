package io.connectionhealth.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;

import java.util.UUID;

/**
 * Asks before an action that cannot be undone (delete, revoke, shorten retention, …). Unlike Vaadin's ConfirmDialog,
 * which focuses its confirm button, Cancel has the focus: an Enter meant for the page, or a second one, does no harm.
 */
public final class Confirmation extends Dialog {

    public final Button cancel = new Button("Cancel", e -> close());
    public final Button confirm;
    private boolean confirmed;
    private boolean superseded;

    private Confirmation(String header, String text, String confirmText, boolean destructive, Runnable action) {
        setHeaderTitle(header);
        Paragraph message = Formats.wrapAnywhere(new Paragraph(text));
        message.getStyle().set("margin", "0");
        // an alert dialog whose question is its description: a screen reader reads it out with the title on opening
        message.setId("confirmation-" + UUID.randomUUID());
        add(message);
        setRole("alertdialog");
        getElement().setAttribute("aria-describedby", message.getId().orElseThrow());
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
        // one question at a time: a new one replaces the open one, as if that was cancelled. A double click on what
        // asks had opened two dialogs, so one confirm acted twice (two rotations cut the old secret's day of grace);
        // refusing the second question instead had left a navigation that asks "Leave without saving?" stuck
        UI ui = UI.getCurrent();
        Confirmation asking = ui == null ? null : ComponentUtil.getData(ui, Confirmation.class);
        if (asking != null && asking.isOpened()) {
            // without its undo: what asked it stays as typed (a double click on Save retention had put the field
            // back to the retention in force, and the second dialog's confirm then saved that)
            asking.superseded = true;
            asking.close();
        }
        dialog.open();
        if (ui != null) {
            ComponentUtil.setData(ui, Confirmation.class, dialog);
        }
        dialog.cancel.focus();
        return dialog;
    }

    /**
     * Where the focus goes once the dialog has closed, for an action that removes or disables what asked the question
     * (a revoked key's button, a removed user's row): the dialog gives the focus back to that element, which is gone,
     * so the focus fell to the page. Set on the client, where the dialog's own giving back happens.
     */
    public Confirmation focusAfterwards(Component target) {
        // a grid takes the focus in a cell of its rows (its own element is not focusable)
        getElement().executeJs("""
                this.addEventListener('closed', () => setTimeout(() => {
                    if (!$0) return;
                    const cell = $0.shadowRoot && $0.shadowRoot.querySelector('#items [part~="cell"]');
                    (cell || $0).focus();
                }), {once: true});""", target.getElement());
        return this;
    }

    /** Runs {@code undo} when the dialog closes without the action (Cancel, Esc): to put back what asked the question. */
    public Confirmation onCancel(Runnable undo) {
        addOpenedChangeListener(e -> {
            if (!e.isOpened() && !confirmed && !superseded) {
                undo.run();
            }
        });
        return this;
    }

    /**
     * Runs {@code release} whenever the dialog closes without the action, also when a newer question replaced it: for
     * what waits on the answer (a postponed navigation, whose browser side waits until it is cancelled).
     */
    public Confirmation onDismiss(Runnable release) {
        addOpenedChangeListener(e -> {
            if (!e.isOpened() && !confirmed) {
                release.run();
            }
        });
        return this;
    }
}
