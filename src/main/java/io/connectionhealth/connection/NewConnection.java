package io.connectionhealth.connection;

import java.util.List;

/** The command to create a connection. Only {@code integrationType} is required. */
public record NewConnection(String integrationType, String integrationName, List<String> categories,
                            List<String> permissions, String externalXref, String environment) {
}
