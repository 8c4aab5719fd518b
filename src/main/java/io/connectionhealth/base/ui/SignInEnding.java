package io.connectionhealth.base.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * A notice shortly before a sign-in reaches its time limit (12 hours by default): the session then ends at the page's
 * next request, and what was typed and not saved is lost (an audit of session ends). The page's own timer asks for it,
 * so it comes whatever page is open and whether or not the page polls.
 */
final class SignInEnding {

    /** How long before the end the notice comes; never more than half a sign-in. */
    static final Duration LEAD = Duration.ofMinutes(10);
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private SignInEnding() {
    }

    static Instant endsAt(Instant signedInAt, Duration maxAge) {
        return signedInAt.plus(maxAge);
    }

    /** How long from now until the notice is due: zero when it is due already. */
    static Duration untilNotice(Instant signedInAt, Duration maxAge, Instant now) {
        Duration lead = LEAD.compareTo(maxAge.dividedBy(2)) < 0 ? LEAD : maxAge.dividedBy(2);
        Duration left = Duration.between(now, endsAt(signedInAt, maxAge).minus(lead));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The notice, opened; none once the end has passed (the session's next request ends it). */
    static void open(Instant signedInAt, Duration maxAge, Instant now) {
        Instant end = endsAt(signedInAt, maxAge);
        if (!end.isAfter(now)) {
            return;
        }
        Span text = new Span("Your sign-in ends at " + HOUR_MINUTE.format(end.atZone(Formats.zone())) + " ("
                + Formats.until(end, now) + "): a sign-in lasts " + LoginView.words(maxAge) + ". Save what you are "
                + "working on; what is not saved then is lost. To go on longer, sign out and sign in again.");
        text.setId("sign-in-ending");
        StayingNotice.open(text, NotificationVariant.LUMO_WARNING).setPosition(Notification.Position.TOP_CENTER);
    }
}
