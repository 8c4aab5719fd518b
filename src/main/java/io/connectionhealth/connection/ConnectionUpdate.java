package io.connectionhealth.connection;

import java.util.List;

/**
 * A partial update: a null field is left as it is; an empty string clears an optional text field.
 * {@code credentialsUpdated} records that the customer re-entered credentials (no secret is ever stored).
 */
public record ConnectionUpdate(String integrationName, List<String> categories, List<String> permissions,
                               String externalXref, Boolean isPaused, boolean credentialsUpdated) {
}
