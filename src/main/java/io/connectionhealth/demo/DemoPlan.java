package io.connectionhealth.demo;

import io.connectionhealth.demo.DemoCatalog.Integration;
import io.connectionhealth.demo.DemoCatalog.Style;
import io.connectionhealth.demo.DemoSignals.CallOutcome;
import io.connectionhealth.demo.DemoSignals.RunOutcome;
import io.connectionhealth.signal.ApiCallInput;
import io.connectionhealth.signal.JobRunInput;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The demo workspace, planned deterministically from a seed: which connections exist, what happens to each over
 * the past week (its scenario), and the API calls and job runs that tell that story. The scenarios are chosen so
 * that every status, health name, owner and rule of SPEC §2 and §3 occurs.
 */
final class DemoPlan {

    static final Duration WEEK = Duration.ofDays(7);
    /** Paused connections are paused at this age: their later signals are logged but move nothing. */
    static final Duration PAUSED_FOR = Duration.ofHours(18);

    /** What happens to a connection over the week, and the status it ends in. */
    enum Scenario {
        NEVER_USED(Style.CALLS),            // NEW: no signal at all
        SETUP_ONLY(Style.CALLS),            // NEW: only 1xx webhook handshakes (no rule, effect NONE)
        HEALTHY(Style.CALLS),               // HEALTHY: everyday traffic, 429/5xx/501 noise, rare recovered blips
        RECOVERED_REAUTH(Style.CALLS),      // HEALTHY: 401s for a day, then the customer re-authorized
        REVOKED(Style.CALLS),               // UNHEALTHY_NOW / UNAUTHORIZED (401)
        SCOPE_REMOVED(Style.CALLS),         // UNHEALTHY_NOW / UNAUTHORIZED (403)
        TIMING_OUT(Style.CALLS),            // UNHEALTHY_NOW / EXECUTION_TIMEOUT
        MAPPING_BUG(Style.CALLS),           // UNHEALTHY_NOW / INTERNAL_ERROR (500 from the platform)
        BAD_REQUESTS(Style.CALLS),          // UNHEALTHY_NOW / VENDOR_CLIENT_ERROR (400/422)
        NEVER_AUTHORIZED(Style.CALLS),      // UNHEALTHY / UNAUTHORIZED: a wrong API key from the start
        WRONG_TENANT(Style.CALLS),          // UNHEALTHY / VENDOR_CLIENT_ERROR: 404 for a wrong subdomain
        JOBS_NEVER_RUN(Style.JOBS),         // NEW
        JOBS_HEALTHY(Style.JOBS),           // HEALTHY, with the odd failed run in the past
        JOBS_PARTIAL_ACCESS(Style.JOBS),    // UNHEALTHY_NOW / UNAUTHORIZED: one export answers 403
        JOBS_TIMEOUT(Style.JOBS),           // UNHEALTHY_NOW / EXECUTION_TIMEOUT
        JOBS_INTERNAL(Style.JOBS),          // UNHEALTHY_NOW / INTERNAL_ERROR
        JOBS_RATE_LIMITED(Style.JOBS),      // UNHEALTHY_NOW / RATE_LIMIT_EXCEEDED
        JOBS_VENDOR_DOWN(Style.JOBS),       // UNHEALTHY_NOW / VENDOR_SERVER_ERROR (export 503)
        JOBS_BAD_REQUEST(Style.JOBS),       // UNHEALTHY_NOW / VENDOR_CLIENT_ERROR (export 400)
        JOBS_VENDOR_ERROR(Style.JOBS),      // UNHEALTHY_NOW / VENDOR_SERVER_ERROR (vendor error, no failing export)
        JOBS_NEVER_AUTHORIZED(Style.JOBS);  // UNHEALTHY / UNAUTHORIZED: every export 401

        final Style style;

        Scenario(Style style) {
            this.style = style;
        }
    }

    /** A connection of the plan. */
    record Planned(Integration integration, String customer, String environment, List<String> permissions,
                   Scenario scenario, boolean paused) {
    }

    /** A planned connection once created. */
    record Created(String id, Planned plan) {
    }

    /** The signals to ingest, in occurrence order. */
    record Signals(List<ApiCallInput> calls, List<JobRunInput> runs) {
    }

    private record Special(String type, Scenario scenario, boolean paused) {
    }

