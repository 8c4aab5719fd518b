package io.connectionhealth.connection.ui;

import io.connectionhealth.connection.Connection;
import io.connectionhealth.health.ApiCallFacts;
import io.connectionhealth.health.ApiCallRules;
import io.connectionhealth.health.Classification;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.ErrorOrigin;
import io.connectionhealth.health.ExportDetail;
import io.connectionhealth.health.Health;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.ResolutionOwner;
import io.connectionhealth.signal.ApiCall;
import io.connectionhealth.signal.ApiCallType;
import io.connectionhealth.signal.CallClassification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The seeds' troubleshooting guidance, per health name and status code. */
class GuidanceTest {

    private static String text(Guidance g) {
        return g.summary() + " " + String.join(" ", g.steps()) + " " + g.whoActs();
    }

    @Test
    void followsTheSeedsPerStatusCode() {
        assertThat(text(Guidance.of(HealthName.UNAUTHORIZED, 401, ResolutionOwner.CUSTOMER)))
                .contains("re-authorize").contains("Credentials updated").contains("credentials_updated")
                .contains("Who acts: the customer");
        assertThat(text(Guidance.of(HealthName.UNAUTHORIZED, 403, ResolutionOwner.CUSTOMER)))
                .contains("Compare the scopes").contains("Credentials updated")
                .as("the owner the list and its tiles show, with the team's check before it")
                .contains("Who acts: the customer, who re-authorizes").contains("Check steps 1 and 2 on your side");
        assertThat(text(Guidance.of(HealthName.HEALTHY, 404, null)))
                .contains("no data was found").contains("Verify the input");
        assertThat(text(Guidance.of(HealthName.RATE_LIMIT_EXCEEDED, 429, ResolutionOwner.PLATFORM)))
                .contains("Throttle").contains("Who acts: you");
        assertThat(text(Guidance.of(HealthName.VENDOR_SERVER_ERROR, 503, ResolutionOwner.VENDOR)))
                .contains("(503)").contains("status page").contains("Retry").contains("the vendor");
        assertThat(text(Guidance.of(HealthName.HEALTHY, 501, null))).contains("not implemented");
        assertThat(text(Guidance.of(HealthName.INTERNAL_ERROR, null, ResolutionOwner.PLATFORM)))
                .contains("integration layer itself failed");
        assertThat(text(Guidance.of(HealthName.EXECUTION_TIMEOUT, null, ResolutionOwner.PLATFORM)))
                .contains("did not finish in time");
        assertThat(text(Guidance.of(HealthName.VENDOR_CLIENT_ERROR, 404, ResolutionOwner.PLATFORM)))
                .contains("404 Not Found");
        assertThat(text(Guidance.of(HealthName.VENDOR_CLIENT_ERROR, 422, ResolutionOwner.PLATFORM)))
                .contains("client error (422)");
    }

    @Test
    void everyHealthNameHasAdvice() {
        for (HealthName name : HealthName.values()) {
            assertThat(Guidance.of(name, null, null).summary()).isNotBlank();
            assertThat(Guidance.of(name, null, null).whoActs()).as("no owner, no one named").isNull();
        }
    }

    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
    private static final String RECORD = "An admin records the new credentials with Credentials updated";

    /** A connection whose status and health follow from its timestamps and latest signal, as SPEC §3 derives them. */
    private static Connection connection(Instant lastHealthyAt, Instant lastUnhealthyAt, Integer code,
                                         Health health, Instant credentialsUpdatedAt, boolean paused) {
        return new Connection("conn_1", "ws_1", "hubspot", null, List.of(), List.of(), null, null, paused, T0, T0,
                credentialsUpdatedAt, lastHealthyAt, lastUnhealthyAt, code,
                ConnectionStatus.of(lastHealthyAt, lastUnhealthyAt), health);
    }

    private static Connection unauthorized(Instant lastHealthyAt, Instant lastUnhealthyAt, Instant credentialsUpdatedAt) {
        return connection(lastHealthyAt, lastUnhealthyAt, 401,
                Health.unhealthy(HealthName.UNAUTHORIZED, ResolutionOwner.CUSTOMER, List.of()), credentialsUpdatedAt, false);
    }

