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
        assertThat(note).isEqualTo("Hello,\n\nYour HubSpot connection (acme) needs your attention: on 2026-12-07 at "
                + "17:57 UTC, HubSpot refused our access (HTTP 401). The authorization you gave us has expired or was "
                + "revoked. It last worked on 2026-12-06 at 23:10 UTC.\n\nTo restore it, please reconnect your HubSpot "
                + "account in our app, signing in again (or entering a current API key). Until then, we cannot sync "
                + "your data from it.\n\nThank you");
        assertThat(note).as("none of the dashboard's terms").doesNotContain("UNAUTHORIZED").doesNotContain("CUSTOMER")
                .doesNotContain("health").doesNotContain("resolution");
    }

    @Test
    void aRefusedPermissionAsksForEveryPermission() {
        String note = CustomerNote.forConnection(unauthorized(403, null, List.of())).orElseThrow();
        assertThat(note).contains("HubSpot refused us access to part of your data (HTTP 403). The permissions our app "
                        + "holds do not cover everything the connection needs.")
                .contains("reconnect your HubSpot account in our app and approve every permission it asks for. Until "
                        + "then, we cannot sync that data.")
                .doesNotContain("signing in again").doesNotContain("expired");
    }

    /** A job run whose other exports worked proved the authorization: the note claims only what failed (a review). */
    @Test
    void aJobRunsFailingExportsAreNamedWithoutClaimingTheWholeAuthorizationFailed() {
        String note = CustomerNote.forConnection(unauthorized(401, null, List.of(
                new ExportDetail("satisfaction_ratings", "/api/v2/satisfaction_ratings", 401),
                new ExportDetail("companies", "/v3/companies", 403),
                new ExportDetail("satisfaction_ratings", "/api/v3/satisfaction_ratings", 401)))).orElseThrow();
        assertThat(note).contains("HubSpot refused us access to part of your data (HTTP 401): we could not read "
                        + "satisfaction ratings, companies. It last worked")
                .contains("approve every permission it asks for. Until then, we cannot sync that data.")
                .doesNotContain("expired").doesNotContain("The permissions our app holds");
        assertThat(CustomerNote.forConnection(unauthorized(403, null, List.of(new ExportDetail("deal-stages", null,
                403)))).orElseThrow()).contains("(HTTP 403): we could not read deal stages. The permissions our app "
                + "holds do not cover everything the connection needs.");
    }

    @Test
    void newCredentialsThatFailedTooAreMentionedAndAfterTheLastFailureNothingIsAsked() {
        Instant renewed = Instant.parse("2026-12-07T09:00:00Z");
        assertThat(CustomerNote.forConnection(unauthorized(401, renewed, List.of())).orElseThrow())
                .contains("The new authorization of 2026-12-07 at 09:00 UTC was refused as well.");
        assertThat(CustomerNote.forConnection(unauthorized(401, Instant.parse("2026-12-07T18:00:00Z"), List.of())))
                .as("recorded after the last failure: the customer has acted, the page waits for the next signal")
                .isEmpty();
        assertThat(CustomerNote.forConnection(unauthorized(401, Instant.parse("2026-12-06T09:00:00Z"), List.of()))
                .orElseThrow()).as("before it last worked: those worked").doesNotContain("refused as well");
    }

    @Test
    void withoutANameOrCustomerOrCodeItSaysLess() {
        String note = CustomerNote.forConnection(connection(null, null, ConnectionStatus.UNHEALTHY,
                HealthName.UNAUTHORIZED, ResolutionOwner.CUSTOMER, null, null, List.of())).orElseThrow();
        assertThat(note).contains("Your hubspot connection needs your attention: on 2026-12-07 at 17:57 UTC, hubspot "
                + "refused our access. The authorization").doesNotContain("HTTP").doesNotContain("()");
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
