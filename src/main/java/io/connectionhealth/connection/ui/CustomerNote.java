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

    /**
     * The note, for a connection whose customer must act; none for any other, nor once new credentials were recorded
     * after the last failure (the customer has acted: asking again would be wrong).
     */
    static Optional<String> forConnection(Connection c) {
        if (!c.status().isUnhealthy() || c.health() == null
                || c.health().resolutionOwner() != ResolutionOwner.CUSTOMER) {
            return Optional.empty();
        }
        Instant renewed = c.credentialsUpdatedAt();
        if (renewed != null && c.lastUnhealthyAt() != null && renewed.isAfter(c.lastUnhealthyAt())) {
            return Optional.empty();
        }
        String vendor = c.integrationName() != null && !c.integrationName().isBlank() ? c.integrationName()
                : c.integrationType();
        Integer code = Guidance.adviceCode(c); // a 401 among a job run's exports asks for a new sign-in first
        // a job run's failing exports: others may have worked, so no claim about the whole authorization
        String exports = c.health().details().stream().map(ExportDetail::dataExportType)
                .map(type -> type.replace('_', ' ').replace('-', ' ')).distinct().collect(Collectors.joining(", "));
        boolean partly = !exports.isEmpty() || (code != null && code == 403);
        StringBuilder note = new StringBuilder("Hello,\n\nYour ").append(vendor).append(" connection");
        if (c.externalXref() != null) {
            note.append(" (").append(c.externalXref()).append(")");
        }
        note.append(" needs your attention: ");
        if (c.lastUnhealthyAt() != null) {
            note.append("on ").append(TIME.format(c.lastUnhealthyAt())).append(", ");
        }
        note.append(vendor).append(partly ? " refused us access to part of your data" : " refused our access");
        if (code != null) {
            note.append(" (HTTP ").append(code).append(")");
        }
        if (!exports.isEmpty()) {
            note.append(": we could not read ").append(exports);
        }
        note.append('.');
        if (code != null && code == 403) {
            note.append(" The permissions our app holds do not cover everything the connection needs.");
        } else if (!partly) {
            note.append(" The authorization you gave us has expired or was revoked.");
        }
        if (c.lastHealthyAt() != null) {
            note.append(" It last worked on ").append(TIME.format(c.lastHealthyAt())).append('.');
        }
        if (renewed != null && c.lastUnhealthyAt() != null && renewed.isBefore(c.lastUnhealthyAt())
                && (c.lastHealthyAt() == null || renewed.isAfter(c.lastHealthyAt()))) {
            note.append(" The new authorization of ").append(TIME.format(renewed)).append(" was refused as well.");
        }
        note.append("\n\nTo restore it, please reconnect your ").append(vendor).append(" account in our app");
        note.append(partly ? " and approve every permission it asks for. Until then, we cannot sync that data."
                : ", signing in again (or entering a current API key). Until then, we cannot sync your data from it.");
        note.append("\n\nThank you");
        return Optional.of(note.toString());
    }
}