    private static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    @Test
    void aNewConnectionHasNothingToFix() {
        Guidance g = Guidance.forConnection(connection(null, null, null, null, null, false));
        assertThat(g.summary()).contains("No signal has reached this connection yet");
        assertThat(g.steps()).singleElement().asString().startsWith("Nothing to fix");
        assertThat(g.whoActs()).isNull();
    }

    @Test
    void anUnauthorizedConnectionIsToldToReauthorizeAndRecordTheCredentials() {
        Guidance g = Guidance.forConnection(unauthorized(null, at(0), null));
        assertThat(g.summary()).contains("(401)").contains("re-authorized");
        assertThat(g.steps()).hasSize(4).anySatisfy(step -> assertThat(step).startsWith(RECORD));
        assertThat(String.join(" ", g.steps())).doesNotContain("failed too").doesNotContain("Done:")
                .doesNotContain("paused").doesNotContain("data exports");
        assertThat(g.whoActs()).startsWith("Who acts: the customer");
    }

    @Test
    void aHealthyConnectionIsNotAdvisedOnTheCodeOfAnOldFailure() {
        // last_unhealthy_code stays after it recovers: a 404 then a success is not "no data was found"
        Guidance g = Guidance.forConnection(connection(at(10), at(0), 404, Health.HEALTHY, null, false));
        assertThat(g.summary()).isEqualTo("The connection works: nothing to do.");
        assertThat(g.steps()).isEmpty();
        assertThat(g.whoActs()).as("a healthy rule has no owner").isNull();
    }

    @Test
    void theFailedExportsAreTheOnesListed() {
        Health health = Health.unhealthy(HealthName.UNAUTHORIZED, ResolutionOwner.CUSTOMER,
                List.of(new ExportDetail("contacts", "/crm/contacts", 403)));
        Guidance g = Guidance.forConnection(connection(null, at(0), 403, health, null, false));
        assertThat(g.summary()).contains("(403)");
        assertThat(g.steps()).last().asString().contains("data exports listed under the health details")
                .contains("any export not listed worked");
    }

    @Test
    void credentialsRecordedAfterTheLastFailureAreTheLastStep() {
        Guidance g = Guidance.forConnection(unauthorized(null, at(0), at(5)));
        assertThat(g.steps()).hasSize(4).noneSatisfy(step -> assertThat(step).startsWith(RECORD))
                .anySatisfy(step -> assertThat(step).startsWith("Done: credentials were recorded as updated "
                        + "2026-05-04 10:05:00 UTC, after the last failure."))
                .noneSatisfy(step -> assertThat(step).contains("failed too"));
        assertThat(g.steps().get(1)).as("the other steps stay").startsWith("Ask the customer to re-authorize");
    }

    @Test
    void credentialsRecordedAndRefusedAgainStartTheChaseAgain() {
        // never healthy: the credentials were recorded, then a later call was refused
        Guidance never = Guidance.forConnection(unauthorized(null, at(10), at(5)));
        assertThat(never.steps()).hasSize(5);
        assertThat(never.steps().getFirst()).startsWith("The credentials recorded as updated 2026-05-04 10:05:00 UTC "
                + "failed too").contains("Tell the customer");
        assertThat(never.steps()).anySatisfy(step -> assertThat(step).startsWith(RECORD))
                .noneSatisfy(step -> assertThat(step).startsWith("Done:"));
        // it worked before the credentials were recorded, and fails since
        assertThat(Guidance.forConnection(unauthorized(at(1), at(10), at(5))).steps().getFirst())
                .contains("failed too");
    }

    @Test
    void credentialsThatWorkedOnceDoNotExplainALaterFailure() {
        // recorded, then a success, then a new refusal: a new chase, not "the new ones failed too"
        Guidance g = Guidance.forConnection(unauthorized(at(7), at(10), at(5)));
        assertThat(g.steps()).hasSize(4).noneSatisfy(step -> assertThat(step).contains("failed too"))
                .anySatisfy(step -> assertThat(step).startsWith(RECORD));
    }

