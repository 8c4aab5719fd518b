package io.connectionhealth.notification.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.shared.Tooltip.TooltipPosition;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ui.Clipboard;
import io.connectionhealth.base.ui.Confirmation;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.base.ui.Polling;
import io.connectionhealth.notification.Backlog;
import io.connectionhealth.notification.Delays;
import io.connectionhealth.notification.NotificationSettings;
import io.connectionhealth.notification.NotificationSettingsService;
import io.connectionhealth.notification.TestDelivery;
import io.connectionhealth.notification.WebhookService;

import java.time.Clock;
import java.time.Instant;

/**
 * The webhook endpoint's state and tools for Workspace Settings: enabled / failing since / disabled (why) with
 * re-enable, the signing secret masked (reveal, copy and rotate for admins), and "Send test event" with the
 * receiver's answer. Self-contained: give it the services and the actor.
 */
public class WebhookEndpointPanel extends VerticalLayout {

    final Div state = new Div();
    final Button enable = new Button("Re-enable endpoint");
    final Button pause = new Button("Pause deliveries…");
    public static final String NOTHING_TO_PAUSE = "Nothing to pause: no webhook URL is set now (removed meanwhile by "
            + "another admin or through the API). Reload the page to see the settings as they are.";
    static final String NO_URL_TO_SEND_TO = "Endpoint re-enabled, but no webhook URL is set now (removed meanwhile "
            + "by another admin or through the API), so nothing is sent. The events that waited were marked Not sent: "
            + "once a URL is saved, Send now or Replay now sends them. Reload the page to see the settings as they are.";
    final TextField secret = new TextField("Signing secret");
    final Button reveal = new Button("Reveal");
    final Button copy = new Button("Copy");
    final Button rotate = new Button("Rotate secret…");
    final Span secretNote = new Span();
    final Button sendTest = new Button("Send test event");
    private java.util.function.BooleanSupplier unsavedUrl = () -> false;
    final Div testResult = new Div();

    private final NotificationSettingsService settings;
    private final WebhookService webhooks;
    private final Actor actor;
    private final Clock clock;
    private boolean revealed;
    private Runnable onResume = () -> {
    };

