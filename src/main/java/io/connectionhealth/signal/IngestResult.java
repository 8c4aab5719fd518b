package io.connectionhealth.signal;

/** {@code accepted} calls were stored; {@code duplicates} had a client id already stored (or repeated in the batch). */
public record IngestResult(int accepted, int duplicates) {
}
