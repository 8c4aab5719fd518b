package io.connectionhealth.base.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.grid.Grid;

import java.util.function.Consumer;

/** Opens a grid's row on a click and, for keyboard users, on Enter in the focused row (the grid itself offers Space). */
public final class RowOpening {

    private RowOpening() {
    }

    public static <T> void onClickOrEnter(Grid<T> grid, Consumer<T> open) {
        grid.addItemClickListener(e -> open.accept(e.getItem()));
        Object[] focused = new Object[1];
        grid.addCellFocusListener(e -> focused[0] = e.getItem().orElse(null));
        Shortcuts.addShortcutListener(grid, () -> {
            @SuppressWarnings("unchecked")
            T item = (T) focused[0];
            if (item != null) {
                open.accept(item);
            }
        }, Key.ENTER).listenOn(grid);
    }
}
