package io.connectionhealth.workspace.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ui.Confirmation;
import io.connectionhealth.notification.EventType;
import io.connectionhealth.notification.NotificationSettings;
import io.connectionhealth.notification.NotificationSettingsService;

import java.util.List;

/** The workspace's notification webhook URL and the event types it receives: the settings the REST API edits. */
class NotificationSettingsForm extends VerticalLayout {

    final TextField url = new TextField("Notification webhook URL");
    final CheckboxGroup<EventType> events = new CheckboxGroup<>("Events to send");
    final Button save = new Button("Save notification settings");
    /** What was saved last, to tell whether the form holds changes that would be lost by leaving. */
    private String savedUrl;
    private java.util.Set<EventType> savedEvents;

    NotificationSettingsForm(NotificationSettingsService service, Actor actor, Runnable onSaved) {
        setPadding(false);
        NotificationSettings current = service.get(actor);
        url.setId("webhook-url");
        url.setValue(current.url() == null ? "" : current.url());
        url.setPlaceholder("https://example.com/webhooks/connection-health");
        url.setHelperText("An http(s) endpoint of yours that accepts POST requests; empty sends nothing.");
        url.setWidthFull();
        url.setMaxWidth("40em");
        url.setManualValidation(true); // the service's rules decide, shown by validateUrl()
        // the server learns the text while it is typed, so that leaving by the browser's Back (no blur, no change
        // event) still asks about it; its faults are said on leaving the field, then kept current while corrected
        url.setValueChangeMode(ValueChangeMode.LAZY);
        url.addBlurListener(e -> validateUrl());
        url.addValueChangeListener(e -> {
            if (url.isInvalid()) {
                validateUrl();
            }
        });
        events.setItems(EventType.values());
        events.setItemLabelGenerator(t -> t.name() + " — " + t.description());
        events.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        events.setValue(java.util.Set.copyOf(current.events()));
        remember(current);
        save.setId("save-notifications");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER).listenOn(url);
        save.addClickListener(e -> {
            if (!validateUrl()) {
                return;
            }
            if (url.getValue().isBlank() && !savedUrl.isEmpty()) {
                // an emptied field (or one left holding spaces) stops every delivery: asked, not done on an Enter
                Confirmation.open("Remove the webhook URL?", "No events are sent until a URL is set again; the "
                        + "retries waiting now are not sent either.", "Remove URL", true,
                        () -> save(service, actor, onSaved));
                return;
            }
            save(service, actor, onSaved);
        });
        add(new H2("Webhook"),
                new Paragraph("Connection Health POSTs a signed event to this URL when a selected event happens."),
                url, events, save);
    }

    private void save(NotificationSettingsService service, Actor actor, Runnable onSaved) {
        try {
            NotificationSettings saved = service.update(actor, url.getValue(), List.copyOf(events.getValue()));
            url.setValue(saved.url() == null ? "" : saved.url()); // as stored: trimmed
            remember(saved);
            Notification.show("Notification settings saved.").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            onSaved.run();
        } catch (ValidationException ex) {
            url.setErrorMessage(message(ex));
            url.setInvalid(true);
        }
    }

    private void remember(NotificationSettings saved) {
        savedUrl = saved.url() == null ? "" : saved.url();
        savedEvents = java.util.Set.copyOf(saved.events());
    }

    /** Whether the URL differs from the saved one. */
    boolean urlUnsaved() {
        return !url.getValue().strip().equals(savedUrl);
    }

    /** Whether the URL or the event types differ from what is saved. */
    boolean unsaved() {
        return urlUnsaved() || !events.getValue().equals(savedEvents);
    }

    private boolean validateUrl() {
        try {
            NotificationSettingsService.validateUrl(url.getValue());
            url.setInvalid(false);
            return true;
        } catch (ValidationException ex) {
            url.setErrorMessage(message(ex));
            url.setInvalid(true);
            return false;
        }
    }

    private static String message(ValidationException ex) {
        return ex.errors().isEmpty() ? ex.getMessage() : "The URL " + ex.errors().getFirst().message();
    }
}
