package io.connectionhealth.base.ui;

import com.vaadin.flow.component.grid.Grid;

/**
 * Puts the focus on a grid's row, as a keyboard user's next step: {@code Grid.focus()} does nothing (the grid's
 * element takes no focus, its cells do), so a row's first cell is focused once the rows are rendered.
 */
public final class GridFocus {

    private GridFocus() {
    }

    /**
     * @param unlessFocusedMeanwhile leave the focus where it is if the user has put it somewhere while the rows loaded
     *                               (for a focus the page gives by itself on arriving, not one a button asked for)
     */
    public static void firstRow(Grid<?> grid, boolean unlessFocusedMeanwhile) {
        row(grid, -1, unlessFocusedMeanwhile);
    }

    /** The row at this index (-1: the first shown), once the grid has rendered it; see {@link #firstRow}. */
    public static void row(Grid<?> grid, int index, boolean unlessFocusedMeanwhile) {
        grid.getElement().executeJs("""
                const grid = this;
                let tries = 0;
                const go = () => {
                    if ($0 && document.activeElement && document.activeElement !== document.body) return;
                    const rows = grid.shadowRoot ? [...grid.shadowRoot.querySelectorAll('#items [part~="row"]:not([hidden])')] : [];
                    const row = $1 < 0 ? rows[0] : rows.find(r => r.index === $1);
                    const cell = row && row.querySelector('[part~="body-cell"]');
                    if (cell) cell.focus();
                    else if (tries++ < 60) setTimeout(go, 50);
                };
                go();""", unlessFocusedMeanwhile, index);
    }

    /**
     * Moves the focus from a button or link inside a cell to the cell itself, before the grid's rows are read again:
     * the content is then rendered anew and the old button, taking the focus with it, leaves the page (the keyboard
     * user found themself at the page's start, tens of Tabs away from the row).
     */
    public static void keepOnCell(Grid<?> grid) {
        grid.getElement().executeJs("""
                const active = document.activeElement;
                const content = active && active.closest && active.closest('vaadin-grid-cell-content');
                const cell = content && content.assignedSlot && content.assignedSlot.parentElement;
                if (cell && this.shadowRoot && this.shadowRoot.contains(cell)) cell.focus();""");
    }
}
