package io.connectionhealth.signal;

import org.jspecify.annotations.Nullable;

/** One data export of a job run: its type, endpoint and the HTTP status the vendor answered. */
public record ExportInput(String dataExportType, @Nullable String endpoint, Integer status, @Nullable String error) {
}
