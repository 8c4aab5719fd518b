package io.connectionhealth.connection.ui;

import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.health.ApiCallRules;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.ResolutionOwner;
import io.connectionhealth.signal.ApiCall;

import java.util.ArrayList;
import java.util.List;

/**
 * "What to do", in plain words, per health name and status code, following the seeds' troubleshooting guidance
 * (Unified.to: 401 re-authorize, 403 compare scopes, 404 enrichment check the input, 429 throttle, 5xx status page
 * and retry; Leen: the resolution owner says who acts, update credentials for UNAUTHORIZED). One place for the
 * connection detail and the API call dialog.
 */
public record Guidance(String summary, List<String> steps, String whoActs) {

    private static final String RECORD_CREDENTIALS = "An admin records the new credentials with Credentials updated "
            + "on the connection's page (or through the API: PATCH the connection with credentials_updated: true); the next "
            + "successful call or job run makes it healthy.";

    public static Guidance forConnection(Connection c) {
        if (c.status() == ConnectionStatus.NEW || c.health() == null) {
            return new Guidance("No signal has reached this connection yet, so its health is unknown.",
                    List.of("Nothing to fix: it becomes Healthy or Unhealthy with its first API call or job run."), null);
        }
        Guidance g = of(c.health().name(), c.status() == ConnectionStatus.HEALTHY ? null : adviceCode(c),
                c.health().resolutionOwner());
        List<String> steps = new ArrayList<>(g.steps());
        if (!c.health().details().isEmpty()) {
            steps.add("The data exports listed under the health details are the ones that failed; any export not "
                    + "listed worked.");
        }
        if (c.credentialsUpdatedAt() != null && c.lastUnhealthyAt() != null
                && c.credentialsUpdatedAt().isAfter(c.lastUnhealthyAt())) {
            // the chase is at its last step: say so instead of asking for the button again
            steps.replaceAll(step -> !step.equals(RECORD_CREDENTIALS) ? step : "Done: credentials were recorded as "
                    + "updated " + Formats.exact(c.credentialsUpdatedAt()) + ", after the last failure. The next "
                    + "successful call or job run makes it healthy; a new failure means they do not work either.");
        } else if (c.credentialsUpdatedAt() != null && c.status() != ConnectionStatus.HEALTHY
                && (c.lastHealthyAt() == null || c.credentialsUpdatedAt().isAfter(c.lastHealthyAt()))
                && steps.contains(RECORD_CREDENTIALS)) {
            // the new credentials were tried and failed: the chase starts again, with the customer told so
            steps.addFirst("The credentials recorded as updated " + Formats.exact(c.credentialsUpdatedAt())
                    + " failed too: a later signal was refused again. Tell the customer the new authorization did not "
                    + "work, then go through the steps again.");
        }
        if (c.isPaused()) {
            steps.add("This connection is paused: its calls and job runs are logged but do not change its health "
                    + "until it is unpaused.");
        }
        return new Guidance(g.summary(), List.copyOf(steps), g.whoActs());
    }

    /**
     * The code the advice follows: a job run's last_unhealthy_code is its first failing export's (SPEC §2b), so a 403
     * sent before a 401 had asked to compare scopes where a token was refused; any 401 among the failing exports
     * needs a new authorization first.
     */
    static Integer adviceCode(Connection c) {
        return c.health() != null && c.health().details().stream().anyMatch(d -> d.status() != null && d.status() == 401)
                ? Integer.valueOf(401) : c.lastUnhealthyCode();
    }

    public static Guidance forCall(ApiCall call) {
        if (call.classification().healthName() == null) {
            return new Guidance("A " + call.status() + " (informational) answer matches no rule: it is logged but "
                    + "moves nothing.", List.of("Nothing to do."), null);
        }
        Integer status = call.timedOut() ? null : call.status();
        // a call that counts healthy carries no owner (SPEC §2a), but a 429 or a vendor 5xx still has someone to act
        ResolutionOwner owner = call.classification().resolutionOwner() != null ? call.classification().resolutionOwner()
                : ApiCallRules.TABLE.stream().filter(r -> r.id().equals(call.classification().rule())).findFirst()
                        .map(ApiCallRules.Rule::owner).orElse(null); // a healthy rule has no owner: no one acts
        if (call.connectionId() == null && call.classification().healthName() == HealthName.UNAUTHORIZED) {
            // a sign-in refused before its connection existed: no connection is broken, none to record anything on
            return new Guidance("The vendor refused the credentials (" + (status == null ? "401 or 403" : status)
                    + ") of a call that names no connection (a sign-in before the connection existed, say): no "
                    + "connection is broken, and it moved nothing.",
                    List.of("If a customer was connecting, they may have entered wrong credentials or declined access: "
                                    + "the call's external_xref, when sent, says who; ask them to connect again.",
                            "Check that your app's own credentials with the vendor (its client id and secret) are valid: "
                                    + "a refused sign-in can be yours."), whoActs(owner));
        }
        return of(call.classification().healthName(), status, owner);
    }

