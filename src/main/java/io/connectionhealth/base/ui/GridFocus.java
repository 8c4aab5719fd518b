package io.connectionhealth.base.ui;

import com.vaadin.flow.component.grid.Grid;

/**
 * Puts the focus on a grid's first row, as a keyboard user's next step: {@code Grid.focus()} does nothing (the grid's
 * element takes no focus, its cells do), so the first row's first cell is focused once the rows are rendered.
 */
public final class GridFocus {

    private GridFocus() {
    }

    /**
     * @param unlessFocusedMeanwhile leave the focus where it is if the user has put it somewhere while the rows loaded
     *                               (for a focus the page gives by itself on arriving, not one a button asked for)
     */
    public static void firstRow(Grid<?> grid, boolean unlessFocusedMeanwhile) {
        grid.getElement().executeJs("""
                const grid = this;
                let tries = 0;
                const go = () => {
                    if ($0 && document.activeElement && document.activeElement !== document.body) return;
                    const cell = grid.shadowRoot && grid.shadowRoot.querySelector(
                        '#items [part~="row"]:not([hidden]) [part~="body-cell"]');
                    if (cell) cell.focus();
                    else if (tries++ < 60) setTimeout(go, 50);
                };
                go();""", unlessFocusedMeanwhile);
    }
}
