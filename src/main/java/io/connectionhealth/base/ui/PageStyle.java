package io.connectionhealth.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/**
 * What every page of the dashboard (sign-in included) changes in Lumo's defaults, set on the page's body when it opens:
 * Lumo's own variables, since a stylesheet of ours would need a frontend build (docs/decisions/dashboard-ui.md).
 */
@Component
class PageStyle implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> apply(e.getUI()));
    }

    static final String RECONNECTING = "No answer from the server, or the server cannot reach its database: trying "
            + "again…";
    static final String GAVE_UP = "Still no answer from the server. Reload the page to try again.";

    static void apply(UI ui) {
        // Lumo's fields and checkboxes are told from the page by a tint alone (1.2–1.7 : 1 measured in Chromium); WCAG
        // asks 3 : 1 of what shows where a control is: a border in the contrast colour at half strength
        ui.getElement().getStyle()
                .set("--vaadin-input-field-border-width", "1px")
                .set("--vaadin-input-field-border-color", "var(--lumo-contrast-50pct)")
                .set("--vaadin-checkbox-border-width", "1px")
                .set("--vaadin-checkbox-border-color", "var(--lumo-contrast-50pct)");
        // Vaadin's notice that the server is lost is an 8 px stripe whose text shows only under the mouse, and a
        // screen reader is not told: keep it open while the connection is lost, and make it a live region
        ui.getElement().getStyle().set("--status-height-collapsed", "var(--status-height, 1.75rem)");
        // Vaadin's "Connection lost, trying to reconnect" reads as the network's fault; it also shows while the server
        // answers but cannot reach its database (an outage audit), and it tries again by itself
        ui.getReconnectDialogConfiguration().setDialogText(RECONNECTING);
        ui.getReconnectDialogConfiguration().setDialogTextGaveUp(GAVE_UP);
        ui.getPage().executeJs("""
                customElements.whenDefined('vaadin-connection-indicator').then(() => requestAnimationFrame(() => {
                    const notice = document.querySelector('vaadin-connection-indicator .v-status-message');
                    if (notice) notice.setAttribute('role', 'status');
                }));""");
    }
}
