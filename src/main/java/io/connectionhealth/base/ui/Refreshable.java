package io.connectionhealth.base.ui;

/** A view that can read its data again, as its Refresh button does; the layout calls it once the start is over. */
public interface Refreshable {

    void refresh();
}
