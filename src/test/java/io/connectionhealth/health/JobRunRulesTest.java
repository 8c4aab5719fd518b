package io.connectionhealth.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §2b, every step in order and the precedence between them. Exports are written {@code type:status}
 * separated by spaces (endpoint {@code /type}); details are the exports the health object must list, in order.
 */
class JobRunRulesTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                        | timedOut | error | origin   | exports                             | name                | owner    | rule  | code | details
            step 1: one 401 export                        | false    | false |          | users:401                           | UNAUTHORIZED        | CUSTOMER | job-1 | 401  | users:401
            step 1: one 403 export                        | false    | false |          | devices:403                         | UNAUTHORIZED        | CUSTOMER | job-1 | 403  | devices:403
            step 1: partial access lists exactly 401/403  | false    | false |          | a:200 b:403 c:500 d:401 e:429 f:404 | UNAUTHORIZED        | CUSTOMER | job-1 | 403  | b:403 d:401
            step 1: 401 export beats timeout              | true     | false |          | users:401 apps:200                  | UNAUTHORIZED        | CUSTOMER | job-1 | 401  | users:401
            step 1: 403 beats platform error              | false    | true  | PLATFORM | users:200 apps:403                  | UNAUTHORIZED        | CUSTOMER | job-1 | 403  | apps:403
            step 1: 401 beats 429 and 5xx                 | false    | false |          | a:429 b:503 c:401                   | UNAUTHORIZED        | CUSTOMER | job-1 | 401  | c:401
            step 2: timed out, no exports                 | true     | false |          |                                     | EXECUTION_TIMEOUT   | PLATFORM | job-2 |      |
            step 2: timeout beats platform error          | true     | true  | PLATFORM | users:200                           | EXECUTION_TIMEOUT   | PLATFORM | job-2 |      |
            step 2: timeout beats 429, 5xx and 4xx        | true     | false |          | a:429 b:500 c:404                   | EXECUTION_TIMEOUT   | PLATFORM | job-2 |      |
            step 3: platform error                        | false    | true  | PLATFORM | users:200                           | INTERNAL_ERROR      | PLATFORM | job-3 |      |
            step 3: platform error beats 429 and 5xx      | false    | true  | PLATFORM | a:429 b:502 c:400                   | INTERNAL_ERROR      | PLATFORM | job-3 |      |
            step 4: 429 export                            | false    | false |          | users:200 groups:429                | RATE_LIMIT_EXCEEDED | PLATFORM | job-4 | 429  | groups:429
            step 4: 429 beats 5xx                         | false    | false |          | a:500 b:429                         | RATE_LIMIT_EXCEEDED | PLATFORM | job-4 | 429  | b:429
            step 4: 429 beats vendor error                | false    | true  | VENDOR   | a:429                               | RATE_LIMIT_EXCEEDED | PLATFORM | job-4 | 429  | a:429
            step 5: 503 export                            | false    | false |          | users:200 groups:503                | VENDOR_SERVER_ERROR | VENDOR   | job-5 | 503  | groups:503
            step 5: 5xx beats other 4xx, code = first 5xx | false    | false |          | a:404 b:502 c:500                   | VENDOR_SERVER_ERROR | VENDOR   | job-5 | 502  | b:502 c:500
            step 5: 501 is a 5xx for a job run            | false    | false |          | a:501                               | VENDOR_SERVER_ERROR | VENDOR   | job-5 | 501  | a:501
            step 5: 500 and 599 bound the 5xx range       | false    | false |          | a:200 b:599 c:500                   | VENDOR_SERVER_ERROR | VENDOR   | job-5 | 599  | b:599 c:500
            step 6: 404 export (no enrichment exception)  | false    | false |          | a:200 b:404                         | VENDOR_CLIENT_ERROR | PLATFORM | job-6 | 404  | b:404
            step 6: code = first 4xx export               | false    | false |          | a:422 b:400                         | VENDOR_CLIENT_ERROR | PLATFORM | job-6 | 422  | a:422 b:400
            step 6: 4xx beats vendor error                | false    | true  | VENDOR   | a:409                               | VENDOR_CLIENT_ERROR | PLATFORM | job-6 | 409  | a:409
            step 6: 400 and 499 bound the 4xx range       | false    | false |          | a:200 b:499 c:400                   | VENDOR_CLIENT_ERROR | PLATFORM | job-6 | 499  | b:499 c:400
            step 7: vendor error, exports fine            | false    | true  | VENDOR   | a:200                               | VENDOR_SERVER_ERROR | VENDOR   | job-7 |      |
            step 7: error origin omitted = VENDOR         | false    | true  |          |                                     | VENDOR_SERVER_ERROR | VENDOR   | job-7 |      |
            step 8: all exports 2xx                       | false    | false |          | users:200 groups:204                | HEALTHY             |          | job-8 |      |
            step 8: no exports at all                     | false    | false |          |                                     | HEALTHY             |          | job-8 |      |
            step 8: 1xx and 3xx exports do not fail       | false    | false |          | a:100 b:304                         | HEALTHY             |          | job-8 |      |
            step 8: PLATFORM origin without an error      | false    | false | PLATFORM | a:200                               | HEALTHY             |          | job-8 |      |
            """)
    void classifiesLikeTheSpecSteps(String description, boolean timedOut, boolean error, ErrorOrigin origin,
                                    String exports, HealthName name, ResolutionOwner owner, String rule,
                                    Integer code, String details) {
        Classification c = JobRunRules.classify(new JobRunFacts(timedOut, error, origin, exports(exports)));

        assertThat(c.healthName()).as("health name").isEqualTo(name);
        assertThat(c.resolutionOwner()).as("resolution owner").isEqualTo(owner);
        assertThat(c.effect()).as("every name but HEALTHY is UNHEALTHY for a job run")
                .isEqualTo(name == HealthName.HEALTHY ? Effect.HEALTHY : Effect.UNHEALTHY);
        assertThat(c.rule()).as("rule").isEqualTo(rule);
        assertThat(c.unhealthyCode()).as("last_unhealthy_code").isEqualTo(code);
        assertThat(c.details()).as("details").containsExactlyElementsOf(exports(details));
        assertThat(c.explanation()).as("explanation").isNotBlank().isEqualTo(JobRunRules.explanation(rule));
    }

    @ParameterizedTest(name = "step {0}")
    @CsvSource(delimiter = '|', textBlock = """
            1 | job-1 | UNAUTHORIZED        | CUSTOMER
            2 | job-2 | EXECUTION_TIMEOUT   | PLATFORM
            3 | job-3 | INTERNAL_ERROR      | PLATFORM
            4 | job-4 | RATE_LIMIT_EXCEEDED | PLATFORM
            5 | job-5 | VENDOR_SERVER_ERROR | VENDOR
            6 | job-6 | VENDOR_CLIENT_ERROR | PLATFORM
            7 | job-7 | VENDOR_SERVER_ERROR | VENDOR
            8 | job-8 | HEALTHY             |
            """)
    void tableStepsMatchTheSpecInOrder(int step, String id, HealthName name, ResolutionOwner owner) {
        JobRunRules.Rule rule = JobRunRules.TABLE.get(step - 1);

        assertThat(rule.id()).isEqualTo(id);
        assertThat(rule.healthName()).isEqualTo(name);
        assertThat(rule.owner()).isEqualTo(owner);
        assertThat(rule.condition()).isNotBlank();
    }

    @Test
    void tableHasExactlyEightSteps() {
        assertThat(JobRunRules.TABLE).hasSize(8);
    }

    @Test
    void exportsWithoutStatusAreIgnored() {
        Classification c = JobRunRules.classify(new JobRunFacts(false, false, null,
                List.of(new ExportDetail("users", "/users", null))));

        assertThat(c.healthName()).isEqualTo(HealthName.HEALTHY);
        assertThat(c.effect()).isEqualTo(Effect.HEALTHY);
    }

    @Test
    void omittedErrorOriginAndExportsReadAsVendorAndNone() {
        JobRunFacts facts = new JobRunFacts(false, true, null, null);

        assertThat(facts.errorOrigin()).as("SPEC §2b: VENDOR is the default").isEqualTo(ErrorOrigin.VENDOR);
        assertThat(facts.exports()).isEmpty();
        assertThat(JobRunRules.classify(facts).rule()).isEqualTo("job-7");
    }

    /** A run with no exports, or only 1xx/3xx ones, is healthy too: "every export succeeded" said of none (an audit). */
    @Test
    void aHealthyRunIsExplainedWithoutClaimingItsExportsSucceeded() {
        var none = JobRunRules.classify(new JobRunFacts(false, false, null, null));
        assertThat(none.rule()).isEqualTo("job-8");
        assertThat(none.explanation()).isEqualTo("No export failed, and the run reported no error.");
    }

    @Test
    void unknownRuleHasEmptyExplanation() {
        assertThat(JobRunRules.explanation("job-99")).isEmpty();
    }

    /** {@code "users:401 groups:200"} → exports with endpoint {@code /users}, {@code /groups}. */
    static List<ExportDetail> exports(String spec) {
        if (spec == null || spec.isBlank()) {
            return List.of();
        }
        return Arrays.stream(spec.trim().split("\\s+")).map(token -> {
            String[] parts = token.split(":");
            return new ExportDetail(parts[0], "/" + parts[0], Integer.valueOf(parts[1]));
        }).toList();
    }
}
