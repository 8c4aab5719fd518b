package io.connectionhealth.signal;

import org.jspecify.annotations.Nullable;

import io.connectionhealth.health.ErrorOrigin;

import java.time.Instant;
import java.util.List;

/** A stored job run with its classification. */
public record JobRun(String id, String workspaceId, String connectionId, String integrationType,
                     @Nullable Instant startedAt, Instant finishedAt, boolean timedOut, @Nullable String error, ErrorOrigin errorOrigin,
                     List<ExportInput> exports, JobRunClassification classification) {
}
