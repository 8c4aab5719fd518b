package io.connectionhealth.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteConfiguration;

/**
 * The browser history of a filter field that applies as the user types: the first change of a run of typing adds
 * one entry, the later ones replace it. One entry per pause would make Back step through prefixes; replacing from the
 * first change lost the entry of the filters before the typing (Back then skipped over them). A navigation (another
 * filter, Back) ends the run: the view calls {@link #navigated()} from its {@code beforeEnter}.
 */
public final class TypingHistory {

    private final Class<? extends Component> view;
    private boolean entryAdded;

    public TypingHistory(Class<? extends Component> view) {
        this.view = view;
    }

    public void navigated() {
        entryAdded = false;
    }

    public void typed(UI ui, QueryParameters filters) {
        if (nextAddsEntry()) {
            ui.getPage().getHistory().pushState(null, location(filters));
        } else {
            replace(ui, filters);
        }
    }

    /** Puts the filters in the address without an entry of their own (a re-sort is no step for Back). */
    public void replace(UI ui, QueryParameters filters) {
        ui.getPage().getHistory().replaceState(null, location(filters));
    }

    private Location location(QueryParameters filters) {
        return new Location(RouteConfiguration.forSessionScope().getUrl(view), filters);
    }

    /** Whether this change of the run adds the entry (the first) or replaces it (the others). */
    boolean nextAddsEntry() {
        boolean first = !entryAdded;
        entryAdded = true;
        return first;
    }
}
