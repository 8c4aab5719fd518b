package io.connectionhealth.signal.api;

import io.connectionhealth.health.ErrorOrigin;
import io.connectionhealth.signal.ApiCallType;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * The request bodies of the signal endpoints as the API description shows them. The controllers read the JSON
 * themselves (to report every error at once) and accept exactly these fields ({@code JsonInput.fieldsOf}).
 */
final class SignalBodies {

    private SignalBodies() {
    }

    @Schema(name = "ApiCallIn", description = "An API call your platform made to a vendor, or received from it, for a "
            + "customer's connection. The rules classify it and move the connection's health.")
    record ApiCallIn(
            @Schema(description = "Your id for the call (at most 64 characters), the idempotency key: an id already "
                    + "stored in the workspace counts as a duplicate, not an error. Default: a generated id. An id "
                    + "holding / \\ % or ; is stored and listed but cannot be fetched by GET /api/v1/apicalls/{id}.",
                    minLength = 1, maxLength = 64, example = "req_7f3a91") String id,
            @Schema(description = "The connection the call was made for. A call without one is logged and moves "
                    + "nothing.") String connectionId,
            @Schema(description = "When the call happened. Default: now. More than 5 minutes in the future is "
                    + "refused.") Instant createdAt,
            @Schema(description = "Default: inbound.") ApiCallType type,
            @Schema(example = "GET", maxLength = 16) String method,
            @Schema(example = "/crm/contacts", maxLength = 2048) String path,
            @Schema(description = "The HTTP status the vendor answered; omit only when timed_out.", minimum = "100",
                    maximum = "599", example = "401") Integer status,
            @Schema(description = "The call timed out. Default: false.") Boolean timedOut,
            @Schema(description = "The error text; kept up to 8 KiB, longer is cut with a marker.") String error,
            @Schema(description = "Whose side the error came from. Default: VENDOR.") ErrorOrigin errorOrigin,
            @Schema(minimum = "0") Long durationMs,
            @Schema(description = "Response size in bytes.", minimum = "0") Long size,
            @Schema(description = "Your reference for the customer.", maxLength = 256) String externalXref) {
    }

    @Schema(name = "JobRunIn", description = "A sync job run for a connection: its data exports and how they went.")
    record JobRunIn(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String connectionId,
            @Schema(description = "At or before finished_at.") Instant startedAt,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "When the run ended. More than 5 "
                    + "minutes in the future is refused.") Instant finishedAt,
            @Schema(description = "The run timed out. Default: false.") Boolean timedOut,
            @Schema(description = "An error of the run as a whole; not blank (leave it out when there was none). "
                    + "Kept up to 8 KiB, longer is cut with a marker.") String error,
            @Schema(description = "Default: VENDOR.") ErrorOrigin errorOrigin,
            @ArraySchema(maxItems = 100, arraySchema = @Schema(description = "One entry per data export type."))
            List<ExportIn> exports) {
    }

    @Schema(name = "ExportIn", description = "One data export of a job run.")
    record ExportIn(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "crm_contact", minLength = 1, maxLength = 100,
                    description = "Once per job run, in any case.") String dataExportType,
            @Schema(example = "/crm/contacts", maxLength = 2048) String endpoint,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "100", maximum = "599") Integer status,
            String error) {
    }
}
