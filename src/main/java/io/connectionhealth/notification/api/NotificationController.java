package io.connectionhealth.notification.api;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ValidationException.FieldError;
import io.connectionhealth.base.api.JsonInput;
import io.connectionhealth.base.api.QueryParams;
import io.connectionhealth.notification.EventLog;
import io.connectionhealth.notification.EventType;
import io.connectionhealth.notification.Notification;
import io.connectionhealth.notification.NotificationFilter;
import io.connectionhealth.notification.NotificationSettings;
import io.connectionhealth.notification.NotificationSettingsService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

@RestController
class NotificationController {

    private final EventLog events;
    private final NotificationSettingsService settings;

    NotificationController(EventLog events, NotificationSettingsService settings) {
        this.events = events;
        this.settings = settings;
    }

    @GetMapping("/api/v1/notifications")
    List<Notification> list(Actor actor,
                            @RequestParam(name = "connection_id", required = false) String connectionId,
                            @RequestParam(required = false) String event,
                            @RequestParam(required = false) String limit,
                            @RequestParam(required = false) String offset) {
        NotificationFilter filter = new NotificationFilter(QueryParams.text(connectionId),
                QueryParams.enumValue("event", event, EventType.class), null, null);
        return events.list(actor, filter, QueryParams.page(limit, offset));
    }

    /** The settings as the API shows them. */
    record SettingsBody(String url, List<EventType> events, String signingSecret, String state) {
        static SettingsBody of(NotificationSettings s) {
            return new SettingsBody(s.url(), s.events(), s.signingSecret(), s.state());
        }
    }

    @GetMapping("/api/v1/workspace/notification-settings")
    SettingsBody getSettings(Actor actor) {
        return SettingsBody.of(settings.get(actor));
    }

    @PutMapping("/api/v1/workspace/notification-settings")
    SettingsBody putSettings(Actor actor, @RequestBody JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        JsonInput in = JsonInput.object(body, null, "", Set.of("url", "events"), errors);
        List<EventType> types = null;
        String url = null;
        if (in != null) {
            url = in.text("url");
            List<String> names = in.stringList("events");
            if (names == null && errors.isEmpty()) {
                errors.add(new FieldError(null, "events", "is required (an empty list sends none)"));
            } else if (names != null) {
                types = new ArrayList<>();
                for (String name : names) {
                    try {
                        types.add(EventType.valueOf(name));
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError(null, "events", "'" + name + "' is not an event type"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("The notification settings are not valid", errors);
        }
        return SettingsBody.of(settings.update(actor, url, types));
    }
}
