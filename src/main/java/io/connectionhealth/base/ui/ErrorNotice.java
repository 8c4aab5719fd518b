package io.connectionhealth.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.DefaultErrorHandler;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A click whose action fails unexpectedly says so on the page. Vaadin's default only logs it, so the page stayed as it
 * was and the user believed it done (an audit: Pause after another admin had removed the URL). Each action catches
 * what it expects; this is for what none expected. The log line is still Vaadin's.
 */
@Component
class ErrorNotice extends DefaultErrorHandler implements VaadinServiceInitListener {

    static final String TEXT = "That did not work: something unexpected went wrong, and it may not have been done. "
            + "Reload the page to see how things stand now. The server's log has the details (";

    private final Clock clock;

    ErrorNotice(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(e -> e.getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        super.error(event);
        UI ui = UI.getCurrent();
        if (ui != null && shouldHandle(findRelevantThrowable(event.getThrowable()))) {
            Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Span text = new Span(TEXT + at + ").");
            text.setId("error-notice");
            StayingNotice.open(text, NotificationVariant.LUMO_ERROR); // it may be all the user learns of it
        }
    }
}
