package io.connectionhealth.connection.api;

import io.connectionhealth.connection.ConnectionService;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * The request bodies of the connection endpoints as the API description shows them; the controller accepts exactly
 * these fields ({@code JsonInput.fieldsOf}).
 */
final class ConnectionBodies {

    /** Each category and permission, and the integration type. */
    private static final String TOKEN = "^" + ConnectionService.TOKEN_PATTERN + "$";

    private ConnectionBodies() {
    }

    @Schema(name = "NewConnection", description = "A customer's connection to a third-party integration.")
    record NewConnectionIn(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "hubspot", pattern = TOKEN,
                    description = "Letters, digits and _ . : / - (at most 64); fixed once created") String integrationType,
            @Schema(example = "HubSpot", maxLength = 200) String integrationName,
            @ArraySchema(maxItems = 16, schema = @Schema(pattern = TOKEN, example = "crm"), arraySchema = @Schema(
                    description = "What the integration is for; enrichment changes how a 404 counts (SPEC §2a)"))
            List<String> categories,
            @ArraySchema(maxItems = 50, schema = @Schema(pattern = TOKEN, example = "crm_contact_read"),
                    arraySchema = @Schema(description = "The scopes the customer granted")) List<String> permissions,
            @Schema(description = "Your reference for the customer", example = "acme-corp", maxLength = 256)
            String externalXref,
            @Schema(description = "Default: Production; fixed once created", example = "Production", maxLength = 64)
            String environment) {
    }

    @Schema(name = "ConnectionUpdate", description = "Only the fields present change; \"\" or null clears "
            + "integration_name or external_xref. A PATCH that changes nothing writes nothing and sends no event.")
    record ConnectionPatch(
            // nullable: "" or null clears, so a generated client leaves out what it was not given instead of sending
            // an empty list for it (a Java client had cleared categories and permissions on every PATCH)
            @Schema(maxLength = 200) @Nullable String integrationName,
            @ArraySchema(maxItems = 16, schema = @Schema(pattern = TOKEN)) @Nullable List<String> categories,
            @ArraySchema(maxItems = 50, schema = @Schema(pattern = TOKEN)) @Nullable List<String> permissions,
            @Schema(maxLength = 256) @Nullable String externalXref,
            // the two booleans take no null (a 400): left out, they change nothing
            @Schema(description = "A paused connection logs its signals but its health does not move") Boolean isPaused,
            @Schema(description = "true records that the customer re-authorized (credentials_updated_at); no "
                    + "secret is stored or returned") Boolean credentialsUpdated) {
    }
}