    public WebhookEndpointPanel(NotificationSettingsService settings, WebhookService webhooks, Actor actor, Clock clock) {
        this.settings = settings;
        this.webhooks = webhooks;
        this.actor = actor;
        this.clock = clock;
        setPadding(false);
        setId("webhook-endpoint");

        enable.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        enable.addClickListener(e -> {
            NotificationSettings now = settings.get(actor);
            if (now.disabled() && !java.util.Objects.equals(now.disabledAt(), shownDisabledAt)) {
                // stopped again since this page showed it, another admin's pause say: re-enabling would undo it unseen
                Confirmation.open("Stopped again meanwhile", "Since this page was shown, the endpoint was stopped again "
                                + Formats.exact(now.disabledAt()) + ". " + (now.disabledReason() == null ? ""
                                : now.disabledReason() + " ") + "Re-enable it anyway?", "Re-enable", false, this::reenable)
                        .onCancel(this::refresh);
            } else {
                reenable();
            }
        });

        pause.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        pause.addClickListener(e -> Confirmation.open("Pause the deliveries?", "No event is sent until you re-enable "
                        + "the endpoint here. Events are still recorded meanwhile and wait; re-enabling sends them.",
                "Pause", false, () -> {
                    try {
                        webhooks.pause(actor);
                        show("Deliveries paused; events wait until the endpoint is re-enabled.");
                    } catch (ValidationException ex) {
                        // another admin removed the URL since this page showed it
                        com.vaadin.flow.component.notification.Notification.show(NOTHING_TO_PAUSE)
                                .addThemeVariants(NotificationVariant.LUMO_WARNING);
                    }
                    refresh();
                }));

        secret.setReadOnly(true);
        secret.setWidth("34em");
        secret.setMaxWidth("100%"); // a phone's width: the field narrows rather than the page scrolling sideways
        secret.setHelperText("Receivers verify the webhook-signature header with it (Standard Webhooks).");
        reveal.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        reveal.addClickListener(e -> {
            revealed = !revealed;
            refresh();
        });
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        copy.addClickListener(e -> Clipboard.copy(copy, settings.get(actor).signingSecret(), "Signing secret copied.",
                () -> {
                    revealed = true;
                    refresh();
                    secret.focus();
                }));
        secret.setAutoselect(true);
        rotate.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        rotate.addClickListener(e -> confirmRotation());
        secretNote.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        HorizontalLayout secretRow = new HorizontalLayout(secret, reveal, copy, rotate);
        secretRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        secretRow.setWrap(true);
        secretRow.setWidthFull(); // so that the field's max width of 100% is the page's on a phone

        sendTest.addClickListener(e -> sendTest());
        // beside the button: below it, the tooltip (kept while the button has the focus) covered the result
        sendTest.setTooltipText("Sends a signed sample event to the saved URL now").withPosition(TooltipPosition.END);
        testResult.setId("webhook-test-result");
        // read out when it changes: the focus stays on the button, and a failed test is what most needs hearing
        testResult.getElement().setAttribute("role", "status");
        testResult.setWidthFull();
        Formats.wrapAnywhere(testResult);

        boolean admin = actor.isAdmin();
        reveal.setVisible(admin);
        copy.setVisible(admin);
        rotate.setVisible(admin);
        sendTest.setVisible(admin);

        add(new H3("Webhook delivery"),
                new Paragraph("Each event is POSTed with webhook-id, webhook-timestamp and webhook-signature headers, "
                        + (webhooks.retrySchedule().isEmpty() ? "not retried (the retry schedule is empty)"
                        : "retried on any non-2xx answer or timeout (after " + Delays.of(webhooks.retrySchedule())
                        + " in turn" + (webhooks.retryJitter() > 0 ? ", up to " + Math.round(webhooks.retryJitter() * 100)
                        + " % later" : "") + ", never sooner than a Retry-After asks)")
                        + ", at least once and in no guaranteed order: de-duplicate on webhook-id."),
                state, new Div(enable, pause), secretRow, secretNote, sendTest, testResult);
        refresh();
        // the endpoint's state and what waits move with every delivery: read again while the page is open (its
        // buttons are outside what is rebuilt, so a focused one keeps the focus)
        addAttachListener(attach -> {
            Polling.start(attach.getUI(), POLL_KEY, POLL_MILLIS);
            Registration polling = attach.getUI().addPollListener(poll -> refresh());
            addDetachListener(detach -> {
                polling.remove();
                Polling.stop(detach.getUI(), POLL_KEY);
                detach.unregisterListener();
            });
        });
    }

    static final String POLL_KEY = "webhook-endpoint";
    static final int POLL_MILLIS = 30_000;

    /**
     * Tells whether the page holds an edited URL not saved yet: the test goes to the saved URL, and a green "Delivered"
     * for it read as the new URL working.
     */
    public void checkUnsavedUrl(java.util.function.BooleanSupplier unsaved) {
        unsavedUrl = unsaved;
    }

    /** Runs after the endpoint is re-enabled, when the events that waited for it go out (the delivery log's refresh). */
    public void onResume(Runnable action) {
        onResume = action;
    }

    /** Whether deliveries are stopped (paused or disabled), as the state shown says. */
    private boolean stopped;
    /** When the stop shown began: a Re-enable after a newer stop (another admin's pause) asks first. */
    private Instant shownDisabledAt;

    private void reenable() {
        webhooks.enable(actor);
        // the URL may have been removed elsewhere meanwhile: then nothing waits, and nothing can be sent
        if (settings.get(actor).url() == null) {
            com.vaadin.flow.component.notification.Notification.show(NO_URL_TO_SEND_TO)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
        } else {
            show("Endpoint re-enabled; events that waited for it are being sent.");
        }
        refresh();
        onResume.run();
    }

