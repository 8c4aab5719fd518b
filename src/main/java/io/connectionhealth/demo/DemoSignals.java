package io.connectionhealth.demo;

import io.connectionhealth.demo.DemoCatalog.Export;
import io.connectionhealth.demo.DemoCatalog.Integration;
import io.connectionhealth.demo.DemoCatalog.Resource;
import io.connectionhealth.health.ErrorOrigin;
import io.connectionhealth.signal.ApiCallInput;
import io.connectionhealth.signal.ApiCallType;
import io.connectionhealth.signal.ExportInput;
import io.connectionhealth.signal.JobRunInput;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds realistic API calls and job runs for a demo connection: paths, methods, durations, sizes and error
 * texts that fit the integration and the outcome. Shared by the seed and the simulated traffic.
 */
final class DemoSignals {

    /** What an API call turns out to be; each one hits a different row of SPEC §2a. */
    enum CallOutcome {
        OK,              // api-2
        RATE_LIMITED,    // api-6
        VENDOR_DOWN,     // api-9
        NOT_IMPLEMENTED, // api-7
        NO_MATCH,        // api-5 (enrichment only)
        TIMEOUT,         // api-1
        REVOKED,         // api-3
        FORBIDDEN,       // api-4
        INTERNAL,        // api-8
        CLIENT_ERROR,    // api-10
        WRONG_TENANT,    // api-10 (404 on a non-enrichment connection)
        INFORMATIONAL    // no row: effect NONE
    }

    /** What a sync job run turns out to be; each one hits a different rule of SPEC §2b. */
    enum RunOutcome {
        OK,             // job-8
        PARTIAL_ACCESS, // job-1: one export answers 403, the others 200
        NOT_AUTHORIZED, // job-1: every export answers 401
        TIMEOUT,        // job-2
        INTERNAL,       // job-3
        RATE_LIMITED,   // job-4
        VENDOR_DOWN,    // job-5
        BAD_REQUEST,    // job-6
        VENDOR_ERROR    // job-7
    }

    private DemoSignals() {
    }

    /** The everyday mix of a working connection: about 90 % 2xx, the rest errors that still count as healthy. */
    static CallOutcome everyday(Integration integration, Random rnd) {
        double p = rnd.nextDouble();
        if (integration.enrichment()) {
            return p < 0.80 ? CallOutcome.OK : p < 0.93 ? CallOutcome.NO_MATCH : p < 0.97 ? CallOutcome.RATE_LIMITED
                    : CallOutcome.VENDOR_DOWN;
        }
        return p < 0.905 ? CallOutcome.OK : p < 0.955 ? CallOutcome.RATE_LIMITED : p < 0.99 ? CallOutcome.VENDOR_DOWN
                : CallOutcome.NOT_IMPLEMENTED;
    }

