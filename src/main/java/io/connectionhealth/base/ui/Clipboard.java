package io.connectionhealth.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/**
 * Copies text in the browser and says so only once the browser has: the clipboard exists only over HTTPS or on
 * localhost, so on a self-hosted install reached over plain HTTP a copy fails, and "copied" would then lose a secret
 * that is shown once.
 */
public final class Clipboard {

    private Clipboard() {
    }

    /**
     * Copies {@code text}; {@code ifFailed} runs when the browser could not (after the error notice), to help the user
     * copy it by hand.
     */
    public static void copy(Component from, String text, String copiedMessage, Runnable ifFailed) {
        from.getElement().executeJs("""
                        if (!navigator.clipboard) {
                            throw new Error('no clipboard in this context');
                        }
                        return navigator.clipboard.writeText($0).then(() => 'copied');""", text)
                .then(String.class, copied -> Notification.show(copiedMessage), error -> {
                    Notification failed = Notification.show("Could not copy: the browser refused (browsers allow it "
                                    + "only over HTTPS or on localhost, and may deny it there too). Copy the text by hand "
                                    + "(Ctrl+C).", 8000,
                            Notification.Position.MIDDLE);
                    failed.addThemeVariants(NotificationVariant.LUMO_ERROR);
                    ifFailed.run();
                });
    }
}