    /** The connections with a story; every other connection of an integration is HEALTHY / JOBS_HEALTHY. */
    private static final List<Special> SPECIALS = List.of(
            new Special("salesforce", Scenario.REVOKED, false),
            new Special("salesforce", Scenario.RECOVERED_REAUTH, false),
            new Special("salesforce", Scenario.NEVER_AUTHORIZED, false),
            new Special("salesforce", Scenario.NEVER_USED, false),
            new Special("hubspot", Scenario.SCOPE_REMOVED, false),
            new Special("hubspot", Scenario.REVOKED, true),
            new Special("hubspot", Scenario.HEALTHY, true),
            new Special("hubspot", Scenario.NEVER_USED, false),
            new Special("pipedrive", Scenario.MAPPING_BUG, false),
            new Special("zendesk", Scenario.REVOKED, false),
            new Special("zendesk", Scenario.WRONG_TENANT, false),
            new Special("jira", Scenario.TIMING_OUT, false),
            new Special("jira", Scenario.WRONG_TENANT, false),
            new Special("freshdesk", Scenario.BAD_REQUESTS, false),
            new Special("greenhouse", Scenario.MAPPING_BUG, false),
            new Special("greenhouse", Scenario.NEVER_USED, false),
            new Special("lever", Scenario.NEVER_AUTHORIZED, false),
            new Special("quickbooks", Scenario.REVOKED, false),
            new Special("xero", Scenario.RECOVERED_REAUTH, false),
            new Special("xero", Scenario.TIMING_OUT, false),
            new Special("clearbit", Scenario.NEVER_USED, false),
            new Special("apollo", Scenario.NEVER_AUTHORIZED, false),
            new Special("slack", Scenario.SCOPE_REMOVED, false),
            new Special("slack", Scenario.SETUP_ONLY, false),
            new Special("google-drive", Scenario.SCOPE_REMOVED, false),
            new Special("shopify", Scenario.BAD_REQUESTS, false),
            new Special("shopify", Scenario.SETUP_ONLY, false),
            new Special("crowdstrike", Scenario.JOBS_PARTIAL_ACCESS, false),
            new Special("crowdstrike", Scenario.JOBS_VENDOR_ERROR, false),
            new Special("crowdstrike", Scenario.JOBS_HEALTHY, true),
            new Special("okta", Scenario.JOBS_PARTIAL_ACCESS, false),
            new Special("okta", Scenario.JOBS_RATE_LIMITED, false),
            new Special("okta", Scenario.JOBS_NEVER_RUN, false),
            new Special("bamboohr", Scenario.JOBS_BAD_REQUEST, false),
            new Special("bamboohr", Scenario.JOBS_PARTIAL_ACCESS, false),
            new Special("workday", Scenario.JOBS_TIMEOUT, false),
            new Special("workday", Scenario.JOBS_VENDOR_DOWN, false),
            new Special("gusto", Scenario.JOBS_INTERNAL, false),
            new Special("gusto", Scenario.JOBS_NEVER_AUTHORIZED, false));

    private static final double[] CALL_RATES = {0.5, 1, 1.5, 2, 3, 4, 5, 7};
    private static final int FAILED_LOGINS = 6;

    private DemoPlan() {
    }

    /** About 150 connections over the catalog's integrations, each with a customer of its own per integration. */
    static List<Planned> connections(Random rnd) {
        List<Planned> planned = new ArrayList<>();
        for (Integration integration : DemoCatalog.INTEGRATIONS) {
            List<String> customers = new ArrayList<>(DemoCatalog.CUSTOMERS);
            Collections.shuffle(customers, rnd);
            List<Special> specials = SPECIALS.stream().filter(s -> s.type().equals(integration.type())).toList();
            for (int i = 0; i < integration.connections(); i++) {
                Special special = i < specials.size() ? specials.get(i) : null;
                Scenario scenario = special != null ? special.scenario()
                        : integration.style() == Style.JOBS ? Scenario.JOBS_HEALTHY : Scenario.HEALTHY;
                String environment = rnd.nextDouble() < 0.15 ? "Sandbox" : "Production";
                planned.add(new Planned(integration, customers.get(i), environment, permissions(integration, rnd),
                        scenario, special != null && special.paused()));
            }
        }
        return planned;
    }

    private static List<String> permissions(Integration integration, Random rnd) {
        List<String> scopes = new ArrayList<>();
        for (String scope : integration.scopes()) {
            if (scopes.size() < 2 || rnd.nextDouble() < 0.6) {
                scopes.add(scope);
            }
        }
        if (integration.style() == Style.CALLS && rnd.nextDouble() < 0.5) {
            scopes.add("webhook");
        }
        return scopes;
    }

