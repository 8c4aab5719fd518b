package io.connectionhealth.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.shared.Registration;

import java.util.function.IntConsumer;

/** Tells a view the browser window's width when it opens and whenever the window is resized. */
public final class WindowWidth {

    /** Below this width (a tablet, a phone) the lists hide the columns they can spare, in the same way everywhere. */
    public static final int NARROW = 1100;
    /**
     * Below this width (a phone) a list also puts what it is about first (the customer, the health, the delivery),
     * and a phone's screen holds little more than two columns.
     */
    public static final int PHONE = 600;
    /** On a phone, two filters side by side, less the row's gap between them (LumoUtility.Gap.Column.MEDIUM). */
    public static final String HALF_A_ROW = "calc(50% - var(--lumo-space-m) / 2)";

    private WindowWidth() {
    }

    public static void follow(Component view, IntConsumer width) {
        view.addAttachListener(attach -> {
            attach.getUI().getPage().retrieveExtendedClientDetails(details -> {
                if (details.getWindowInnerWidth() > 0) {
                    width.accept(details.getWindowInnerWidth());
                }
            });
            Registration resized = attach.getUI().getPage().addBrowserWindowResizeListener(e -> width.accept(e.getWidth()));
            view.addDetachListener(detach -> {
                resized.remove();
                detach.unregisterListener();
            });
        });
    }
}
