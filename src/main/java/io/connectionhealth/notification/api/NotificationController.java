package io.connectionhealth.notification.api;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ValidationException.FieldError;
import io.connectionhealth.base.api.JsonInput;
import io.connectionhealth.base.api.KeyAccess;
import io.connectionhealth.base.api.QueryParams;
import io.connectionhealth.notification.DeliveryConflictException;
import io.connectionhealth.notification.DeliveryState;
import io.connectionhealth.notification.EventLog;
import io.connectionhealth.notification.EventType;
import io.connectionhealth.notification.Notification;
import io.connectionhealth.notification.NotificationFilter;
import io.connectionhealth.notification.NotificationSettings;
import io.connectionhealth.notification.NotificationSettingsService;
import io.connectionhealth.notification.TestDelivery;
import io.connectionhealth.notification.WebhookService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

@RestController
class NotificationController {

    /** The longest events list taken: the types are few; a longer list is a client's fault, refused at once. */
    static final int MAX_EVENTS = 100;

    private final EventLog events;
    private final NotificationSettingsService settings;
    private final WebhookService webhooks;

    NotificationController(EventLog events, NotificationSettingsService settings, WebhookService webhooks) {
        this.events = events;
        this.settings = settings;
        this.webhooks = webhooks;
    }

    @GetMapping("/api/v1/notifications")
    @Tag(name = "Events")
    @Operation(operationId = "listEvents",
            summary = "List recorded events", description = "Newest first, each with its payload, delivery state "
            + "and delivery attempts. The id is the webhook-id your receiver saw.")
    List<Notification> list(Actor actor,
                            @RequestParam(name = "connection_id", required = false) String connectionId,
                            @Parameter(description = "An event type, e.g. CONNECTION_UNHEALTHY",
                                    schema = @Schema(implementation = EventType.class))
                            @RequestParam(required = false) String event,
                            @Parameter(schema = @Schema(allowableValues = {"not_sent", "pending", "retrying",
                                    "delivered", "failed"}))
                            @RequestParam(name = "delivery_state", required = false) String deliveryState,
                            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100"))
                            @RequestParam(required = false) String limit,
                            @Parameter(schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
                            @RequestParam(required = false) String offset) {
        NotificationFilter filter = new NotificationFilter(QueryParams.text(connectionId),
                QueryParams.enumValue("event", event, EventType.class),
                QueryParams.enumValue("delivery_state", deliveryState, DeliveryState.class), null);
        return events.list(actor, filter, QueryParams.page(limit, offset));
    }

    @GetMapping("/api/v1/notifications/{id}")
    @Tag(name = "Events")
    @Operation(operationId = "getEvent",
            summary = "Get one event", description = "With its payload and every delivery attempt.")
    Notification get(Actor actor, @PathVariable String id) {
        return events.get(actor, id);
    }

    /** Sends the event again now (same webhook-id), with a fresh retry schedule. */
    @PostMapping("/api/v1/notifications/{id}/resend")
    @Tag(name = "Events")
    @KeyAccess(KeyAccess.Level.FULL)
    @Operation(operationId = "resendEvent", summary = "Send an event again", description = "Now, with the same "
            + "webhook-id (so receivers can de-duplicate) and a fresh retry schedule. 409 while it is being sent or "
            + "the endpoint is disabled.")
    @ApiResponse(responseCode = "202", description = "Queued")
    @ApiResponse(responseCode = "400", description = "No notification URL is saved")
    @ApiResponse(responseCode = "409", description = "Being sent right now, or the endpoint is disabled",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Notification> resend(Actor actor, @PathVariable String id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(webhooks.resend(actor, id));
    }

    record ReplayResult(int queued) {
    }

    /**
     * Body {@code {"since": "2026-01-31T12:00:00Z", "include_not_sent": false}}: queues again every failed event created
     * since then (and, asked for, those not sent whose type is selected now).
     */
    @PostMapping("/api/v1/notifications/replay")
    @Tag(name = "Events")
    @KeyAccess(KeyAccess.Level.FULL)
    @Operation(operationId = "replayEvents",
            summary = "Replay failed events", description = "Sends again, now, every event created since the given "
            + "time whose delivery failed or waits for a retry, each with a fresh schedule; with include_not_sent, also "
            + "those that were not sent (no URL then, or their type not selected) whose type is selected now.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = NotificationBodies.ReplayIn.class),
            examples = @ExampleObject(name = "Since the receiver's outage began", value = """
                    {"since": "2026-01-31T12:00:00Z", "include_not_sent": false}""")))
    @ApiResponse(responseCode = "202", description = "Queued; how many")
    @ApiResponse(responseCode = "400", description = "No notification URL is saved")
    @ApiResponse(responseCode = "409", description = "The endpoint is disabled: re-enable it first (that sends its "
            + "waiting events too)", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<ReplayResult> replay(Actor actor, @RequestBody JsonNode body) {
        actor.requireAdmin(); // what the key may do comes before what is wrong with the body
        List<FieldError> errors = new ArrayList<>();
        JsonInput in = JsonInput.object(body, null, "", JsonInput.fieldsOf(NotificationBodies.ReplayIn.class), errors);
        Instant since = null;
        Boolean alsoNotSent = null;
        if (in != null) {
            since = in.instant("since");
            alsoNotSent = in.switchValue("include_not_sent");
            if (since == null && errors.isEmpty()) {
                errors.add(new FieldError(null, "since", "is required (an ISO-8601 timestamp with an offset)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ValidationException.invalid("The replay request is not valid", errors);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ReplayResult(webhooks.replay(actor, since,
                Boolean.TRUE.equals(alsoNotSent))));
    }

    /**
     * The settings as the API shows them: {@code state} is enabled, failing (since {@code failing_since}) or
     * disabled ({@code disabled_reason}); after a rotation the previous secret also signs until
     * {@code previous_secret_expires_at}.
     */
    @Schema(name = "NotificationSettings")
    record SettingsBody(@Nullable String url, List<EventType> events, @Nullable String signingSecret,
                        @Schema(allowableValues = {NotificationSettings.ENABLED, NotificationSettings.FAILING,
                                NotificationSettings.DISABLED}) String state,
                        @Nullable Instant failingSince, @Nullable String disabledReason, @Nullable Instant disabledAt,
                        @Nullable Instant lastSuccessAt, @Nullable Instant previousSecretExpiresAt) {
        static SettingsBody of(NotificationSettings s) {
            return new SettingsBody(s.url(), s.events(), s.signingSecret(), s.state(), s.failingSince(),
                    s.disabledReason(), s.disabledAt(), s.lastSuccessAt(), s.previousSecretExpiresAt());
        }
    }

    /** Signs and sends a test event now; answers 200 with the receiver's answer, whatever it was. */
    @PostMapping("/api/v1/workspace/notification-settings/test")
    @Tag(name = "Notification settings")
    @KeyAccess(KeyAccess.Level.FULL)
    @Operation(operationId = "sendTestEvent",
            summary = "Send a test event", description = "A signed WEBHOOK_TEST event to the saved URL, now; the "
            + "answer is the receiver's (status, body, time), whatever it was. Not recorded as an event.")
    @ApiResponse(responseCode = "200", description = "The receiver's answer")
    @ApiResponse(responseCode = "400", description = "No notification URL is saved yet",
            content = @Content(mediaType = "application/problem+json"))
    TestDelivery test(Actor actor) {
        return webhooks.sendTest(actor);
    }

    /** A new signing secret; the previous one keeps signing alongside it for the configured grace. */
    @PostMapping("/api/v1/workspace/notification-settings/rotate-secret")
    @Tag(name = "Notification settings")
    @KeyAccess(KeyAccess.Level.FULL)
    @Operation(operationId = "rotateSigningSecret",
            summary = "Rotate the signing secret", description = WebhookDescription.ROTATION)
    SettingsBody rotateSecret(Actor actor) {
        return SettingsBody.of(webhooks.rotateSecret(actor));
    }

    /** Re-enables a failing or disabled endpoint and queues the events that waited for it. */
    @PostMapping("/api/v1/workspace/notification-settings/enable")
    @Tag(name = "Notification settings")
    @KeyAccess(KeyAccess.Level.FULL)
    @Operation(operationId = "enableEndpoint",
            summary = "Re-enable the endpoint", description = "After it was disabled (410 Gone, days without a "
            + "successful delivery, or paused with POST .../disable): queues the events that waited.")
    SettingsBody enable(Actor actor) {
        return SettingsBody.of(webhooks.enable(actor));
    }

    /** Pauses the deliveries until the endpoint is re-enabled; the events wait. */
    @PostMapping("/api/v1/workspace/notification-settings/disable")
    @Tag(name = "Notification settings")
    @KeyAccess(KeyAccess.Level.FULL)
    @Operation(operationId = "pauseEndpoint", summary = "Pause the deliveries", description = "Disables the endpoint "
            + "until it is re-enabled (POST .../enable), for a receiver's maintenance: events keep being recorded and "
            + "wait, none lost.")
    @ApiResponse(responseCode = "200", description = "The settings, the endpoint now disabled")
    @ApiResponse(responseCode = "400", description = "No notification URL is saved")
    SettingsBody disable(Actor actor) {
        return SettingsBody.of(webhooks.pause(actor));
    }

    @ExceptionHandler(DeliveryConflictException.class)
    ProblemDetail conflict(DeliveryConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Conflict");
        return problem;
    }

    @GetMapping("/api/v1/workspace/notification-settings")
    @Tag(name = "Notification settings")
    @Operation(operationId = "getNotificationSettings",
            summary = "Get the notification settings", description = "The URL, the event types sent, the signing "
            + "secret (whsec_…; null for a key without full access) and the endpoint's state: enabled, failing (since "
            + "failing_since) or disabled (disabled_reason).")
    SettingsBody getSettings(Actor actor) {
        return SettingsBody.of(settings.get(actor));
    }

    @PutMapping("/api/v1/workspace/notification-settings")
    @Tag(name = "Notification settings")
    @KeyAccess(KeyAccess.Level.FULL)
    @Operation(operationId = "saveNotificationSettings",
            summary = "Save the notification settings", description = "The same settings the dashboard edits.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = NotificationBodies.SettingsIn.class),
            examples = @ExampleObject(name = "Broken and mended connections", value = """
                    {"url": "https://example.com/webhooks/connection-health",
                     "events": ["CONNECTION_UNHEALTHY", "CONNECTION_HEALTHY"]}""")))
    SettingsBody putSettings(Actor actor, @RequestBody JsonNode body) {
        actor.requireAdmin(); // what the key may do comes before what is wrong with the body
        List<FieldError> errors = new ArrayList<>();
        JsonInput in = JsonInput.object(body, null, "", JsonInput.fieldsOf(NotificationBodies.SettingsIn.class), errors);
        List<EventType> types = null;
        String url = null;
        if (in != null) {
            // a PUT names both: a client that sent only the events must not remove the webhook without meaning to
            if (!in.present("url")) {
                errors.add(new FieldError(null, "url", "is required (null removes the webhook)"));
            }
            url = in.text("url");
            int beforeEvents = errors.size();
            List<String> names = in.stringList("events");
            if (names == null && errors.size() == beforeEvents) { // absent or null, not malformed (that error is in)
                errors.add(new FieldError(null, "events", "is required (an empty list sends none)"));
            } else if (names != null && names.size() > MAX_EVENTS) {
                // each name is checked with an exception: a million of them took 6 s to refuse (an audit)
                errors.add(new FieldError(null, "events", "lists " + names.size() + " event types; at most "
                        + MAX_EVENTS + " (there are " + EventType.values().length + ")"));
            } else if (names != null) {
                types = new ArrayList<>();
                for (String name : names) {
                    try {
                        EventType type = QueryParams.enumValue("events", name, EventType.class);
                        if (type == null) {
                            errors.add(new FieldError(null, "events", "contains an empty event type"));
                        } else {
                            types.add(type);
                        }
                    } catch (ValidationException e) {
                        errors.addAll(e.errors());
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            if (url != null && errors.stream().noneMatch(e -> "url".equals(e.field()))) {
                // the URL's own faults in the same answer, not after the events are mended
                try {
                    NotificationSettingsService.validateUrl(url);
                } catch (ValidationException e) {
                    errors.addAll(0, e.errors());
                }
            }
            throw ValidationException.invalid("The notification settings are not valid", errors);
        }
        return SettingsBody.of(settings.update(actor, url, types));
    }
}
