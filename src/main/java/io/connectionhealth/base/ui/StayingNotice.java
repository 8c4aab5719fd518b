package io.connectionhealth.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/** A notice that stays until closed, for what the user must not miss (away from the screen, say). */
final class StayingNotice {

    private StayingNotice() {
    }

    /** Opens it with the text and a Close button beside it. */
    static Notification open(Span text, NotificationVariant variant) {
        Notification notice = new Notification();
        Button close = new Button("Close", click -> notice.close());
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        HorizontalLayout content = new HorizontalLayout(text, close);
        content.setAlignItems(FlexComponent.Alignment.CENTER);
        notice.add(content);
        notice.setDuration(0);
        notice.addThemeVariants(variant);
        notice.open();
        return notice;
    }
}
