package io.connectionhealth.base.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

import java.util.List;

/**
 * Says so when a page's address names a filter that only the API has (a link built with the API's names): the list
 * shows what that filter would have left out, and had done so without a word. One per page: the page's next
 * navigation (a tile, a filter) takes the warning away with the address it was about.
 */
public final class ApiOnlyFilters {

    static final int SHOWN_MS = 10_000;

    private Notification shown;

    /** {@code unfiltered}: the filters of the address the list is not filtered by, as the address names them. */
    public void tell(List<String> unfiltered) {
        if (shown != null) {
            shown.close();
            shown = null;
        }
        if (!unfiltered.isEmpty()) {
            shown = Notification.show("This list is not filtered by " + String.join(" or ", unfiltered) + ", which the "
                    + "address names: the dashboard has no such filter (the API has).", SHOWN_MS,
                    Notification.Position.BOTTOM_START);
            shown.addThemeVariants(NotificationVariant.LUMO_WARNING);
        }
    }
}