    static ApiCallInput call(String id, String connectionId, Integration integration, String customer, Instant at,
                             CallOutcome outcome, Random rnd) {
        Resource resource = pick(integration.resources(), rnd);
        boolean webhook = outcome == CallOutcome.INFORMATIONAL
                || (outcome == CallOutcome.OK && !integration.enrichment() && rnd.nextDouble() < 0.05);
        String method;
        String path;
        if (webhook) {
            method = "POST";
            path = "/webhook" + resource.path();
        } else if (integration.enrichment()) {
            method = "GET";
            path = resource.path().endsWith("person") ? "/enrich/person?email=" + person(rnd) + "%40" + customer + ".com"
                    : "/enrich/company?domain=" + pick(DemoCatalog.CUSTOMERS, rnd) + ".com";
        } else {
            double m = rnd.nextDouble();
            method = !resource.writable() || m < 0.75 ? "GET" : m < 0.87 ? "POST" : m < 0.97 ? "PATCH" : "DELETE";
            boolean single = !method.equals("POST") && (!method.equals("GET") || rnd.nextDouble() < 0.4);
            path = single ? resource.path() + "/" + (10_000 + rnd.nextInt(90_000))
                    : method.equals("GET") ? resource.path() + "?limit=100" + (rnd.nextBoolean() ? "&updated_gte=" + at.minus(Duration.ofHours(1)) : "")
                    : resource.path();
        }
        Integer status = null;
        boolean timedOut = false;
        String error = null;
        ErrorOrigin origin = null;
        long duration;
        long size;
        switch (outcome) {
            case OK -> {
                status = switch (method) {
                    case "POST" -> webhook ? 200 : 201;
                    case "DELETE" -> 204;
                    default -> path.contains("?") || rnd.nextDouble() > 0.08 ? 200 : 304;
                };
                duration = lognormal(rnd, 180, 0.6);
                size = status == 204 || status == 304 ? 0 : path.contains("?limit") ? 2_000 + rnd.nextInt(120_000)
                        : 400 + rnd.nextInt(4_000);
            }
            case RATE_LIMITED -> {
                status = 429;
                error = "{\"error\":\"rate_limited\",\"message\":\"Too many requests to " + integration.name()
                        + "\",\"retry_after\":" + (5 + rnd.nextInt(55)) + "}";
                duration = 20 + rnd.nextInt(60);
                size = 90;
            }
            case VENDOR_DOWN -> {
                status = 502 + rnd.nextInt(3);
                error = switch (status) {
                    case 502 -> "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
                            + "</center><hr><center>nginx</center></body></html>";
                    case 503 -> "{\"error\":\"service_unavailable\",\"message\":\"" + integration.name()
                            + " is undergoing maintenance, retry later\"}";
                    default -> "504 Gateway Time-out: upstream did not answer in 60 s";
                };
                duration = 1_000 + rnd.nextInt(9_000);
                size = 150;
            }
            case NOT_IMPLEMENTED -> {
                status = 501;
                error = "{\"error\":\"not_implemented\",\"message\":\"" + resource.path() + " is not supported by "
                        + integration.name() + "\"}";
                duration = 5 + rnd.nextInt(20);
                size = 110;
            }
            case NO_MATCH -> {
                status = 404;
                error = "{\"error\":\"not_found\",\"message\":\"No " + (path.contains("person") ? "person" : "company")
                        + " matched the input\"}";
                duration = lognormal(rnd, 250, 0.5);
                size = 70;
            }
            case TIMEOUT -> {
                timedOut = true;
                error = "Read timed out after 30000 ms waiting for " + integration.name();
                duration = 30_000;
                size = 0;
            }
            case REVOKED -> {
                status = 401;
                error = switch (integration.type()) {
                    case "salesforce" -> "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]";
                    case "hubspot" -> "{\"status\":\"error\",\"message\":\"Authentication credentials not found.\","
                            + "\"category\":\"INVALID_AUTHENTICATION\"}";
                    default -> "{\"error\":\"invalid_token\",\"error_description\":\"The access token was revoked or has expired\"}";
                };
                duration = 40 + rnd.nextInt(120);
                size = 120;
            }
            case FORBIDDEN -> {
                status = 403;
                error = "{\"error\":\"insufficient_scope\",\"message\":\"The token lacks the scope needed for "
                        + resource.path() + " (" + scopeFor(integration, resource) + ")\"}";
                duration = 40 + rnd.nextInt(120);
                size = 140;
            }
            case INTERNAL -> {
                status = 500;
                origin = ErrorOrigin.PLATFORM;
                error = "java.lang.IllegalStateException: cannot map field 'phone_numbers[2].type' = 'pager'\n"
                        + "\tat com.example.unified." + integration.category() + ".Mapper.map(Mapper.java:214)";
                duration = lognormal(rnd, 300, 0.5);
                size = 0;
            }
            case CLIENT_ERROR -> {
                status = rnd.nextBoolean() ? 400 : 422;
                error = status == 400
                        ? "{\"error\":\"invalid_request\",\"message\":\"updated_gte must be an ISO-8601 timestamp\"}"
                        : "{\"errors\":[{\"field\":\"email\",\"message\":\"is not a valid address\"}]}";
                duration = 30 + rnd.nextInt(150);
                size = 160;
            }
            case WRONG_TENANT -> {
                status = 404;
                error = "{\"error\":\"not_found\",\"message\":\"No " + integration.name() + " account '" + customer
                        + "' at this address: check the subdomain\"}";
                duration = 30 + rnd.nextInt(100);
                size = 120;
            }
            case INFORMATIONAL -> {
                status = 102;
                duration = 5 + rnd.nextInt(30);
                size = 0;
            }
            default -> throw new IllegalStateException("unknown outcome " + outcome);
        }
        return new ApiCallInput(id, connectionId, at, webhook ? ApiCallType.WEBHOOK : ApiCallType.INBOUND, method, path,
                status, timedOut, error, origin, duration, size, customer);
    }

