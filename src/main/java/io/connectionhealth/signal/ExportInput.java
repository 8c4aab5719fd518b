package io.connectionhealth.signal;

/** One data export of a job run: its type, endpoint and the HTTP status the vendor answered. */
public record ExportInput(String dataExportType, String endpoint, Integer status, String error) {
}
