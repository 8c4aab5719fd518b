package io.connectionhealth.signal.api;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ValidationException.FieldError;
import io.connectionhealth.base.api.IdempotentCreates;
import io.connectionhealth.base.api.JsonInput;
import io.connectionhealth.base.api.KeyAccess;
import io.connectionhealth.health.ErrorOrigin;
import io.connectionhealth.signal.SignalLog;
import io.connectionhealth.signal.ExportInput;
import io.connectionhealth.signal.JobRun;
import io.connectionhealth.signal.JobRunInput;
import io.connectionhealth.signal.SignalIngestion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

@RestController
@RequestMapping("/api/v1/jobruns")
@Tag(name = "Job runs", description = "Report sync job runs; failed exports move the connection's health")
class JobRunController {

    private static final Set<String> FIELDS = JsonInput.fieldsOf(SignalBodies.JobRunIn.class);
    private static final Set<String> EXPORT_FIELDS = JsonInput.fieldsOf(SignalBodies.ExportIn.class);

    private final SignalIngestion ingestion;
    private final SignalLog log;
    private final IdempotentCreates idempotent;

    JobRunController(SignalIngestion ingestion, SignalLog log, IdempotentCreates idempotent) {
        this.ingestion = ingestion;
        this.log = log;
        this.idempotent = idempotent;
    }

    @PostMapping
    @KeyAccess(KeyAccess.Level.REPORT)
    @Operation(operationId = "reportJobRun",
            summary = "Report a job run", description = "Classified by the job-run rules (which export failed, and "
            + "how); the connection's health is updated before the answer, which is 201 with the job run and its "
            + "Location.\n\nSent twice, a run is stored twice (its health effect is the same), unless it carries an "
            + "Idempotency-Key: after a timeout, send it again with the same key. Without one, look at GET "
            + "/api/v1/connections/{id}/jobruns first.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = SignalBodies.JobRunIn.class),
            examples = @ExampleObject(name = "One export lacked permission",
            description = "Put one of your connections' ids in connection_id (GET /api/v1/connections).", value = """
                    {"connection_id": "<a connection's id>", "started_at": "2026-01-31T12:00:00Z",
                     "finished_at": "2026-01-31T12:03:10Z",
                     "exports": [{"data_export_type": "crm_contact", "endpoint": "/crm/contacts", "status": 200},
                                 {"data_export_type": "crm_deal", "endpoint": "/crm/deals", "status": 403,
                                  "error": "missing scope crm.objects.deals.read"}]}""")))
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = JobRun.class)), headers = {@Header(name = "Location",
            description = "The new job run: /api/v1/jobruns/{id}", schema = @Schema(type = "string")),
            @Header(name = IdempotentCreates.REPLAYED, description = IdempotentCreates.REPLAYED_DESCRIPTION,
                    schema = @Schema(type = "string", allowableValues = "true"))})
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was sent before with another body",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The Idempotency-Key stored a job run that retention has removed "
            + "since", content = @Content(mediaType = "application/problem+json"))
    @Parameter(name = IdempotentCreates.HEADER, in = ParameterIn.HEADER, description = IdempotentCreates.DESCRIPTION,
            schema = @Schema(type = "string", minLength = 1, maxLength = IdempotentCreates.MAX_KEY),
            example = "8e03978e-40d5-43e8-bc93-6894a57f9324")
    ResponseEntity<JobRun> ingest(Actor actor, @RequestBody JsonNode body, HttpServletRequest request) {
        actor.requireReporting(); // what the key may do comes before what is wrong with the body
        List<FieldError> errors = new ArrayList<>();
        JsonInput in = JsonInput.object(body, null, "", FIELDS, errors);
        JobRunInput run = null;
        if (in != null) {
            List<ExportInput> exports = new ArrayList<>();
            List<JsonNode> nodes = in.array("exports");
            if (nodes != null) {
                for (int i = 0; i < nodes.size(); i++) {
                    JsonInput e = JsonInput.object(nodes.get(i), null, "exports[" + i + "].", EXPORT_FIELDS, errors);
                    if (e != null) {
                        exports.add(new ExportInput(e.text("data_export_type"), e.text("endpoint"), e.integer("status"),
                                e.text("error")));
                    }
                }
            }
            run = new JobRunInput(in.text("connection_id"), in.instant("started_at"), in.instant("finished_at"),
                    Boolean.TRUE.equals(in.bool("timed_out")), in.text("error"),
                    in.enumValue("error_origin", ErrorOrigin.class), exports);
        }
        if (!errors.isEmpty()) {
            throw ValidationException.invalid("The job run is not valid", errors);
        }
        JobRunInput input = run;
        String key = IdempotentCreates.keyOf(request);
        IdempotentCreates.Created<JobRun> stored = idempotent.create(actor, IdempotentCreates.Operation.JOB_RUNS, key,
                body, () -> ingestion.ingestJobRun(actor, input), JobRun::id, id -> log.jobRun(actor, id));
        return IdempotentCreates.answer("/api/v1/jobruns/" + stored.value().id(), stored);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getJobRun", summary = "Get one job run", description = "With its classification: which "
            + "export failed, and who must act. Listed with the connection's other runs by "
            + "GET /api/v1/connections/{id}/jobruns; kept, like the API calls, until retention removes it.")
    JobRun get(Actor actor, @PathVariable String id) {
        return log.jobRun(actor, id);
    }
}
