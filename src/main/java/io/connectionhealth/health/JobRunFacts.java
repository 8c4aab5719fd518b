package io.connectionhealth.health;

import java.util.List;

/** What the job-run rules look at. {@code hasError} says whether the run reported an error. */
public record JobRunFacts(boolean timedOut, boolean hasError, ErrorOrigin errorOrigin, List<ExportDetail> exports) {

    public JobRunFacts {
        errorOrigin = errorOrigin == null ? ErrorOrigin.VENDOR : errorOrigin;
        exports = exports == null ? List.of() : List.copyOf(exports);
    }
}
