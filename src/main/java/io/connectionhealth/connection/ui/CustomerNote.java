package io.connectionhealth.connection.ui;

import io.connectionhealth.connection.Connection;
import io.connectionhealth.health.ExportDetail;
import io.connectionhealth.health.ResolutionOwner;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A draft of what to tell the customer when they must act (re-authorize): the team's next step for an unauthorized
 * connection is a message to someone who knows neither health names nor resolution owners. Plain words, the vendor
 * by the connection's name, times in UTC (the customer's zone is not known here), and what exactly to do.
 */
final class CustomerNote {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd 'at' HH:mm 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private CustomerNote() {
    }

    /** The note, for a connection whose customer must act; none for any other. */
    static Optional<String> forConnection(Connection c) {
        if (!c.status().isUnhealthy() || c.health() == null
                || c.health().resolutionOwner() != ResolutionOwner.CUSTOMER) {
            return Optional.empty();
        }
        String vendor = c.integrationName() != null && !c.integrationName().isBlank() ? c.integrationName()
                : c.integrationType();
        String account = c.externalXref() == null ? "" : " (" + c.externalXref() + ")";
        Integer code = c.lastUnhealthyCode();
        boolean permissions = code != null && code == 403;
        StringBuilder note = new StringBuilder("Hello,\n\n");
        note.append("Your ").append(vendor).append(" connection").append(account).append(" needs your attention: ");
        if (permissions) {
            note.append(vendor).append(" refused us access to some of your data");
        } else {
            note.append(vendor).append(" refused our access");
        }
        if (c.lastUnhealthyAt() != null) {
            note.append(" on ").append(TIME.format(c.lastUnhealthyAt()));
        }
        if (code != null) {
            note.append(" (HTTP ").append(code).append(")");
        }
        note.append(permissions
                ? ". The permissions granted to our app do not cover everything the connection needs"
                : ". The authorization you gave us has expired or was revoked");
        String exports = c.health().details().stream().map(ExportDetail::dataExportType).distinct()
                .collect(Collectors.joining(", "));
        note.append(exports.isEmpty() ? "." : " (it could not read: " + exports + ").");
        if (c.lastHealthyAt() != null) {
            note.append(" It last worked on ").append(TIME.format(c.lastHealthyAt())).append('.');
        }
        Instant renewed = c.credentialsUpdatedAt();
        if (renewed != null && c.lastUnhealthyAt() != null && renewed.isBefore(c.lastUnhealthyAt())
                && (c.lastHealthyAt() == null || renewed.isAfter(c.lastHealthyAt()))) {
            note.append(" The new authorization of ").append(TIME.format(renewed)).append(" was refused as well.");
        }
        note.append("\n\nTo restore it, please reconnect your ").append(vendor).append(" account in our app");
        note.append(permissions ? " and approve every permission it asks for."
                : ": sign in to " + vendor + " again (or enter a current API key).");
        note.append(permissions ? " Until then, part of your " + vendor + " data cannot be synced."
                : " Until then, we cannot sync your " + vendor + " data.").append("\n\nThank you");
        return Optional.of(note.toString());
    }
}
