package io.connectionhealth.base.ui;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.FocusOption;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Opens a grid's row on a click and, for keyboard users, on Enter in the focused row (the grid itself offers Space). */
public final class RowOpening {

    private static final String BY_KEYBOARD = RowOpening.class.getName() + ".byKeyboard";

    private RowOpening() {
    }

    public static <T> void onClickOrEnter(Grid<T> grid, Consumer<T> open) {
        // a double-click's second click (its count 2) opened a second dialog over the first (a review)
        grid.addItemClickListener(e -> {
            if (e.getClickCount() <= 1) {
                open.accept(e.getItem());
            }
        });
        onEnter(grid, open);
    }

    /**
     * Enter in the focused row only: for a grid whose click already does the same (opening a row's details). Not in
     * the cells of {@code withControls} (a button, a link): there the grid's own Enter moves into the cell, and a
     * second Enter presses what is there; opening the row as well re-rendered it and took that focus away.
     */
    @SafeVarargs
    public static <T> void onEnter(Grid<T> grid, Consumer<T> open, Grid.Column<T>... withControls) {
        AtomicReference<T> focused = new AtomicReference<>();
        AtomicReference<Grid.Column<T>> focusedColumn = new AtomicReference<>();
        grid.addCellFocusListener(e -> {
            focused.set(e.getItem().orElse(null));
            focusedColumn.set(e.getColumn().orElse(null));
        });
        // rows read again (a refresh, other filters): the focused row may now show another item until focus moves
        grid.getDataProvider().addDataProviderListener(e -> focused.set(null));
        List<Grid.Column<T>> controls = List.of(withControls);
        Shortcuts.addShortcutListener(grid, () -> {
            T item = focused.get();
            if (item == null || focusedColumn.get() != null && controls.contains(focusedColumn.get())) {
                return;
            }
            UI ui = UI.getCurrent();
            ComponentUtil.setData(ui, BY_KEYBOARD, Boolean.TRUE);
            try {
                open.accept(item); // a view opened here is entered before this returns
            } finally {
                ComponentUtil.setData(ui, BY_KEYBOARD, null);
            }
        }, Key.ENTER).listenOn(grid);
    }

    /**
     * How a view opened from a row shows its first focus: with the focus ring after Enter, where the keyboard user
     * goes on from it, and without after a click, where a ringed button would only look selected.
     */
    public static FocusOption.FocusVisible focusRing() {
        UI ui = UI.getCurrent();
        return ui != null && ComponentUtil.getData(ui, BY_KEYBOARD) != null
                ? FocusOption.FocusVisible.VISIBLE : FocusOption.FocusVisible.NOT_VISIBLE;
    }
}
