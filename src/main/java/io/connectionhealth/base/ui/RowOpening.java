package io.connectionhealth.base.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.grid.Grid;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Opens a grid's row on a click and, for keyboard users, on Enter in the focused row (the grid itself offers Space). */
public final class RowOpening {

    private RowOpening() {
    }

    public static <T> void onClickOrEnter(Grid<T> grid, Consumer<T> open) {
        grid.addItemClickListener(e -> open.accept(e.getItem()));
        AtomicReference<T> focused = new AtomicReference<>();
        grid.addCellFocusListener(e -> focused.set(e.getItem().orElse(null)));
        // rows read again (a refresh, other filters): the focused row may now show another item until focus moves
        grid.getDataProvider().addDataProviderListener(e -> focused.set(null));
        Shortcuts.addShortcutListener(grid, () -> {
            T item = focused.get();
            if (item != null) {
                open.accept(item);
            }
        }, Key.ENTER).listenOn(grid);
    }
}
