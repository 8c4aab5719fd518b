package io.connectionhealth.base.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

import java.util.List;

/**
 * Says so when a page's address names a filter that only the API has (a link built with the API's names): the list
 * shows what that filter would have left out, and had done so without a word.
 */
public final class ApiOnlyFilters {

    static final int SHOWN_MS = 10_000;

    private ApiOnlyFilters() {
    }

    public static void tell(QueryString params, List<String> apiOnly) {
        List<String> given = params.given(apiOnly);
        if (!given.isEmpty()) {
            Notification.show("This list is not filtered by " + String.join(" or ", given) + ", which the address names: "
                            + "the dashboard has no such filter (the API has).", SHOWN_MS, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
        }
    }
}
