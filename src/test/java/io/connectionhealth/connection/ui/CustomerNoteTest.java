package io.connectionhealth.connection.ui;

import io.connectionhealth.connection.Connection;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.ExportDetail;
import io.connectionhealth.health.Health;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.ResolutionOwner;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The draft for the customer: only when they must act, in their words, with what exactly to do. */
class CustomerNoteTest {

    private static final Instant WORKED = Instant.parse("2026-12-06T23:10:42Z");
    private static final Instant REFUSED = Instant.parse("2026-12-07T17:57:25Z");

    private static Connection connection(String name, String xref, ConnectionStatus status, HealthName health,
                                         ResolutionOwner owner, Integer code, Instant credentialsUpdatedAt,
                                         List<ExportDetail> details) {
        return new Connection("conn_1", "ws_1", "hubspot", name, List.of(), List.of(), xref, null, false, WORKED,
                WORKED, credentialsUpdatedAt, WORKED, REFUSED, code, status,
                new Health(health, status == ConnectionStatus.HEALTHY ? Health.HEALTHY_STATUS : Health.UNHEALTHY_STATUS,
                        owner, "", details));
    }

    private static Connection unauthorized(Integer code, Instant credentialsUpdatedAt, List<ExportDetail> details) {
        return connection("HubSpot", "acme", ConnectionStatus.UNHEALTHY_NOW, HealthName.UNAUTHORIZED,
                ResolutionOwner.CUSTOMER, code, credentialsUpdatedAt, details);
    }

    @Test
    void aRefusedSignInAsksTheCustomerToSignInAgain() {
        String note = CustomerNote.forConnection(unauthorized(401, null, List.of())).orElseThrow();
        assertThat(note).startsWith("Hello,\n\nYour HubSpot connection (acme) needs your attention: HubSpot refused "
                        + "our access on 2026-12-07 at 17:57 UTC (HTTP 401). The authorization you gave us has expired "
                        + "or was revoked. It last worked on 2026-12-06 at 23:10 UTC.")
                .contains("please reconnect your HubSpot account in our app: sign in to HubSpot again (or enter a "
                        + "current API key). Until then, we cannot sync your HubSpot data.")
                .endsWith("\n\nThank you")
                .as("none of the dashboard's terms").doesNotContain("UNAUTHORIZED").doesNotContain("CUSTOMER")
                .doesNotContain("health").doesNotContain("resolution");
    }

    @Test
    void aRefusedPermissionAsksForEveryPermissionAndNamesWhatCouldNotBeRead() {
        String note = CustomerNote.forConnection(unauthorized(403, null, List.of(
                new ExportDetail("groups", "/api/v1/groups", 403), new ExportDetail("deals", "/v3/deals", 401),
                new ExportDetail("groups", "/api/v2/groups", 403)))).orElseThrow();
        assertThat(note).contains("HubSpot refused us access to some of your data on 2026-12-07 at 17:57 UTC "
                        + "(HTTP 403). The permissions granted to our app do not cover everything the connection needs "
                        + "(it could not read: groups, deals).")
                .contains("reconnect your HubSpot account in our app and approve every permission it asks for. Until "
                        + "then, part of your HubSpot data cannot be synced.")
                .doesNotContain("sign in to HubSpot again");
    }

    @Test
    void newCredentialsThatFailedTooAreMentioned() {
        Instant renewed = Instant.parse("2026-12-07T09:00:00Z");
        assertThat(CustomerNote.forConnection(unauthorized(401, renewed, List.of())).orElseThrow())
                .contains("The new authorization of 2026-12-07 at 09:00 UTC was refused as well.");
        assertThat(CustomerNote.forConnection(unauthorized(401, Instant.parse("2026-12-07T18:00:00Z"), List.of()))
                .orElseThrow()).as("recorded after the failure: not refused yet").doesNotContain("refused as well");
        assertThat(CustomerNote.forConnection(unauthorized(401, Instant.parse("2026-12-06T09:00:00Z"), List.of()))
                .orElseThrow()).as("before it last worked: those worked").doesNotContain("refused as well");
    }

    @Test
    void withoutANameOrCustomerOrCodeItSaysLess() {
        String note = CustomerNote.forConnection(connection(null, null, ConnectionStatus.UNHEALTHY,
                HealthName.UNAUTHORIZED, ResolutionOwner.CUSTOMER, null, null, List.of())).orElseThrow();
        assertThat(note).contains("Your hubspot connection needs your attention: hubspot refused our access on "
                + "2026-12-07 at 17:57 UTC. The authorization").doesNotContain("HTTP").doesNotContain("()");
    }

    @Test
    void onlyWhileTheCustomerMustAct() {
        assertThat(CustomerNote.forConnection(connection("HubSpot", "acme", ConnectionStatus.UNHEALTHY_NOW,
                HealthName.RATE_LIMIT_EXCEEDED, ResolutionOwner.PLATFORM, 429, null, List.of()))).isEmpty();
        assertThat(CustomerNote.forConnection(connection("HubSpot", "acme", ConnectionStatus.UNHEALTHY_NOW,
                HealthName.VENDOR_SERVER_ERROR, ResolutionOwner.VENDOR, 503, null, List.of()))).isEmpty();
        assertThat(CustomerNote.forConnection(connection("HubSpot", "acme", ConnectionStatus.HEALTHY,
                HealthName.HEALTHY, null, 401, null, List.of()))).as("mended since").isEmpty();
        assertThat(CustomerNote.forConnection(connection("HubSpot", "acme", ConnectionStatus.UNHEALTHY,
                HealthName.UNAUTHORIZED, ResolutionOwner.CUSTOMER, 401, null, List.of()))).isPresent();
    }
}
