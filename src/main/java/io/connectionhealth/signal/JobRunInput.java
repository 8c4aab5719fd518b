package io.connectionhealth.signal;

import io.connectionhealth.health.ErrorOrigin;

import java.time.Instant;
import java.util.List;

/** One sync job run as the integration layer reports it (Leen's model). */
public record JobRunInput(String connectionId, Instant startedAt, Instant finishedAt, boolean timedOut, String error,
                          ErrorOrigin errorOrigin, List<ExportInput> exports) {
}
