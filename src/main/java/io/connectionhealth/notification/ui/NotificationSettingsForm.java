package io.connectionhealth.notification.ui;

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

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The workspace's notification webhook URL and the event types it receives: the settings the REST API edits. */
public class NotificationSettingsForm extends VerticalLayout {

    final TextField url = new TextField("Notification webhook URL");
    final CheckboxGroup<EventType> events = new CheckboxGroup<>("Events to send");
    final Button save = new Button("Save notification settings");
    /** What was saved last, to tell whether the form holds changes that would be lost by leaving. */
    private String savedUrl;
    private java.util.Set<EventType> savedEvents;
    /** The settings as this page last read or saved them: a save replaces only these. */
    private NotificationSettings read;

    public NotificationSettingsForm(NotificationSettingsService service, Actor actor, Runnable onSaved) {
        setPadding(false);
        NotificationSettings current = service.get(actor);
        url.setId("webhook-url");
        events.setId("webhook-events");
        url.setValue(current.url() == null ? "" : current.url());
        url.setPlaceholder("https://example.com/webhooks/connection-health");
        url.setHelperText("An http(s) endpoint of yours that accepts POST requests; empty sends nothing.");
        url.setWidthFull();
        url.setMaxWidth("40em");
        url.setManualValidation(true); // the service's rules decide, shown by validateUrl()
        // the server learns the text as it is typed, so that leaving by the browser's Back (no blur, no change event)
        // still asks about it; its faults are said on leaving the field, then kept current while corrected. Eager, not
        // lazy: a Back within the lazy mode's 400 ms of the last key left without asking (seen in Chromium)
        url.setValueChangeMode(ValueChangeMode.EAGER);
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
                url.focus(); // brings its message into view: on a phone the field is scrolled off above the button
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
        save(service, actor, onSaved, read, url.getValue(), List.copyOf(events.getValue()));
    }

    /** Saves these values if the settings are still {@code expected}; asks what to do when they are not. */
    private void save(NotificationSettingsService service, Actor actor, Runnable onSaved, NotificationSettings expected,
                      String urlToSave, List<EventType> eventsToSave) {
        try {
            NotificationSettings saved = service.updateIfUnchanged(actor, urlToSave, eventsToSave, expected);
            show(saved);
            // a new URL does not end a pause or a disabling: said, or the admin waits for events that wait too
            Notification.show(saved.url() != null && saved.disabled() ? "Notification settings saved. The endpoint "
                    + "stays disabled: Re-enable endpoint sends the waiting events." : "Notification settings saved.")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            onSaved.run();
        } catch (ValidationException ex) {
            url.setErrorMessage(message(ex));
            url.setInvalid(true);
            url.focus();
        } catch (NotificationSettingsService.ChangedMeanwhileException changed) {
            askAboutChange(service, actor, onSaved, changed.current());
        }
    }

    /** The settings as stored (the URL trimmed), as the page's values and as what it read. */
    private void show(NotificationSettings settings) {
        url.setValue(settings.url() == null ? "" : settings.url());
        url.setInvalid(false);
        events.setValue(java.util.Set.copyOf(settings.events()));
        remember(settings);
    }

    /**
     * Someone else saved other settings since this page read them: theirs or these, the admin says which. "Save mine"
     * saves the changes made on this page over theirs and keeps theirs of anything else, event type by event type:
     * saving the page whole had put back the URL the API had just changed when only event types were changed here, and
     * an event type they had stopped (two audits).
     */
    private void askAboutChange(NotificationSettingsService service, Actor actor, Runnable onSaved,
                                NotificationSettings theirs) {
        String readUrl = read.url() == null ? "" : read.url();
        String pageUrl = url.getValue().strip();
        java.util.Set<EventType> page = events.getValue();
        boolean urlChangedHere = !pageUrl.equals(readUrl);
        String mine = changes(readUrl.isEmpty() ? null : readUrl, read.events(), pageUrl.isEmpty() ? null : pageUrl, page);
        String what = "Since this page showed them, the webhook settings were changed by another admin or through the "
                + "API" + changes(read, theirs) + ". They now send " + (theirs.events().isEmpty() ? "no events"
                : theirs.events().size() == EventType.values().length ? "every event type"
                : String.join(", ", theirs.events().stream().map(EventType::name).sorted().toList()))
                + " to " + (theirs.url() == null ? "no URL" : theirs.url()) + ".";
        if (mine.isEmpty()) {
            // nothing of this page's own to save: theirs are what stands
            show(theirs);
            Notification.show(what + " The page shows them now.").addThemeVariants(NotificationVariant.LUMO_WARNING);
            return;
        }
        String urlToSave = urlChangedHere ? url.getValue() : theirs.url() == null ? "" : theirs.url();
        java.util.Set<EventType> merged = java.util.EnumSet.noneOf(EventType.class);
        merged.addAll(theirs.events());
        page.stream().filter(e -> !read.events().contains(e)).forEach(merged::add);
        read.events().stream().filter(e -> !page.contains(e)).forEach(merged::remove);
        List<EventType> eventsToSave = List.copyOf(merged);
        Confirmation question = Confirmation.open("Changed elsewhere meanwhile", what + " Save mine (your changes on "
                        + "this page" + mine + "; theirs to anything else are kept), or show theirs here (your changes "
                        + "on this page are dropped)?", "Save mine", true,
                () -> save(service, actor, onSaved, theirs, urlToSave, eventsToSave));
        Button showTheirs = new Button("Show theirs", e -> {
            question.close();
            show(theirs);
        });
        showTheirs.setId("show-theirs");
        question.getFooter().addComponentAtIndex(1, showTheirs);
    }

    /**
     * ": the URL, and CONNECTION_CREATED no longer sent", what differs from the settings this page showed: among seven
     * event types listed in full, a missing one was hard to spot. Empty when what differs is not shown here.
     */
    static String changes(NotificationSettings shown, NotificationSettings theirs) {
        return changes(shown.url(), shown.events(), theirs.url(), theirs.events());
    }

    private static String changes(String shownUrl, java.util.Collection<EventType> shownEvents, String otherUrl,
                                  java.util.Collection<EventType> otherEvents) {
        List<String> parts = new ArrayList<>();
        if (!Objects.equals(shownUrl, otherUrl)) {
            parts.add("the URL");
        }
        List<String> added = otherEvents.stream().filter(e -> !shownEvents.contains(e)).map(EventType::name)
                .sorted().toList();
        List<String> dropped = shownEvents.stream().filter(e -> !otherEvents.contains(e)).map(EventType::name)
                .sorted().toList();
        if (!added.isEmpty()) {
            parts.add(String.join(", ", added) + " now sent");
        }
        if (!dropped.isEmpty()) {
            parts.add(String.join(", ", dropped) + " no longer sent");
        }
        return parts.isEmpty() ? "" : ": " + String.join(", and ", parts);
    }

    private void remember(NotificationSettings saved) {
        read = saved;
        savedUrl = saved.url() == null ? "" : saved.url();
        savedEvents = java.util.Set.copyOf(saved.events());
    }

    /** Whether the URL differs from the saved one. */
    public boolean urlUnsaved() {
        return !url.getValue().strip().equals(savedUrl);
    }

    /** Whether the URL or the event types differ from what is saved. */
    public boolean unsaved() {
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
