package io.connectionhealth.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.theme.lumo.LumoUtility;

/** A vendor's error under an "Error" heading, as the call's and the job run's dialogs show it. */
public final class ErrorText {

    private ErrorText() {
    }

    /** The heading and the box; the box's id is {@code id}, the heading's {@code id-heading}. */
    public static Component[] withHeading(String error, String id) {
        H3 heading = new H3("Error");
        heading.setId(id + "-heading");
        Pre box = new Pre();
        box.setText(error); // text, never HTML: the vendor's error body is untrusted
        box.setId(id);
        box.addClassNames(LumoUtility.Overflow.AUTO, LumoUtility.Padding.SMALL, LumoUtility.Background.CONTRAST_5);
        // a token or a JSON body without spaces wraps too, instead of running past the dialog's edge
        box.getStyle().set("white-space", "pre-wrap").set("overflow-wrap", "anywhere").set("max-height", "300px");
        // a stop for the keyboard, from which the arrow keys scroll a long error (an audit of the job run dialog)
        box.getElement().setAttribute("tabindex", "0");
        // a region named by its heading: a label on the box itself had replaced the vendor's text for a screen reader
        box.getElement().setAttribute("role", "region");
        box.getElement().setAttribute("aria-labelledby", heading.getId().orElseThrow());
        return new Component[] {heading, box};
    }
}
