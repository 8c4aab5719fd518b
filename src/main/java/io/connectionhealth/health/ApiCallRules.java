package io.connectionhealth.health;

import java.util.List;
import java.util.function.Predicate;

/** SPEC §2a, Unified.to's rules for a single API call, as a table. The first matching row wins. */
public final class ApiCallRules {

    /** One row of the table; {@code condition} is the human-readable form of {@code test}. */
    public record Rule(String id, String condition, HealthName healthName, ResolutionOwner owner, Effect effect,
                       String explanation, Predicate<ApiCallFacts> test) {
    }

    public static final List<Rule> TABLE = List.of(
            new Rule("api-1", "timed out (no response)", HealthName.EXECUTION_TIMEOUT, ResolutionOwner.PLATFORM,
                    Effect.UNHEALTHY, "The call timed out without a response, which counts as unhealthy.",
                    f -> f.timedOut()),
            new Rule("api-2", "status 200–399", HealthName.HEALTHY, null, Effect.HEALTHY,
                    "A 2xx/3xx answer proves the connection works.",
                    f -> between(f, 200, 399)),
            new Rule("api-3", "401", HealthName.UNAUTHORIZED, ResolutionOwner.CUSTOMER, Effect.UNHEALTHY,
                    "401 means the credentials were rejected: the customer must re-authorize the connection.",
                    f -> is(f, 401)),
            new Rule("api-4", "403", HealthName.UNAUTHORIZED, ResolutionOwner.CUSTOMER, Effect.UNHEALTHY,
                    "403 means insufficient permissions or scopes: compare the granted scopes with those requested.",
                    f -> is(f, 403)),
            new Rule("api-5", "404 on an enrichment connection", HealthName.HEALTHY, null, Effect.HEALTHY,
                    "404 from an enrichment integration means no data was found for the input, not a broken connection.",
                    f -> is(f, 404) && f.enrichment()),
            new Rule("api-6", "429", HealthName.RATE_LIMIT_EXCEEDED, ResolutionOwner.PLATFORM, Effect.HEALTHY,
                    "429 counts as healthy: the connection is active but rate-limited.",
                    f -> is(f, 429)),
            new Rule("api-7", "501", HealthName.HEALTHY, null, Effect.HEALTHY,
                    "501 counts as healthy: the feature is not implemented for this integration.",
                    f -> is(f, 501)),
            new Rule("api-8", "500–599 with error origin PLATFORM", HealthName.INTERNAL_ERROR, ResolutionOwner.PLATFORM,
                    Effect.UNHEALTHY, "A 5xx that the integration layer itself caused is an internal error.",
                    f -> between(f, 500, 599) && f.errorOrigin() == ErrorOrigin.PLATFORM),
            new Rule("api-9", "500–599 otherwise (vendor side)", HealthName.VENDOR_SERVER_ERROR, ResolutionOwner.VENDOR,
                    Effect.HEALTHY, "A vendor 5xx is usually temporary and counts as healthy for a single call.",
                    f -> between(f, 500, 599)),
            new Rule("api-10", "any other 400–499", HealthName.VENDOR_CLIENT_ERROR, ResolutionOwner.PLATFORM,
                    Effect.UNHEALTHY, "The vendor rejected the request as a client error: check the request the platform sends.",
                    f -> between(f, 400, 499)));

    /** The verdict for a status no row matches (1xx): logged, moves nothing. */
    static final String NO_RULE = "api-none";

    private ApiCallRules() {
    }

    /**
     * Whether the connection's enrichment category can change this call's verdict (row api-5): only then is it worth
     * classifying the call both ways, for a category changed before the call is applied (ApiCallRulesTest holds this
     * to the table).
     */
    public static boolean enrichmentMatters(ApiCallFacts facts) {
        return !facts.timedOut() && is(facts, 404);
    }

    public static Classification classify(ApiCallFacts facts) {
        for (Rule rule : TABLE) {
            if (rule.test().test(facts)) {
                ResolutionOwner owner = rule.effect() == Effect.HEALTHY ? null : rule.owner();
                Integer code = rule.effect() == Effect.UNHEALTHY && !facts.timedOut() ? facts.status() : null;
                return new Classification(rule.healthName(), owner, rule.effect(), rule.id(), rule.explanation(),
                        List.of(), code);
            }
        }
        return new Classification(null, null, Effect.NONE, NO_RULE,
                "Status " + facts.status() + " matches no rule: logged, but it moves nothing.", List.of(), null);
    }

    /** The explanation of a stored rule id, so it need not be stored with every call. */
    public static String explanation(String ruleId, Integer status) {
        for (Rule rule : TABLE) {
            if (rule.id().equals(ruleId)) {
                return rule.explanation();
            }
        }
        return "Status " + status + " matches no rule: logged, but it moves nothing.";
    }

    private static boolean is(ApiCallFacts f, int status) {
        return f.status() != null && f.status() == status;
    }

    private static boolean between(ApiCallFacts f, int low, int high) {
        return f.status() != null && f.status() >= low && f.status() <= high;
    }
}
