package io.connectionhealth.base.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;

/** Text only screen readers get: the header of a column of buttons, which needs none on screen but must not be empty. */
public final class ScreenReaderText {

    private ScreenReaderText() {
    }

    public static Span of(String text) {
        Span span = new Span(text);
        span.addClassName(LumoUtility.Accessibility.SCREEN_READER_ONLY);
        return span;
    }
}