    /** Shows the endpoint as it is now (e.g. after its URL was saved elsewhere on the page). */
    public void refresh() {
        NotificationSettings s = settings.get(actor);
        stopped = s.disabled();
        shownDisabledAt = s.disabledAt();
        state.removeAll();
        Span badge = switch (s.state()) {
            case NotificationSettings.FAILING -> WebhookFormats.badge(
                    "Failing since " + Formats.relative(s.failingSince(), clock.instant()), "error");
            case NotificationSettings.DISABLED -> WebhookFormats.badge("Disabled", "error primary");
            default -> s.url() == null ? WebhookFormats.badge("No URL", "contrast")
                    : WebhookFormats.badge("Enabled", "success");
        };
        if (s.failingSince() != null) {
            badge.getElement().setAttribute("title", "No successful delivery since " + Formats.exact(s.failingSince()));
        }
        Span lastSuccess = new Span("Last successful delivery: " + Formats.relative(s.lastSuccessAt(), clock.instant()));
        lastSuccess.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        HorizontalLayout row = new HorizontalLayout(new Span("Endpoint:"), badge, lastSuccess);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        state.add(row);
        Backlog backlog = webhooks.backlog(actor);
        if (backlog.waiting() > 0) {
            Span waiting = new Span(String.format(java.util.Locale.ENGLISH, "%,d", backlog.waiting())
                    + (backlog.waiting() == 1 ? " event waits" : " events wait")
                    + " to be sent" + (backlog.oldest() == null ? "" : ", the oldest recorded "
                    + Formats.relative(backlog.oldest(), clock.instant())) + (s.disabled()
                    ? ": they go once the endpoint is re-enabled." : "."));
            waiting.setId("webhook-backlog");
            waiting.addClassNames(LumoUtility.FontSize.SMALL);
            if (backlog.oldest() != null) {
                waiting.getElement().setAttribute("title", "Oldest waiting event recorded "
                        + Formats.exact(backlog.oldest()));
            }
            state.add(new Div(waiting));
        }
        if (s.disabled()) {
            Paragraph why = new Paragraph((s.disabledAt() == null ? "" : "Disabled " + Formats.exact(s.disabledAt())
                    + ". ") + (s.disabledReason() == null ? "" : s.disabledReason()));
            why.addClassNames(LumoUtility.TextColor.ERROR);
            state.add(why);
        }
        if (s.url() == null || s.events().isEmpty()) {
            Span nothingSent = new Span(s.url() == null ? "No URL is set, so no events are sent."
                    : "No event types are selected, so no events are sent.");
            nothingSent.addClassNames(LumoUtility.TextColor.SECONDARY);
            nothingSent.setId("webhook-nothing-sent");
            state.add(nothingSent);
        }
        // a failing endpoint recovers by itself on its next successful delivery; only a disabled one needs this
        enable.setVisible(actor.isAdmin() && s.disabled());
        pause.setVisible(actor.isAdmin() && !s.disabled() && s.url() != null);

        secret.setValue(actor.isAdmin() && revealed ? s.signingSecret() : mask(s.signingSecret()));
        reveal.setText(revealed ? "Hide" : "Reveal");
        secretNote.setText(s.previousSecretExpiresAt() != null && s.previousSecretExpiresAt().isAfter(clock.instant())
                ? "The previous secret also signs until " + Formats.exact(s.previousSecretExpiresAt())
                + ", so receivers can switch without missing an event."
                : "");
        sendTest.setEnabled(s.url() != null);
    }

    static String mask(String secret) {
        return secret == null ? "" : "whsec_" + "•".repeat(24) + secret.substring(Math.max(0, secret.length() - 4));
    }

    /**
     * Two secrets sign at most: rotating again within the grace ends the oldest one's at once, which the dialog
     * says, since a receiver may still be on it (two admins rotating, or one rotating twice).
     */
    private void confirmRotation() {
        NotificationSettings seen = settings.get(actor);
        Instant previousUntil = seen.previousSecretExpiresAt();
        boolean cutsPrevious = previousUntil != null && previousUntil.isAfter(clock.instant());
        String validity = Delays.of(webhooks.previousSecretValidity());
        String text = "A new secret signs every delivery from now on. The current one keeps signing alongside it for "
                + validity + " (the webhook-signature header carries both), so update your receiver within those "
                + validity + ".";
        if (cutsPrevious) {
            text += " The secret before the current one, which was to sign until " + Formats.exact(previousUntil)
                    + ", stops signing now: a receiver that still checks only that one rejects every event from now on.";
        }
        Confirmation.open("Rotate the signing secret?", text, cutsPrevious ? "Rotate, ending the previous secret"
                        : "Rotate", cutsPrevious, () -> {
                    if (!webhooks.rotateSecretIfStill(actor, seen.signingSecret())) {
                        com.vaadin.flow.component.notification.Notification.show("The secret was rotated elsewhere "
                                + "meanwhile, so this did nothing: the page shows the secrets as they are now. Rotate "
                                + "again if you still want a new one.").addThemeVariants(NotificationVariant.LUMO_WARNING);
                        refresh();
                        return;
                    }
                    revealed = true;
                    show("New signing secret created.");
                    refresh();
                });
    }

