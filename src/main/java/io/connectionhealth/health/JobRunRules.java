package io.connectionhealth.health;

import java.util.List;
import java.util.function.Predicate;

/**
 * SPEC §2b, Leen's rules for a sync job run, in their order. Every name but HEALTHY is UNHEALTHY: health is the
 * status of the latest job run. Export-based rules list the exports that made them fire in {@code details}
 * (for UNAUTHORIZED that is Leen's "partial data access": one unauthorized export is enough).
 */
public final class JobRunRules {

    /** One step of the order; {@code condition} is the human-readable form used by the UI. */
    public record Rule(String id, String condition, HealthName healthName, ResolutionOwner owner, String explanation) {
    }

    public static final List<Rule> TABLE = List.of(
            new Rule("job-1", "any export answered 401 or 403", HealthName.UNAUTHORIZED, ResolutionOwner.CUSTOMER,
                    "At least one data export lacked permission (partial data access): the customer must update credentials or scopes."),
            new Rule("job-2", "the run timed out", HealthName.EXECUTION_TIMEOUT, ResolutionOwner.PLATFORM,
                    "The job run did not finish in time."),
            new Rule("job-3", "error with origin PLATFORM", HealthName.INTERNAL_ERROR, ResolutionOwner.PLATFORM,
                    "The integration layer itself failed during the run."),
            new Rule("job-4", "any export answered 429", HealthName.RATE_LIMIT_EXCEEDED, ResolutionOwner.PLATFORM,
                    "An export was rate-limited, so the run could not finish its data."),
            new Rule("job-5", "any export answered 5xx", HealthName.VENDOR_SERVER_ERROR, ResolutionOwner.VENDOR,
                    "The vendor's API failed with a server error during an export."),
            new Rule("job-6", "any export answered another 4xx", HealthName.VENDOR_CLIENT_ERROR, ResolutionOwner.PLATFORM,
                    "The vendor rejected an export request as a client error."),
            new Rule("job-7", "error with origin VENDOR (the default)", HealthName.VENDOR_SERVER_ERROR, ResolutionOwner.VENDOR,
                    "The run failed on the vendor's side."),
            new Rule("job-8", "otherwise", HealthName.HEALTHY, null,
                    "No export failed, and the run reported no error."));

    private JobRunRules() {
    }

    public static Classification classify(JobRunFacts facts) {
        List<ExportDetail> unauthorized = exportsWith(facts, s -> s == 401 || s == 403);
        if (!unauthorized.isEmpty()) {
            return unhealthy(0, unauthorized, unauthorized.getFirst().status());
        }
        if (facts.timedOut()) {
            return unhealthy(1, List.of(), null);
        }
        if (facts.hasError() && facts.errorOrigin() == ErrorOrigin.PLATFORM) {
            return unhealthy(2, List.of(), null);
        }
        List<ExportDetail> rateLimited = exportsWith(facts, s -> s == 429);
        if (!rateLimited.isEmpty()) {
            return unhealthy(3, rateLimited, 429);
        }
        List<ExportDetail> serverErrors = exportsWith(facts, s -> s >= 500 && s <= 599);
        if (!serverErrors.isEmpty()) {
            return unhealthy(4, serverErrors, serverErrors.getFirst().status());
        }
        List<ExportDetail> clientErrors = exportsWith(facts, s -> s >= 400 && s <= 499);
        if (!clientErrors.isEmpty()) {
            return unhealthy(5, clientErrors, clientErrors.getFirst().status());
        }
        if (facts.hasError()) {
            return unhealthy(6, List.of(), null);
        }
        Rule healthy = TABLE.get(7);
        return new Classification(HealthName.HEALTHY, null, Effect.HEALTHY, healthy.id(), healthy.explanation(),
                List.of(), null);
    }

    public static String explanation(String ruleId) {
        return TABLE.stream().filter(r -> r.id().equals(ruleId)).map(Rule::explanation).findFirst().orElse("");
    }

    private static Classification unhealthy(int index, List<ExportDetail> details, Integer code) {
        Rule rule = TABLE.get(index);
        return new Classification(rule.healthName(), rule.owner(), Effect.UNHEALTHY, rule.id(), rule.explanation(),
                details, code);
    }

    private static List<ExportDetail> exportsWith(JobRunFacts facts, Predicate<Integer> status) {
        return facts.exports().stream().filter(e -> e.status() != null && status.test(e.status())).toList();
    }
}