    /** The advice for a health name and the HTTP status that caused it (null for timeouts and internal errors). */
    public static Guidance of(HealthName name, Integer status, ResolutionOwner owner) {
        String who = whoActs(owner);
        return switch (name) {
            case UNAUTHORIZED -> status != null && status == 403 ? new Guidance(
                    "The vendor refused access (403): one or more data objects lack permission, usually because "
                            + "the scopes the vendor grants do not match the scopes requested.",
                    List.of("Compare the scopes enabled for your app in the vendor's developer account with the "
                                    + "permissions this connection requests.",
                            "Enable the missing scopes (or request only the granted ones), then have the customer "
                                    + "re-authorize the connection.",
                            RECORD_CREDENTIALS),
                    // the rule makes the customer the owner, but the scopes are checked on the team's side first
                    owner == ResolutionOwner.CUSTOMER ? "Who acts: the customer, who re-authorizes the connection "
                            + "(the owner the rules name). Check steps 1 and 2 on your side before asking them: a "
                            + "mismatch of the scopes your app requests is the usual cause." : who)
                    : new Guidance(status != null && status == 401
                            ? "The vendor rejected the credentials (401): the connection is broken and must be "
                                    + "re-authorized."
                            : "The connection is unauthorized: its credentials are invalid, expired or revoked.",
                    List.of("Check that your app still has access to the vendor's API (access may have been revoked).",
                            "Ask the customer to re-authorize the connection, entering the correct API key or "
                                    + "signing in again.",
                            RECORD_CREDENTIALS,
                            "If it still fails only for some endpoints, contact the vendor's support."), who);
            case RATE_LIMIT_EXCEEDED -> new Guidance(
                    "The vendor's rate limit was exceeded (429). A rate-limited API call still proves the connection "
                            + "works; a job run that was limited could not finish its data.",
                    List.of("Throttle the requests your integration layer makes (back off and honour Retry-After).",
                            "Prefer the vendor's webhooks to polling where you can.",
                            "Ask the vendor for a higher rate limit if the volume is legitimate."), who);
            // no status: a job run that reported a vendor error while no export failed (SPEC §2b), no 5xx seen
            case VENDOR_SERVER_ERROR -> new Guidance((status == null
                    ? "The job run failed on the vendor's side (it reported a vendor error; no export answered a server "
                            + "error: its error text says what happened). "
                    : "The vendor's API failed with a server error (" + status + "). ")
                    + "This is usually temporary and often clears on the next call or run.",
                    List.of("Check the vendor's status page for an ongoing incident.",
                            "Retry after a short delay.",
                            "If it persists, contact the vendor with the error text and the time of the call or job "
                                    + "run."), who);
            case INTERNAL_ERROR -> new Guidance(
                    "The integration layer itself failed (a platform error, not the vendor's).",
                    List.of("Read the error text and your integration layer's logs around this time.",
                            "Fix the cause and redeploy; the next successful call or job run makes it healthy."), who);
            case EXECUTION_TIMEOUT -> new Guidance(
                    "The call or job run did not finish in time.",
                    List.of("Check whether the vendor is slow right now (its status page) or your timeout is too short.",
                            "Split large syncs into smaller pages, or raise the timeout, and retry."), who);
            case VENDOR_CLIENT_ERROR -> status != null && status == 404 ? new Guidance(
                    "The vendor answered 404 Not Found: the object or endpoint requested does not exist.",
                    List.of("Check the path and the ids your integration layer requests against the vendor's API "
                                    + "documentation.",
                            "If the object was deleted at the vendor, stop requesting it."), who)
                    : new Guidance("The vendor rejected a request as a client error ("
                            + (status == null ? "4xx" : status) + ").",
                    List.of("Check the request your integration layer sends (path, parameters, body) against the "
                                    + "vendor's API documentation.",
                            "Read the error text for the vendor's reason: an API call's in the log, a job run's on its "
                                    + "failing export (View the failing job run)."), who);
            case HEALTHY -> status != null && status == 404 ? new Guidance(
                    "404 from an enrichment integration means no data was found for the input, not a broken "
                            + "connection.",
                    List.of("Verify the input data (e.g. the email address or company name) if you expected a match."),
                    null)
                    : status != null && status == 501 ? new Guidance(
                    "501: this feature is not implemented for this integration; the connection itself works.",
                    List.of("Check the integration's documentation for the features it supports."), null)
                    : new Guidance("The connection works: nothing to do.", List.of(), null);
        };
    }

    static String whoActs(ResolutionOwner owner) {
        if (owner == null) {
            return null;
        }
        return switch (owner) {
            case CUSTOMER -> "Who acts: the customer, who must update or re-authorize their credentials.";
            case PLATFORM -> "Who acts: you, the team operating the integration layer.";
            case VENDOR -> "Who acts: the vendor. Usually temporary; watch it and retry.";
        };
    }
}
