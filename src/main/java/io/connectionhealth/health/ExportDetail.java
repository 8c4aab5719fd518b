package io.connectionhealth.health;

import org.jspecify.annotations.Nullable;

/** One data export of a job run, as listed in a health object's {@code details}. */
public record ExportDetail(String dataExportType, @Nullable String endpoint, @Nullable Integer status) {
}
