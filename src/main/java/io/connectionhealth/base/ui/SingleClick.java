package io.connectionhealth.base.ui;

import com.vaadin.flow.component.button.Button;

/**
 * A button whose double click acts once: the browser disables it on the first click, and it is enabled again when the
 * action is done. A second click had run the action again on the emptied form ("required") or with an old password.
 */
public final class SingleClick {

    private SingleClick() {
    }

    public static void onClick(Button button, Runnable action) {
        button.setDisableOnClick(true);
        button.addClickListener(e -> {
            try {
                action.run();
            } finally {
                button.setEnabled(true);
            }
        });
    }
}
