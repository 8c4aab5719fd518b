package io.connectionhealth.connection.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.theme.lumo.LumoUtility;

/** Shows a {@link Guidance}: what happened, the steps, and who acts. */
public class GuidancePanel extends Div {

    public GuidancePanel(Guidance guidance) {
        addClassName("guidance");
        setWidthFull();
        getStyle().set("box-sizing", "border-box");
        addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.BorderRadius.MEDIUM, LumoUtility.Background.CONTRAST_5);
        add(new H3("What to do"));
        add(new Paragraph(guidance.summary()));
        if (!guidance.steps().isEmpty()) {
            OrderedList steps = new OrderedList();
            guidance.steps().forEach(step -> steps.add(new ListItem(step)));
            add(steps);
        }
        if (guidance.whoActs() != null) {
            Paragraph who = new Paragraph(guidance.whoActs());
            who.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
            add(who);
        }
    }
}