    /** The week of signals that ends at {@code now} for the created connections. */
    static Signals signals(List<Created> connections, Instant now, Random rnd) {
        List<ApiCallInput> calls = new ArrayList<>();
        List<JobRunInput> runs = new ArrayList<>();
        Instant end = now.minus(Duration.ofMinutes(1));
        int[] seq = {0};
        for (Created c : connections) {
            if (c.plan().scenario().style == Style.CALLS) {
                callsFor(c, now, end, rnd, seq, calls);
            } else {
                runsFor(c, now, end, rnd, runs);
            }
        }
        // Failed authorizations before any connection existed: logged with no connection_id, moving nothing.
        List<Integration> callStyle = DemoCatalog.INTEGRATIONS.stream().filter(i -> i.style() == Style.CALLS).toList();
        for (int i = 0; i < FAILED_LOGINS; i++) {
            Instant at = now.minus(WEEK).plusSeconds(rnd.nextLong(WEEK.toSeconds() - 3_600));
            calls.add(DemoSignals.login(id(seq), null, DemoSignals.pick(callStyle, rnd),
                    DemoSignals.pick(DemoCatalog.CUSTOMERS, rnd), at, true, rnd));
        }
        calls.sort(Comparator.comparing(ApiCallInput::createdAt));
        runs.sort(Comparator.comparing(JobRunInput::finishedAt));
        return new Signals(calls, runs);
    }

    private static void callsFor(Created c, Instant now, Instant end, Random rnd, int[] seq, List<ApiCallInput> out) {
        Planned p = c.plan();
        Scenario scenario = p.scenario();
        Integration integration = p.integration();
        switch (scenario) {
            case NEVER_USED -> {
                return;
            }
            case SETUP_ONLY -> {
                Instant at = now.minus(Duration.ofMinutes(60 + rnd.nextInt(20 * 60)));
                for (int i = 0; i < 3; i++) {
                    out.add(DemoSignals.call(id(seq), c.id(), integration, p.customer(), at.plusSeconds(i * 40L),
                            CallOutcome.INFORMATIONAL, rnd));
                }
                return;
            }
            default -> {
            }
        }
        boolean neverWorked = scenario == Scenario.NEVER_AUTHORIZED || scenario == Scenario.WRONG_TENANT;
        // Some healthy connections joined during the week; the others have been there all week.
        Instant start = neverWorked ? now.minus(Duration.ofHours(24 + rnd.nextInt(72)))
                : scenario == Scenario.HEALTHY && rnd.nextDouble() < 0.2 ? now.minus(Duration.ofHours(24 + rnd.nextInt(120)))
                : now.minus(WEEK).plusSeconds(rnd.nextInt(3_600));
        double rate = neverWorked ? 0.4 : CALL_RATES[rnd.nextInt(CALL_RATES.length)];
        // The moment it broke: before the pause for paused ones, else between 10 minutes and 40 hours ago.
        Instant failAt = p.paused() ? now.minus(Duration.ofDays(3))
                : now.minus(Duration.ofMinutes(10 + rnd.nextInt(40 * 60)));
        Instant reauthFrom = now.minus(Duration.ofHours(100 + rnd.nextInt(30)));
        Instant reauthTo = reauthFrom.plus(Duration.ofHours(8 + rnd.nextInt(16)));
        CallOutcome failure = switch (scenario) {
            case REVOKED, RECOVERED_REAUTH, NEVER_AUTHORIZED -> CallOutcome.REVOKED;
            case SCOPE_REMOVED -> CallOutcome.FORBIDDEN;
            case TIMING_OUT -> CallOutcome.TIMEOUT;
            case MAPPING_BUG -> CallOutcome.INTERNAL;
            case BAD_REQUESTS -> CallOutcome.CLIENT_ERROR;
            case WRONG_TENANT -> CallOutcome.WRONG_TENANT;
            default -> null;
        };
        if (!neverWorked) {
            // The OAuth exchange when the customer connected: the first proof that it works.
            out.add(DemoSignals.login(id(seq), c.id(), integration, p.customer(), start, false, rnd));
        }
        for (Instant hour = start.truncatedTo(ChronoUnit.HOURS); hour.isBefore(end); hour = hour.plus(Duration.ofHours(1))) {
            int n = poisson(rate * diurnal(hour), rnd);
            for (int i = 0; i < n; i++) {
                Instant at = hour.plusMillis(rnd.nextLong(3_600_000));
                if (!at.isAfter(start) || at.isAfter(end)) {
                    continue;
                }
                CallOutcome outcome = switch (scenario) {
                    case HEALTHY -> !p.paused() && at.isBefore(now.minus(Duration.ofHours(2))) && rnd.nextDouble() < 0.003
                            ? DemoSignals.pick(List.of(CallOutcome.TIMEOUT, CallOutcome.REVOKED, CallOutcome.CLIENT_ERROR,
                            CallOutcome.INTERNAL, CallOutcome.FORBIDDEN), rnd)
                            : DemoSignals.everyday(integration, rnd);
                    case RECOVERED_REAUTH -> !at.isBefore(reauthFrom) && at.isBefore(reauthTo) ? failure
                            : DemoSignals.everyday(integration, rnd);
                    case NEVER_AUTHORIZED, WRONG_TENANT -> failure;
                    default -> at.isBefore(failAt) ? DemoSignals.everyday(integration, rnd) : failure;
                };
                out.add(DemoSignals.call(id(seq), c.id(), integration, p.customer(), at, outcome, rnd));
            }
        }
        // Make each story end as planned whatever the dice said: a failure at the moment it broke, a success last.
        switch (scenario) {
            case HEALTHY, RECOVERED_REAUTH -> {
                out.add(DemoSignals.call(id(seq), c.id(), integration, p.customer(),
                        end.minusSeconds(rnd.nextInt(1_800)), CallOutcome.OK, rnd));
                if (scenario == Scenario.RECOVERED_REAUTH) {
                    out.add(DemoSignals.call(id(seq), c.id(), integration, p.customer(), reauthFrom, failure, rnd));
                }
            }
            case NEVER_AUTHORIZED, WRONG_TENANT -> out.add(DemoSignals.call(id(seq), c.id(), integration, p.customer(),
                    start.plusSeconds(5), failure, rnd));
            default -> out.add(DemoSignals.call(id(seq), c.id(), integration, p.customer(), failAt, failure, rnd));
        }
    }

