package io.connectionhealth.connection.api;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The request bodies of the connection endpoints as the API description shows them; the controller accepts exactly
 * these fields ({@code JsonInput.fieldsOf}).
 */
final class ConnectionBodies {

    private ConnectionBodies() {
    }

    @Schema(name = "NewConnection", description = "A customer's connection to a third-party integration.")
    record NewConnectionIn(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "hubspot",
                    description = "Letters, digits and _ . : / - (at most 64); fixed once created") String integrationType,
            @Schema(example = "HubSpot") String integrationName,
            @Schema(description = "At most 16, e.g. crm") List<String> categories,
            @Schema(description = "The scopes the customer granted, e.g. crm_contact_read") List<String> permissions,
            @Schema(description = "Your reference for the customer", example = "acme-corp") String externalXref,
            @Schema(description = "Default: Production; fixed once created") String environment) {
    }

    @Schema(name = "ConnectionUpdate", description = "Only the fields present change; \"\" or null clears "
            + "integration_name or external_xref. A PATCH that changes nothing writes nothing and sends no event.")
    record ConnectionPatch(
            String integrationName,
            List<String> categories,
            List<String> permissions,
            String externalXref,
            @Schema(description = "A paused connection logs its signals but its health does not move") Boolean isPaused,
            @Schema(description = "true records that the customer re-authorized (credentials_updated_at); no "
                    + "secret is stored or returned") Boolean credentialsUpdated) {
    }
}