    @Test
    void recordedCredentialsSayNothingWhereTheCustomerHasNothingToDo() {
        // a vendor outage after credentials were recorded: no credentials step to replace or repeat
        Guidance vendor = Guidance.forConnection(connection(null, at(10), 503,
                Health.unhealthy(HealthName.VENDOR_SERVER_ERROR, ResolutionOwner.VENDOR, List.of()), at(5), false));
        assertThat(vendor.steps()).hasSize(3).noneSatisfy(step -> assertThat(step).contains("credentials recorded"));
        // recorded on a connection that never failed: it works, nothing to say (the API takes them at any time)
        Guidance healthy = Guidance.forConnection(connection(at(10), null, null, Health.HEALTHY, at(5), false));
        assertThat(healthy.summary()).isEqualTo("The connection works: nothing to do.");
        assertThat(healthy.steps()).isEmpty();
    }

    @Test
    void aPausedConnectionSaysSo() {
        Guidance paused = Guidance.forConnection(connection(null, at(0), 429,
                Health.unhealthy(HealthName.RATE_LIMIT_EXCEEDED, ResolutionOwner.PLATFORM, List.of()), null, true));
        assertThat(paused.steps()).hasSize(4).last().asString().startsWith("This connection is paused");
        assertThat(paused.whoActs()).startsWith("Who acts: you");
        assertThat(Guidance.forConnection(unauthorized(null, at(0), null)).steps())
                .noneSatisfy(step -> assertThat(step).contains("paused"));
    }

    private static ApiCall call(String connectionId, Integer status, boolean timedOut) {
        Classification c = ApiCallRules.classify(new ApiCallFacts(timedOut, status, ErrorOrigin.VENDOR, false));
        return new ApiCall("call_1", "ws_1", connectionId, "hubspot", T0, ApiCallType.INBOUND, "GET", "/crm/contacts",
                status, timedOut, null, ErrorOrigin.VENDOR, 120L, null, null,
                new CallClassification(c.healthName(), c.resolutionOwner(), c.effect(), c.rule(), c.explanation()));
    }

    @Test
    void aCallIsAdvisedOnItsOwnStatusAndRule() {
        assertThat(text(Guidance.forCall(call("conn_1", 401, false)))).contains("(401)").contains("re-authorize")
                .contains("Who acts: the customer");
        assertThat(text(Guidance.forCall(call("conn_1", 403, false)))).contains("Compare the scopes");
        assertThat(text(Guidance.forCall(call("conn_1", 422, false)))).contains("client error (422)")
                .contains("Who acts: you");
        assertThat(text(Guidance.forCall(call("conn_1", null, true)))).contains("did not finish in time");
    }

    @Test
    void aCallThatCountsHealthyStillNamesWhoActsWhereSomeoneMust() {
        // SPEC §2a: effect HEALTHY rows carry no owner; the rule's own owner still says who acts on a 429 or a 5xx
        Guidance limited = Guidance.forCall(call("conn_1", 429, false));
        assertThat(limited.summary()).contains("(429)");
        assertThat(limited.whoActs()).isEqualTo("Who acts: you, the team operating the integration layer.");
        Guidance vendor = Guidance.forCall(call("conn_1", 502, false));
        assertThat(vendor.summary()).contains("(502)");
        assertThat(vendor.steps()).anySatisfy(step -> assertThat(step).contains("status page"));
        assertThat(vendor.whoActs()).startsWith("Who acts: the vendor");
        // a healthy rule has no owner: no one acts
        Guidance ok = Guidance.forCall(call("conn_1", 200, false));
        assertThat(ok.summary()).isEqualTo("The connection works: nothing to do.");
        assertThat(ok.whoActs()).isNull();
        assertThat(Guidance.forCall(call("conn_1", 501, false)).whoActs()).isNull();
    }