    /** The OAuth token exchange when the customer authorizes; {@code connectionId} null when it failed before one existed. */
    static ApiCallInput login(String id, String connectionId, Integration integration, String customer, Instant at,
                              boolean failed, Random rnd) {
        String error = failed ? (rnd.nextBoolean()
                ? "{\"error\":\"invalid_grant\",\"error_description\":\"The authorization code has expired\"}"
                : "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed for " + integration.name() + "\"}")
                : null;
        Integer status = failed ? (error.contains("invalid_grant") ? 400 : 401) : 200;
        return new ApiCallInput(id, connectionId, at, ApiCallType.LOGIN, "POST", "/oauth/" + integration.type() + "/token",
                status, false, error, null, lognormal(rnd, 350, 0.4), failed ? 110L : 900L, customer);
    }

    static JobRunInput run(String connectionId, Integration integration, Instant finishedAt, RunOutcome outcome,
                           Random rnd) {
        List<Export> exports = integration.exports();
        List<ExportInput> results = new ArrayList<>();
        boolean timedOut = false;
        String error = null;
        ErrorOrigin origin = null;
        Duration took = Duration.ofSeconds(120 + rnd.nextInt(2_400));
        switch (outcome) {
            case OK -> exports.forEach(e -> results.add(ok(e)));
            case PARTIAL_ACCESS -> {
                results.add(ok(exports.get(0)));
                results.add(new ExportInput(exports.get(1).type(), exports.get(1).endpoint(), 403,
                        "{\"errors\":[{\"code\":403,\"message\":\"access denied, authorization failed: missing scope "
                                + exports.get(1).type() + ":read\"}]}"));
                results.add(ok(exports.get(2)));
            }
            case NOT_AUTHORIZED -> exports.forEach(e -> results.add(new ExportInput(e.type(), e.endpoint(), 401,
                    "{\"errors\":[{\"code\":401,\"message\":\"access denied, invalid bearer token\"}]}")));
            case TIMEOUT -> {
                timedOut = true;
                error = "Job exceeded the 2 h execution limit while exporting " + exports.get(1).type();
                took = Duration.ofHours(2);
                results.add(ok(exports.get(0)));
            }
            case INTERNAL -> {
                error = "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"serial\" is null\n"
                        + "\tat com.example.sync." + exports.get(0).type() + ".Normalizer.normalize(Normalizer.java:88)";
                origin = ErrorOrigin.PLATFORM;
                results.add(ok(exports.get(0)));
            }
            case RATE_LIMITED -> {
                results.add(ok(exports.get(0)));
                results.add(new ExportInput(exports.get(1).type(), exports.get(1).endpoint(), 429,
                        "API rate limit exceeded: 6000 requests per minute"));
                results.add(ok(exports.get(2)));
            }
            case VENDOR_DOWN -> {
                results.add(ok(exports.get(0)));
                results.add(new ExportInput(exports.get(1).type(), exports.get(1).endpoint(), 503,
                        "Service Unavailable"));
            }
            case BAD_REQUEST -> {
                results.add(ok(exports.get(0)));
                results.add(ok(exports.get(1)));
                results.add(new ExportInput(exports.get(2).type(), exports.get(2).endpoint(), 400,
                        "{\"message\":\"Invalid filter: 'modified_since' is not supported for " + exports.get(2).type() + "\"}"));
            }
            case VENDOR_ERROR -> {
                error = "Connection reset by peer while reading the " + exports.get(1).type() + " page 7 from "
                        + integration.name();
                origin = ErrorOrigin.VENDOR;
                results.add(ok(exports.get(0)));
            }
            default -> throw new IllegalStateException("unknown outcome " + outcome);
        }
        return new JobRunInput(connectionId, finishedAt.minus(took), finishedAt, timedOut, error, origin, results);
    }

    static <T> T pick(List<T> values, Random rnd) {
        return values.get(rnd.nextInt(values.size()));
    }

    private static ExportInput ok(Export e) {
        return new ExportInput(e.type(), e.endpoint(), 200, null);
    }

    private static String scopeFor(Integration integration, Resource resource) {
        String object = resource.path().substring(resource.path().lastIndexOf('/') + 1);
        return integration.scopes().stream().filter(s -> s.contains("_" + object + "_")).findFirst()
                .orElse(integration.scopes().getFirst());
    }

    private static final List<String> PEOPLE = List.of("jane.doe", "john.smith", "maria.garcia", "wei.chen", "amara.okafor",
            "lars.nilsson", "priya.patel", "tom.becker");

    private static String person(Random rnd) {
        return pick(PEOPLE, rnd);
    }

    private static long lognormal(Random rnd, double median, double sigma) {
        return Math.max(1, Math.round(median * Math.exp(sigma * rnd.nextGaussian())));
    }
}
