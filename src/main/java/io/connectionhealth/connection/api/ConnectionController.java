package io.connectionhealth.connection.api;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ValidationException.FieldError;
import io.connectionhealth.base.api.CommaSeparated;
import io.connectionhealth.base.api.IdempotentCreates;
import io.connectionhealth.base.api.JsonInput;
import io.connectionhealth.base.api.KeyAccess;
import io.connectionhealth.base.api.QueryParams;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionCounts;
import io.connectionhealth.connection.ConnectionFilter;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.ConnectionSort;
import io.connectionhealth.connection.ConnectionUpdate;
import io.connectionhealth.connection.NewConnection;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.ResolutionOwner;
import io.connectionhealth.signal.SignalLog;
import io.connectionhealth.signal.JobRun;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

@RestController
@RequestMapping("/api/v1/connections")
@Tag(name = "Connections", description = "Your customers' connections: their status, health and who must act")
class ConnectionController {

    private static final Set<String> CREATE_FIELDS = JsonInput.fieldsOf(ConnectionBodies.NewConnectionIn.class);
    private static final Set<String> UPDATE_FIELDS = JsonInput.fieldsOf(ConnectionBodies.ConnectionPatch.class);
    /** A connection's fields that are set when it is created and never change: named as such, not as unknown. */
    private static final Set<String> FIXED_FIELDS = Set.of("integration_type", "environment");
    private static final Set<String> UPDATE_FIELDS_AND_FIXED = Stream.concat(UPDATE_FIELDS.stream(),
            FIXED_FIELDS.stream()).collect(Collectors.toUnmodifiableSet());

    private final ConnectionService connections;
    private final SignalLog log;
    private final IdempotentCreates idempotent;

    ConnectionController(ConnectionService connections, SignalLog log, IdempotentCreates idempotent) {
        this.connections = connections;
        this.log = log;
        this.idempotent = idempotent;
    }