    @Test
    void anInformationalAnswerMovesNothing() {
        Guidance g = Guidance.forCall(call("conn_1", 102, false));
        assertThat(g.summary()).startsWith("A 102 (informational) answer matches no rule");
        assertThat(g.steps()).containsExactly("Nothing to do.");
        assertThat(g.whoActs()).isNull();
    }

    @Test
    void aRefusedSignInWithoutAConnectionBreaksNone() {
        Guidance g = Guidance.forCall(call(null, 401, false));
        assertThat(g.summary()).startsWith("The vendor refused the credentials (401) of a call that names no connection")
                .contains("no connection is broken");
        assertThat(g.steps()).hasSize(2).noneSatisfy(step -> assertThat(step).contains("Credentials updated"));
        assertThat(g.whoActs()).startsWith("Who acts: the customer");
        assertThat(Guidance.forCall(call(null, 403, false)).summary()).contains("(403)").contains("names no connection");
        // only a refusal: a vendor error without a connection is advised as any other
        assertThat(Guidance.forCall(call(null, 503, false)).summary()).contains("server error (503)");
    }

    @Test
    void aJobRunsVendorErrorWithoutAStatusSaysServerError() {
        // SPEC §2b row 7: an error with origin VENDOR and no failing export is VENDOR_SERVER_ERROR with no code
        // (an audit: it had said "server error (5xx)" where every export answered 200)
        assertThat(Guidance.of(HealthName.VENDOR_SERVER_ERROR, null, ResolutionOwner.VENDOR).summary())
                .startsWith("The job run failed on the vendor's side").doesNotContain("5xx");
        assertThat(Guidance.of(HealthName.VENDOR_SERVER_ERROR, 502, ResolutionOwner.VENDOR).summary())
                .startsWith("The vendor's API failed with a server error (502).");
        assertThat(String.join(" ", Guidance.of(HealthName.VENDOR_CLIENT_ERROR, 422, ResolutionOwner.PLATFORM).steps()))
                .as("a job run's error is on its export, not in the call log").contains("a job run's on its failing export");
        assertThat(Guidance.of(HealthName.EXECUTION_TIMEOUT, null, ResolutionOwner.PLATFORM).summary())
                .as("a timed-out job run's exports may have answered").doesNotContain("no response");
        assertThat(Guidance.of(HealthName.UNAUTHORIZED, null, ResolutionOwner.CUSTOMER).summary())
                .isEqualTo("The connection is unauthorized: its credentials are invalid, expired or revoked.");
    }

    /** SPEC's code is the first failing export's; a 401 anywhere among them needs a new sign-in first (an audit). */
    @Test
    void aJobRunWithA403BeforeA401IsAdvisedAsA401() {
        Connection both = new Connection("conn_1", "ws_1", "hubspot", null, List.of(), List.of(), null, null, false, T0,
                T0, null, T0, T0.plusSeconds(60), 403, ConnectionStatus.UNHEALTHY_NOW, new Health(HealthName.UNAUTHORIZED,
                Health.UNHEALTHY_STATUS, ResolutionOwner.CUSTOMER, "", List.of(new ExportDetail("deals", null, 403),
                        new ExportDetail("contacts", null, 401))));
        assertThat(Guidance.forConnection(both).summary()).contains("rejected the credentials (401)");
        assertThat(CustomerNote.forConnection(both).orElseThrow()).contains("(HTTP 401)")
                .doesNotContain("The permissions our app holds");
        Connection only403 = new Connection("conn_1", "ws_1", "hubspot", null, List.of(), List.of(), null, null, false,
                T0, T0, null, T0, T0.plusSeconds(60), 403, ConnectionStatus.UNHEALTHY_NOW, new Health(
                HealthName.UNAUTHORIZED, Health.UNHEALTHY_STATUS, ResolutionOwner.CUSTOMER, "",
                List.of(new ExportDetail("deals", null, 403))));
        assertThat(Guidance.forConnection(only403).summary()).contains("refused access (403)");
    }
}
