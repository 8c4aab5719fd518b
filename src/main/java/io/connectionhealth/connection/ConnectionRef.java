package io.connectionhealth.connection;

/** What ingestion needs to know of a connection named in a signal. {@code active} = neither paused nor deleted. */
public record ConnectionRef(String id, String integrationType, boolean enrichment, boolean active) {
}