    /**
     * Sends on a thread of its own: a receiver may take up to the delivery timeout (15 s by default) to answer, and
     * the page must not freeze meanwhile. The page polls until the answer is in (no server push here).
     */
    private void sendTest() {
        testResult.removeAll();
        if (unsavedUrl.getAsBoolean()) {
            Paragraph first = new Paragraph("The URL above is not saved: save it first. The test event goes to the "
                    + "saved URL, " + settings.get(actor).url() + ".");
            first.addClassNames(LumoUtility.TextColor.ERROR);
            testResult.add(first);
            return;
        }
        Span sending = new Span("Sending a test event… the receiver has up to " + Delays.of(webhooks.responseTimeout())
                + " to answer.");
        sending.addClassNames(LumoUtility.TextColor.SECONDARY);
        testResult.add(sending);
        sendTest.setEnabled(false);
        UI ui = UI.getCurrent();
        Polling.start(ui, "webhook-test", 500);
        Thread.ofVirtual().name("webhook-test").start(() -> {
            TestDelivery delivery = null;
            String refused = null;
            try {
                delivery = webhooks.sendTest(actor);
            } catch (ValidationException e) {
                refused = e.getMessage();
            } catch (RuntimeException e) {
                refused = "The test event could not be sent: " + e.getMessage();
            }
            TestDelivery r = delivery;
            String why = refused;
            ui.access(() -> {
                Polling.stop(ui, "webhook-test");
                refresh(); // the endpoint's state and last success, which deliveries may have moved meanwhile
                showTestResult(r, why);
            });
        });
    }

    private void showTestResult(TestDelivery r, String refused) {
        testResult.removeAll();
        if (r == null) {
            testResult.add(new Paragraph(refused));
            return;
        }
        Span verdict = r.delivered()
                ? WebhookFormats.badge("Delivered: HTTP " + r.status(), "success")
                : WebhookFormats.badge(r.status() != null ? "Failed: HTTP " + r.status() : "Failed", "error");
        // the test's time: the answer stays on the page while the endpoint's state above moves on
        Span detail = new Span(" in " + r.durationMs() + " ms to " + r.url() + (r.error() == null ? "" : " · " + r.error())
                + " · test event sent " + Formats.exact(r.attemptedAt()));
        testResult.add(new Div(verdict, detail));
        Paragraph notRecorded = new Paragraph("Test events are not recorded: they are not in the delivery log, and "
                + "they do not count as the last successful delivery.");
        notRecorded.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        notRecorded.setId("webhook-test-not-recorded");
        testResult.add(notRecorded);
        if (stopped) { // as refresh() read it, just before
            // a green "Delivered" under a stopped endpoint had read as if the events were flowing again
            Paragraph stillStopped = new Paragraph("Deliveries stay stopped: a test goes out anyway, and the events "
                    + "wait until the endpoint is re-enabled.");
            stillStopped.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
            stillStopped.setId("webhook-test-still-stopped");
            testResult.add(stillStopped);
        }
        if (r.responseBody() != null && !r.responseBody().isEmpty()) {
            Span label = new Span("The receiver answered (first 4 KiB):");
            label.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
            Pre body = new Pre(r.responseBody());
            body.getStyle().set("white-space", "pre-wrap").set("max-height", "12em").set("overflow", "auto");
            testResult.add(label, body);
        }
    }

    private static void show(String text) {
        com.vaadin.flow.component.notification.Notification.show(text).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
