package io.connectionhealth.notification.api;

import io.connectionhealth.base.api.NullableProperties;
import io.connectionhealth.base.ApiNamed;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.notification.Delays;
import io.connectionhealth.notification.DeliveryState;
import io.connectionhealth.notification.EventType;
import io.connectionhealth.notification.WebhookProperties;
import io.connectionhealth.notification.WebhookService;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;

/**
 * What your receiver gets, in the API description's {@code webhooks} section (OpenAPI 3.1): the signed POST of each
 * event, its headers and its body (EventLog writes it).
 */
@Component
class WebhookDescription implements OpenApiCustomizer {

    private static final String GRACE = "the configured grace";
    /** The rotation's description; the API description writes in this instance's grace where it says {@link #GRACE}. */
    static final String ROTATION = "The previous secret keeps signing beside the new one for " + GRACE + ", so "
            + "receivers can switch without losing events. Two secrets sign at most: a rotation within those " + GRACE
            + " ends the oldest secret at once.";

    private final WebhookProperties properties;

    WebhookDescription(WebhookProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI api) {
        PathItem rotate = api.getPaths() == null ? null
                : api.getPaths().get("/api/v1/workspace/notification-settings/rotate-secret");
        if (rotate != null && rotate.getPost() != null && rotate.getPost().getDescription() != null) {
            rotate.getPost().setDescription(rotate.getPost().getDescription()
                    .replace(GRACE, Delays.of(properties.previousSecretValidity())));
        }
        Schema<?> trigger = new ObjectSchema().description("What caused the change")
                .addProperty("kind", new StringSchema()._enum(java.util.List.of("api_call", "job_run", "api", "ui")))
                .addProperty("id", new StringSchema().description("The API call's or job run's id, the API key's id "
                        + "(system for the demo's simulated traffic), or the dashboard user's name"));
        Schema<?> data = new ObjectSchema()
                .addProperty("workspace_id", new StringSchema())
                .addProperty("connection", new Schema<>().$ref("#/components/schemas/Connection")
                        .description("The connection as it is after the change"))
                .addProperty("previous_status", NullableProperties.nullable(new StringSchema()._enum(
                        Arrays.stream(ConnectionStatus.values()).map(Enum::name).toList())
                        .description("The status before the event; null for CONNECTION_CREATED")))
                .addProperty("trigger", trigger);
        // each is always written, null or not (NullableProperties lists the API's answers' the same way)
        trigger.setRequired(List.of("kind", "id"));
        data.setRequired(List.of("workspace_id", "connection", "previous_status", "trigger"));
        Schema<?> event = new ObjectSchema().description("A Standard Webhooks envelope")
                .addProperty("type", new StringSchema()._enum(Arrays.stream(EventType.values()).map(Enum::name).toList()))
                .addProperty("timestamp", new StringSchema().format("date-time").description("When the change "
                        + "happened (to the microsecond), the same on every try: order a connection's events by it. "
                        + "CONNECTION_DELETED is its last; a retried event can arrive after it"))
                .addProperty("data", data);
        event.setRequired(List.of("type", "timestamp", "data"));
        api.getComponents().addSchemas("ConnectionEvent", event);
        // written by a method (the state's API name), so the schema had no values of its own
        api.getComponents().getSchemas().get("Notification").getProperties().put("delivery_state", new StringSchema()
                ._enum(Arrays.stream(DeliveryState.values()).map(ApiNamed::apiName).toList())
                .description("not_sent: no URL then, or its type not selected"));
        // operationIds of their own, and said to be your receiver's: client generators turned the webhooks into
        // methods (DefaultApi.connectionEventPost) that POST to paths the server does not have
        Operation delivery = new Operation()
                .operationId("receiveConnectionEvent")
                .summary("A connection event, POSTed to your notification URL (your receiver implements this; a "
                        + "generated client has no use for it)")
                .description("""
                        Sent for the event types selected in the notification settings, at least once: \
                        de-duplicate on webhook-id (the same on every try; it is the event's id in \
                        GET /api/v1/notifications). Ordering is not guaranteed: order by the body's timestamp. \
                        Verify the signature with any Standard Webhooks library and the workspace's whsec_ secret \
                        (by hand: the HMAC key is the part after whsec_, base64-decoded); after a rotation, two \
                        signatures (old and new secret) are sent for %s, space-separated, and one that matches is \
                        enough. Each attempt is signed anew, so a webhook-timestamp more than 5 minutes from your \
                        clock may be refused. Keep handled ids as long as the retention keeps events: a resend \
                        repeats an old event's id. The test event (webhookTest) comes to the same URL.""".formatted(
                        Delays.of(properties.previousSecretValidity())))
                .addParametersItem(header("webhook-id", "The event's id, e.g. msg_…"))
                .addParametersItem(header("webhook-timestamp", "Unix seconds when this attempt was signed"))
                .addParametersItem(header("webhook-signature", "v1,<base64 HMAC-SHA256 of id.timestamp.body>"))
                .requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/ConnectionEvent")))))
                .responses(new ApiResponses()
                        .addApiResponse("2XX", new ApiResponse().description("Delivered"))
                        .addApiResponse("410", new ApiResponse().description("Gone: the endpoint is disabled at once; "
                                + "this event and the later ones wait until it is re-enabled"))
                        .addApiResponse("default", new ApiResponse().description(retried())));
        api.addWebhooks("connectionEvent", new PathItem().post(delivery));

        Schema<?> testData = new ObjectSchema()
                .addProperty("workspace_id", new StringSchema())
                .addProperty("message", new StringSchema());
        testData.setRequired(List.of("workspace_id", "message"));
        Schema<?> test = new ObjectSchema().description("The test event: sent on request only, never recorded or retried")
                .addProperty("type", new StringSchema()._enum(List.of(WebhookService.TEST_EVENT_TYPE)))
                .addProperty("timestamp", new StringSchema().format("date-time"))
                .addProperty("data", testData);
        test.setRequired(List.of("type", "timestamp", "data"));
        api.getComponents().addSchemas("WebhookTestEvent", test);
        api.addWebhooks("webhookTest", new PathItem().post(new Operation()
                .operationId("receiveTestEvent")
                .summary("The test event, POSTed to your notification URL on request (your receiver implements this)")
                .description("Sent by POST /api/v1/workspace/notification-settings/test (Send test event in Settings), "
                        + "signed and with the same headers as connectionEvent, once: its answer is returned to the "
                        + "caller, and a 410 disables nothing. Answer it with any 2xx.")
                .addParametersItem(header("webhook-id", "A fresh id, e.g. msg_…"))
                .addParametersItem(header("webhook-timestamp", "Unix seconds when it was signed"))
                .addParametersItem(header("webhook-signature", "v1,<base64 HMAC-SHA256 of id.timestamp.body>"))
                .requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/WebhookTestEvent")))))
                .responses(new ApiResponses().addApiResponse("2XX", new ApiResponse().description("Received")))));
    }

    /** What is retried and when, with this instance's settings. */
    private String retried() {
        long jitter = Math.round(properties.jitter() * 100);
        return "Anything else, no complete answer within " + Delays.of(properties.responseTimeout()) + ", or a "
                + "redirect is retried after " + Delays.of(properties.retrySchedule()) + " in turn"
                + (jitter > 0 ? " (each up to " + jitter + " % later)" : "")
                + ", never before Retry-After (honoured up to a day); then the "
                + "event is failed. With no success for " + Delays.of(properties.disableAfter())
                + ", the endpoint is disabled and events wait until it is re-enabled";
    }

    private static HeaderParameter header(String name, String description) {
        HeaderParameter header = new HeaderParameter();
        header.name(name).description(description).required(true).schema(new StringSchema());
        return header;
    }
}