    @PostMapping
    @KeyAccess(KeyAccess.Level.REPORT)
    @Operation(operationId = "createConnection",
            summary = "Create a connection", description = "Answers 201 with the connection (status NEW) and its "
            + "Location; sends CONNECTION_CREATED.\n\nSent twice, a request creates two connections, unless it carries "
            + "an Idempotency-Key: after a timeout, send it again with the same key. Without one, look for it first "
            + "(GET /api/v1/connections?integration_type=…&external_xref=…).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ConnectionBodies.NewConnectionIn.class),
            examples = @ExampleObject(name = "A customer's HubSpot", value = """
                    {"integration_type": "hubspot", "integration_name": "HubSpot", "categories": ["crm"],
                     "permissions": ["crm_contact_read", "crm_deal_read"], "external_xref": "acme-corp",
                     "environment": "Production"}""")))
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Connection.class)), headers = {@Header(name = "Location",
            description = "The new connection: /api/v1/connections/{id}", schema = @Schema(type = "string")),
            @Header(name = IdempotentCreates.REPLAYED, description = IdempotentCreates.REPLAYED_DESCRIPTION,
                    schema = @Schema(type = "string", allowableValues = "true"))})
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was sent before with another body",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The Idempotency-Key created a connection that has been deleted "
            + "since", content = @Content(mediaType = "application/problem+json"))
    @Parameter(name = IdempotentCreates.HEADER, in = ParameterIn.HEADER, description = IdempotentCreates.DESCRIPTION,
            schema = @Schema(type = "string", minLength = 1, maxLength = IdempotentCreates.MAX_KEY),
            example = "8e03978e-40d5-43e8-bc93-6894a57f9324")
    ResponseEntity<Connection> create(Actor actor, @RequestBody JsonNode body, HttpServletRequest request) {
        actor.requireReporting(); // what the key may do comes before what is wrong with the body
        List<FieldError> errors = new ArrayList<>();
        JsonInput in = JsonInput.object(body, null, "", CREATE_FIELDS, errors);
        NewConnection cmd = in == null ? null : new NewConnection(in.text("integration_type"), in.text("integration_name"),
                in.stringList("categories"), in.stringList("permissions"), in.text("external_xref"), in.text("environment"));
        if (!errors.isEmpty()) {
            if (cmd != null) {
                addRuleErrors(errors, connections.problems(cmd));
            }
            throw ValidationException.invalid("The connection is not valid", errors);
        }
        String key = IdempotentCreates.keyOf(request);
        IdempotentCreates.Created<Connection> created = idempotent.create(actor,
                IdempotentCreates.Operation.CONNECTIONS, key, body, () -> connections.create(actor, cmd),
                Connection::id, id -> connections.get(actor, id));
        return IdempotentCreates.answer("/api/v1/connections/" + created.value().id(), created);
    }

    @GetMapping
    @Operation(operationId = "listConnections", summary = "List connections", description = "Newest first by default. "
            + "Deleted connections are not listed.")
    List<Connection> list(Actor actor,
                          @Parameter(description = "One or more, comma-separated: NEW, HEALTHY, UNHEALTHY, UNHEALTHY_NOW",
                                  example = "UNHEALTHY,UNHEALTHY_NOW")
                          @RequestParam(required = false) @CommaSeparated String status,
                          @Parameter(description = "A health name, e.g. UNAUTHORIZED",
                                  schema = @Schema(implementation = HealthName.class))
                          @RequestParam(required = false) String health,
                          @Parameter(description = "Who must act on an unhealthy connection",
                                  schema = @Schema(allowableValues = {"CUSTOMER", "PLATFORM", "VENDOR"}))
                          @RequestParam(name = "resolution_owner", required = false) String owner,
                          @Parameter(description = "The integration type exactly (case-sensitive), e.g. hubspot")
                          @RequestParam(name = "integration_type", required = false) String integrationType,
                          @Parameter(description = "Connections with this category, exactly (case-sensitive), e.g. crm")
                          @RequestParam(required = false) String category,
                          @Parameter(description = "The environment exactly (case-sensitive), e.g. Production")
                          @RequestParam(required = false) String environment,
                          @Parameter(description = "Your reference for the customer, exactly (case-sensitive)")
                          @RequestParam(name = "external_xref", required = false) String externalXref,
                          @Parameter(schema = @Schema(type = "boolean"))
                          @RequestParam(name = "is_paused", required = false) String isPaused,
                          @Parameter(description = "Text contained whole, as sent (spaces included), in the id, external_xref,"
                                  + " integration type or name, in any case; an empty value is no filter")
                          @RequestParam(required = false) String q,
                          @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100"))
                          @RequestParam(required = false) String limit,
                          @Parameter(schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
                          @RequestParam(required = false) String offset,
                          @Parameter(description = "Connections without the time sorted on (never healthy, say) "
                                  + "come last in either order; ties are ordered by id", schema = @Schema(type = "string",
                                  allowableValues = {"created_at", "updated_at",
                                  "last_healthy_at", "last_unhealthy_at", "integration_type"}, defaultValue = "created_at"))
                          @RequestParam(required = false) String sort,
                          @Parameter(schema = @Schema(type = "string", allowableValues = {"desc", "asc"},
                                  defaultValue = "desc"))
                          @RequestParam(required = false) String order) {
        ConnectionFilter filter = new ConnectionFilter(
                QueryParams.enumSet("status", status, ConnectionStatus.class),
                QueryParams.enumValue("health", health, HealthName.class),
                QueryParams.enumValue("resolution_owner", owner, ResolutionOwner.class),
                QueryParams.text(integrationType), QueryParams.text(category), QueryParams.text(environment),
                QueryParams.text(externalXref), QueryParams.bool("is_paused", isPaused), QueryParams.text(q));
        return connections.list(actor, filter, ConnectionSort.parse(sort, order), QueryParams.page(limit, offset));
    }

    /**
     * How many connections the workspace has in each status, and how many unhealthy ones each owner must act on
     * (the dashboard's tiles): every status and owner is present, zeros included.
     */
    @GetMapping("/counts")
    @Operation(operationId = "countConnections",
            summary = "Count connections by status and owner", description = "What the dashboard's tiles show: "
            + "every status, and for the unhealthy ones every resolution owner, zeros included.")
    Counts counts(Actor actor) {
        ConnectionCounts counts = connections.counts(actor);
        Map<ConnectionStatus, Long> byStatus = new EnumMap<>(ConnectionStatus.class);
        for (ConnectionStatus status : ConnectionStatus.values()) {
            byStatus.put(status, counts.status(status));
        }
        Map<ResolutionOwner, Long> byOwner = new EnumMap<>(ResolutionOwner.class);
        for (ResolutionOwner owner : ResolutionOwner.values()) {
            byOwner.put(owner, counts.owner(owner));
        }
        return new Counts(counts.total(), byStatus, byOwner);
    }

    record Counts(long total, Map<ConnectionStatus, Long> byStatus, Map<ResolutionOwner, Long> unhealthyByResolutionOwner) {
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getConnection",
            summary = "Get one connection", description = "With its health: the name, who must act and why.")
    Connection get(Actor actor, @PathVariable String id) {
        return connections.get(actor, id);
    }

    /**
     * The rules' errors on the other fields, in the same answer as the malformed ones; a malformed field (read as
     * absent) is not reported again for being absent.
     */
    private static void addRuleErrors(List<FieldError> errors, List<FieldError> ruleErrors) {
        Set<String> malformed = errors.stream().map(FieldError::field).collect(java.util.stream.Collectors.toSet());
        ruleErrors.stream().filter(e -> !malformed.contains(e.field())).forEach(errors::add);
    }

    @PatchMapping("/{id}")
    @KeyAccess(KeyAccess.Level.REPORT)
    @Operation(operationId = "updateConnection",
            summary = "Update a connection", description = "Sends CONNECTION_UPDATED (and CONNECTION_PAUSED or "
            + "CONNECTION_UNPAUSED) when something changed.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ConnectionBodies.ConnectionPatch.class),
            examples = @ExampleObject(name = "The customer re-authorized with more scopes", value = """
                    {"permissions": ["crm_contact_read", "crm_deal_read", "crm_company_read"],
                     "credentials_updated": true}""")))
    Connection update(Actor actor, @PathVariable String id, @RequestBody JsonNode body) {
        actor.requireReporting();
        List<FieldError> errors = new ArrayList<>();
        JsonInput in = JsonInput.object(body, null, "", UPDATE_FIELDS_AND_FIXED, errors);
        ConnectionUpdate cmd = null;
        if (in != null) {
            FIXED_FIELDS.stream().sorted().filter(in::present).forEach(field -> errors.add(new FieldError(null, field,
                    "cannot be changed: it is set when the connection is created (create another connection)")));
            Boolean credentials = in.switchValue("credentials_updated");
            cmd = new ConnectionUpdate(in.present("integration_name") && !in.has("integration_name") ? "" : in.text("integration_name"),
                    in.stringListOrEmpty("categories"), in.stringListOrEmpty("permissions"),
                    in.present("external_xref") && !in.has("external_xref") ? "" : in.text("external_xref"),
                    in.switchValue("is_paused"), Boolean.TRUE.equals(credentials));
        }
        if (!errors.isEmpty()) {
            if (cmd != null) {
                addRuleErrors(errors, connections.problems(cmd));
            }
            throw ValidationException.invalid("The update is not valid", errors);
        }
        return connections.update(actor, id, cmd);
    }

    @DeleteMapping("/{id}")
    @KeyAccess(KeyAccess.Level.REPORT)
    @Operation(operationId = "deleteConnection",
            summary = "Delete a connection", description = "Answers 204 and sends CONNECTION_DELETED. The "
            + "connection answers 404 from then on; its calls, job runs and events stay until retention removes them.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String id) {
        connections.delete(actor, id);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    @GetMapping("/{id}/jobruns")
    @Operation(operationId = "listJobRuns",
            summary = "List a connection's job runs", description = "Newest first, each with its classification "
            + "(a deleted connection's too).")
    List<JobRun> jobRuns(Actor actor, @PathVariable String id,
                         @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100"))
                         @RequestParam(required = false) String limit,
                         @Parameter(schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
                         @RequestParam(required = false) String offset) {
        connections.requireKnown(actor, id);
        return log.jobRuns(actor, id, QueryParams.page(limit, offset));
    }
}