    private static void runsFor(Created c, Instant now, Instant end, Random rnd, List<JobRunInput> out) {
        Planned p = c.plan();
        Scenario scenario = p.scenario();
        if (scenario == Scenario.JOBS_NEVER_RUN) {
            return;
        }
        Duration every = p.integration().category().equals("hris") ? Duration.ofHours(12) : Duration.ofHours(6);
        Instant start = scenario == Scenario.JOBS_NEVER_AUTHORIZED ? now.minus(Duration.ofHours(48 + rnd.nextInt(24)))
                : now.minus(WEEK);
        Instant failAt = p.paused() ? now.minus(Duration.ofDays(3))
                : now.minus(every).minus(Duration.ofMinutes(60 + rnd.nextInt(48 * 60)));
        RunOutcome failure = switch (scenario) {
            case JOBS_PARTIAL_ACCESS -> RunOutcome.PARTIAL_ACCESS;
            case JOBS_NEVER_AUTHORIZED -> RunOutcome.NOT_AUTHORIZED;
            case JOBS_TIMEOUT -> RunOutcome.TIMEOUT;
            case JOBS_INTERNAL -> RunOutcome.INTERNAL;
            case JOBS_RATE_LIMITED -> RunOutcome.RATE_LIMITED;
            case JOBS_VENDOR_DOWN -> RunOutcome.VENDOR_DOWN;
            case JOBS_BAD_REQUEST -> RunOutcome.BAD_REQUEST;
            case JOBS_VENDOR_ERROR -> RunOutcome.VENDOR_ERROR;
            default -> null;
        };
        for (Instant at = start.plusSeconds(rnd.nextLong(every.toSeconds())); !at.isAfter(end); at = at.plus(every)) {
            RunOutcome outcome = switch (scenario) {
                case JOBS_HEALTHY -> !p.paused() && at.isBefore(now.minus(Duration.ofHours(13))) && rnd.nextDouble() < 0.06
                        ? DemoSignals.pick(List.of(RunOutcome.VENDOR_DOWN, RunOutcome.RATE_LIMITED, RunOutcome.TIMEOUT,
                        RunOutcome.VENDOR_ERROR), rnd)
                        : RunOutcome.OK;
                case JOBS_NEVER_AUTHORIZED -> failure;
                default -> at.isBefore(failAt) ? RunOutcome.OK : failure;
            };
            out.add(DemoSignals.run(c.id(), p.integration(), at, outcome, rnd));
        }
    }

    /** More calls in (European and American) working hours than at night. */
    private static double diurnal(Instant hour) {
        int h = hour.atZone(ZoneOffset.UTC).getHour();
        return h >= 7 && h <= 21 ? 0.4 + 1.2 * Math.sin(Math.PI * (h - 7) / 14.0) : 0.4;
    }

    private static int poisson(double lambda, Random rnd) {
        double limit = Math.exp(-lambda);
        double product = rnd.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= rnd.nextDouble();
            n++;
        }
        return n;
    }

    private static String id(int[] seq) {
        return "demo-" + String.format("%07d", ++seq[0]);
    }
}
