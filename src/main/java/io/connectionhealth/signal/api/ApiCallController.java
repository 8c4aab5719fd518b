package io.connectionhealth.signal.api;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.SortOrder;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ValidationException.FieldError;
import io.connectionhealth.base.api.JsonInput;
import io.connectionhealth.base.api.KeyAccess;
import io.connectionhealth.base.api.QueryParams;
import io.connectionhealth.health.ErrorOrigin;
import io.connectionhealth.signal.ApiCall;
import io.connectionhealth.signal.ApiCallFilter;
import io.connectionhealth.signal.ApiCallInput;
import io.connectionhealth.signal.SignalLog;
import io.connectionhealth.signal.ApiCallType;
import io.connectionhealth.signal.IngestResult;
import io.connectionhealth.signal.SignalIngestion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@RestController
@RequestMapping("/api/v1/apicalls")
@Tag(name = "API calls", description = "Log the calls your platform makes for each connection; the rules turn them "
        + "into the connection's health")
class ApiCallController {

    private static final Set<String> FIELDS = JsonInput.fieldsOf(SignalBodies.ApiCallIn.class);

    private final SignalIngestion ingestion;
    private final SignalLog log;

    ApiCallController(SignalIngestion ingestion, SignalLog log) {
        this.ingestion = ingestion;
        this.log = log;
    }

