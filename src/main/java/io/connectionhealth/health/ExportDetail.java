package io.connectionhealth.health;

/** One data export of a job run, as listed in a health object's {@code details}. */
public record ExportDetail(String dataExportType, String endpoint, Integer status) {
}
