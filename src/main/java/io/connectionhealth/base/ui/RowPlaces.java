package io.connectionhealth.base.ui;

import com.vaadin.flow.component.grid.Grid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each row's place in a lazily loaded list as last fetched, to come back to a row that was opened: working through
 * 300 unauthorized connections, or the errors of a day, should not mean scrolling down to the 150th again after each.
 * No more than a few pages' worth is kept, and nothing is counted.
 */
public final class RowPlaces {

    private static final int KEPT = 2_000;

    private final Map<String, Integer> places = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > KEPT;
        }
    };

    /** The ids of a page fetched from {@code offset}, in order. */
    public void fetched(int offset, List<String> ids) {
        for (int i = 0; i < ids.size(); i++) {
            places.put(ids.get(i), offset + i);
        }
    }

    /** The row's place, or -1 if it was not among the rows last fetched. */
    public int of(String id) {
        return places.getOrDefault(id, -1);
    }

    /**
     * The list from its first row, after another filter or order: the server reads that page, not the one at the old
     * scroll place (read, then dropped: a deep offset nobody asked for), and the browser scrolls there.
     */
    public static void fromStart(Grid<?> grid) {
        grid.getDataCommunicator().setViewportRange(0, grid.getPageSize());
        grid.scrollToStart();
    }

    /**
     * Shows the row at {@code place} again, two rows above it in sight, with the keyboard's focus on it (the next one
     * after a delete takes the deleted one's place); an unknown place (-1) focuses the first row.
     */
    public static void showAgain(Grid<?> grid, int place) {
        if (place > 2) {
            // a list without a count has a scroll bar that is an estimate: it must reach the row (a counted one does;
            // an estimate set on it would drop its count)
            if (!grid.getDataCommunicator().isDefinedSize()) {
                grid.getLazyDataView().setItemCountEstimate(Math.max(grid.getLazyDataView().getItemCountEstimate(),
                        place + 100));
            }
            grid.scrollToIndex(place - 2);
        }
        GridFocus.row(grid, place, true);
    }
}