    /** One call object or an array of up to 10,000; stored whole or not at all. */
    @PostMapping
    @KeyAccess(KeyAccess.Level.REPORT)
    @Operation(operationId = "logApiCalls",
            summary = "Log API calls", description = "An array of up to 10,000 calls (a single call object, not in "
            + "an array, is taken too). Stored whole or "
            + "not at all: a 400 lists every invalid item. Each call is classified and the connections' health is "
            + "updated before the answer; events go to your webhook. The body may be sent with Content-Encoding: "
            + "gzip.\n\nGive each call your own `id` to make a retry safe: a call whose id is already stored in the "
            + "workspace (by any connection) is counted in `duplicates` and not stored again. The call stored first "
            + "stands; a duplicate's other fields are not compared, and the answer gives counts only. Calls sent "
            + "without an id get a generated one, so a batch sent twice without ids is stored twice. (The example "
            + "sends none, so that it can be sent more than once.)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            // described as the array only, a bare object said in words: a oneOf of the two did not compile in
            // generated Java and TypeScript clients, and the TypeScript one sent a batch as {} (its object schema
            // has no required field, so an array matched it too)
            mediaType = "application/json", array = @io.swagger.v3.oas.annotations.media.ArraySchema(
            schema = @Schema(implementation = SignalBodies.ApiCallIn.class),
            maxItems = SignalIngestion.MAX_BATCH), examples = @ExampleObject(name = "Two calls for one connection",
            description = "Put one of your connections' ids in connection_id (GET /api/v1/connections).", value = """
                    [{"connection_id": "<a connection's id>", "method": "GET",
                      "path": "/crm/contacts", "status": 200, "duration_ms": 182},
                     {"connection_id": "<a connection's id>", "method": "GET",
                      "path": "/crm/deals", "status": 401, "error": "invalid_grant: refresh token revoked",
                      "duration_ms": 95}]""")))
    IngestResult ingest(Actor actor, @RequestBody JsonNode body) {
        actor.requireReporting(); // what the key may do comes before what is wrong with the body
        List<FieldError> errors = new ArrayList<>();
        List<ApiCallInput> inputs = new ArrayList<>();
        if (body.isArray()) {
            if (body.size() > SignalIngestion.MAX_BATCH) {
                throw ValidationException.of("body", "at most " + SignalIngestion.MAX_BATCH
                        + " API calls per request, got " + body.size());
            }
            for (int i = 0; i < body.size(); i++) {
                inputs.add(parse(body.get(i), i, errors));
            }
        } else {
            inputs.add(parse(body, null, errors));
        }
        if (!errors.isEmpty()) {
            // every item is checked against the rules too, so that one answer lists every error; a field already found
            // malformed (read as absent) is not reported again for being absent
            Set<String> malformed = errors.stream().map(e -> e.index() + "/" + e.field()).collect(Collectors.toSet());
            List<Integer> positions = new ArrayList<>();
            List<ApiCallInput> readable = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                if (inputs.get(i) != null) {
                    positions.add(body.isArray() ? i : null);
                    readable.add(inputs.get(i));
                }
            }
            ingestion.problems(actor, readable, positions).stream()
                    .filter(e -> !malformed.contains(e.index() + "/" + e.field()))
                    .forEach(errors::add);
            errors.sort(Comparator.comparing(FieldError::index, Comparator.nullsFirst(Comparator.naturalOrder())));
        }
        if (!errors.isEmpty()) {
            throw ValidationException.invalid("The request has " + errors.size() + " invalid field(s)", errors);
        }
        return body.isArray() ? ingestion.ingestApiCalls(actor, inputs) : ingestion.ingestApiCall(actor, inputs.getFirst());
    }

    @GetMapping
    @Operation(operationId = "listApiCalls",
            summary = "List API calls", description = "Newest first unless order=asc; each with its classification.")
    List<ApiCall> list(Actor actor,
                       @RequestParam(name = "connection_id", required = false) String connectionId,
                       @Parameter(description = "true: only errors (status ≥ 400 or timed out); false: only the rest",
                               schema = @Schema(type = "boolean"))
                       @RequestParam(required = false) String error,
                       @Parameter(schema = @Schema(allowableValues = {"inbound", "webhook", "login"}))
                       @RequestParam(required = false) String type,
                       @Parameter(description = "The connection's integration type exactly (case-sensitive), e.g. hubspot")
                       @RequestParam(name = "integration_type", required = false) String integrationType,
                       @Parameter(description = "An HTTP status", schema = @Schema(type = "integer", minimum = "100",
                               maximum = "599"))
                       @RequestParam(required = false) String status,
                       @Parameter(description = "In any case") @RequestParam(required = false) String method,
                       @Parameter(description = "Contained in the path, as written (case-sensitive)")
                       @RequestParam(required = false) String path,
                       @Parameter(description = "From this time on", schema = @Schema(type = "string", format = "date-time"))
                       @RequestParam(name = "created_gte", required = false) String createdGte,
                       @Parameter(description = "Up to this time", schema = @Schema(type = "string", format = "date-time"))
                       @RequestParam(name = "created_lte", required = false) String createdLte,
                       @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100"))
                       @RequestParam(required = false) String limit,
                       @Parameter(schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
                       @RequestParam(required = false) String offset,
                       @Parameter(description = "By created_at", schema = @Schema(type = "string",
                               allowableValues = {"desc", "asc"}, defaultValue = "desc"))
                       @RequestParam(required = false) String order) {
        boolean newestFirst = SortOrder.descending(order);
        Integer statusValue = QueryParams.integer("status", status);
        if (statusValue != null && (statusValue < 100 || statusValue > 599)) {
            throw ValidationException.of("status", "must be between 100 and 599, was " + statusValue);
        }
        ApiCallFilter filter = new ApiCallFilter(QueryParams.text(connectionId), QueryParams.bool("error", error),
                QueryParams.enumValue("type", type, ApiCallType.class), QueryParams.text(integrationType), statusValue,
                QueryParams.text(method), QueryParams.text(path), QueryParams.instant("created_gte", createdGte),
                QueryParams.instant("created_lte", createdLte));
        return log.list(actor, filter, newestFirst, QueryParams.page(limit, offset));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getApiCall", summary = "Get one API call", description = "With its classification: why "
            + "it counted as it did. A client id holding / \\ % or ; cannot be fetched here (servers and proxies "
            + "refuse it in a path); such a call is listed by GET /api/v1/apicalls.")
    ApiCall get(Actor actor, @PathVariable String id) {
        return log.get(actor, id);
    }

    private static ApiCallInput parse(JsonNode node, Integer index, List<FieldError> errors) {
        JsonInput in = JsonInput.object(node, index, "", FIELDS, errors);
        if (in == null) {
            return null;
        }
        Boolean timedOut = in.bool("timed_out");
        return new ApiCallInput(in.text("id"), in.text("connection_id"), in.instant("created_at"),
                in.enumValue("type", ApiCallType.class), in.text("method"), in.text("path"), in.integer("status"),
                Boolean.TRUE.equals(timedOut), in.text("error"), in.enumValue("error_origin", ErrorOrigin.class),
                in.longValue("duration_ms"), in.longValue("size"), in.text("external_xref"));
    }
}
