package io.connectionhealth.base.ui;

import com.vaadin.flow.component.grid.Grid;
import io.connectionhealth.base.PageRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** Turns a lazy component's offset/limit into service pages of at most {@link PageRequest#MAX_LIMIT} rows. */
public final class Paging {

    private Paging() {
    }

    public static <T> Stream<T> fetch(int offset, int limit, Function<PageRequest, List<T>> page) {
        if (limit <= PageRequest.MAX_LIMIT) {
            return page.apply(PageRequest.of(Math.max(1, limit), offset)).stream();
        }
        List<T> all = new ArrayList<>(limit);
        while (all.size() < limit) {
            int size = Math.min(PageRequest.MAX_LIMIT, limit - all.size());
            List<T> chunk = page.apply(PageRequest.of(size, (long) offset + all.size()));
            all.addAll(chunk);
            if (chunk.size() < size) {
                break;
            }
        }
        return all.stream();
    }

    /** While a list this short shows whole, a longer one scrolls in a box of about this many rows. */
    static final int SHORT_LIST_ROWS = 12;

    /**
     * Loads a short list (a workspace's keys or users) into the grid page by page: whole, with no scroll bar of its
     * own, while it has at most {@value #SHORT_LIST_ROWS} rows, and in a scrolling box beyond that.
     */
    public static <T> void shortList(Grid<T> grid, int count, Function<PageRequest, List<T>> page) {
        grid.setAllRowsVisible(count <= SHORT_LIST_ROWS);
        // the box's height would override the whole list's once it is short again (an inline style)
        grid.setHeight(count > SHORT_LIST_ROWS ? "28rem" : null);
        grid.setItems(query -> fetch(query.getOffset(), query.getLimit(), page), query -> count);
    }
}
