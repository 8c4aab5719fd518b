package io.connectionhealth.workspace.api;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ValidationException.FieldError;
import io.connectionhealth.base.api.JsonInput;
import io.connectionhealth.base.api.KeyAccess;
import io.connectionhealth.workspace.Workspace;
import io.connectionhealth.workspace.WorkspaceService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The key's workspace, and its log retention: what Settings edits, for teams that keep their setup in code. */
@RestController
@RequestMapping("/api/v1/workspace")
@Tag(name = "Workspace", description = "The workspace the API key belongs to, and how long it keeps its logs")
class WorkspaceController {

    /** What a PATCH may name besides what it may change: named as fixed, not as unknown. */
    private static final Set<String> FIXED_FIELDS = Set.of("id", "name", "created_at");
    private static final Set<String> PATCH_FIELDS_AND_FIXED = java.util.stream.Stream.concat(
            JsonInput.fieldsOf(WorkspacePatch.class).stream(), FIXED_FIELDS.stream())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final WorkspaceService workspaces;

    WorkspaceController(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    @Schema(name = "Workspace", description = "retention_days: API calls, job runs and events older than this many "
            + "days are deleted by the hourly purge")
    record WorkspaceBody(@Schema(example = "00000000-0000-0000-0000-000000000001") String id,
                         @Schema(example = "Default workspace") String name,
                         @Schema(minimum = "" + WorkspaceService.MIN_RETENTION_DAYS,
                                 maximum = "" + WorkspaceService.MAX_RETENTION_DAYS, example = "60") int retentionDays,
                         Instant createdAt) {
        static WorkspaceBody of(Workspace w) {
            return new WorkspaceBody(w.id(), w.name(), w.retentionDays(), w.createdAt());
        }
    }

    @Schema(name = "WorkspacePatch", requiredProperties = "retention_days")
    record WorkspacePatch(@Schema(description = "How many days of API calls, job runs and events to keep; a shorter "
            + "retention deletes the older ones at once", minimum = "" + WorkspaceService.MIN_RETENTION_DAYS,
            maximum = "" + WorkspaceService.MAX_RETENTION_DAYS, example = "90") Integer retentionDays) {
    }

    @GetMapping
    @Operation(operationId = "getWorkspace", summary = "Get the workspace",
            description = "Its id (the workspace_id of every connection and event), name and log retention.")
    WorkspaceBody get(Actor actor) {
        return WorkspaceBody.of(workspaces.current(actor));
    }

    @PatchMapping
    @KeyAccess(KeyAccess.Level.FULL)
    @Operation(operationId = "updateWorkspace", summary = "Change the log retention",
            description = "retention_days, 1–3650. A shorter retention deletes what it no longer keeps at once (a "
            + "purge starts within seconds; it cannot be undone), as saving it in Settings does after asking; "
            + "the change is written to the audit log with the key's id. id, name and created_at cannot be changed "
            + "(a 400 names them). The answer holds the retention this request saved.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = WorkspacePatch.class),
            examples = @ExampleObject(name = "Keep 90 days of logs", value = """
                    {"retention_days": 90}""")))
    WorkspaceBody update(Actor actor, @RequestBody JsonNode body) {
        actor.requireAdmin(); // what the key may do comes before what is wrong with the body
        List<FieldError> errors = new ArrayList<>();
        JsonInput in = JsonInput.object(body, null, "", PATCH_FIELDS_AND_FIXED, errors);
        Integer days = null;
        if (in != null) {
            FIXED_FIELDS.stream().sorted().filter(in::present).forEach(field -> errors.add(new FieldError(null, field,
                    "cannot be changed; only retention_days can")));
            int before = errors.size();
            JsonNode given = body.get("retention_days");
            if (given != null && given.isIntegralNumber() && !given.canConvertToInt()) {
                // "must be a whole number" was said of 99999999999999999999, which is one
                errors.add(new FieldError(null, "retention_days", "must be between " + WorkspaceService.MIN_RETENTION_DAYS
                        + " and " + WorkspaceService.MAX_RETENTION_DAYS + ", was " + ValidationException.clip(
                        given.asString())));
            } else {
                days = in.integer("retention_days");
            }
            if (days == null && errors.size() == before) {
                errors.add(new FieldError(null, "retention_days", "is required (a whole number of days, "
                        + WorkspaceService.MIN_RETENTION_DAYS + "–" + WorkspaceService.MAX_RETENTION_DAYS + ")"));
            }
        }
        if (!errors.isEmpty()) {
            throw ValidationException.invalid("The workspace update is not valid", errors);
        }
        int saved = workspaces.updateRetention(actor, days).days();
        // this request's value: read back, a concurrent PATCH's could be the one answered (a review: 12 of 20)
        Workspace w = workspaces.current(actor);
        return new WorkspaceBody(w.id(), w.name(), saved, w.createdAt());
    }
}
