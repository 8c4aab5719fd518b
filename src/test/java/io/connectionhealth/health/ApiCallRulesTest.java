package io.connectionhealth.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §2a, row by row: one test row per rule of the table, plus the first-match-wins edge cases and the
 * "no rule" case for 1xx. Empty cells are {@code null}.
 */
class ApiCallRulesTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                    | timedOut | status | origin   | enrichment | name                | owner    | effect    | rule     | code
            row 1: timed out, no status               | true     |        |          | false      | EXECUTION_TIMEOUT   | PLATFORM | UNHEALTHY | api-1    |
            row 1 wins over a 200 status              | true     | 200    |          | false      | EXECUTION_TIMEOUT   | PLATFORM | UNHEALTHY | api-1    |
            row 1 wins over 401                       | true     | 401    |          | false      | EXECUTION_TIMEOUT   | PLATFORM | UNHEALTHY | api-1    |
            row 1 wins over 429 (no code kept)        | true     | 429    | VENDOR   | false      | EXECUTION_TIMEOUT   | PLATFORM | UNHEALTHY | api-1    |
            row 1 wins over 504 PLATFORM              | true     | 504    | PLATFORM | false      | EXECUTION_TIMEOUT   | PLATFORM | UNHEALTHY | api-1    |
            row 2: 200                                | false    | 200    |          | false      | HEALTHY             |          | HEALTHY   | api-2    |
            row 2: 204                                | false    | 204    | VENDOR   | false      | HEALTHY             |          | HEALTHY   | api-2    |
            row 2: 299                                | false    | 299    |          | false      | HEALTHY             |          | HEALTHY   | api-2    |
            row 2: 302                                | false    | 302    |          | true       | HEALTHY             |          | HEALTHY   | api-2    |
            row 2: 399 upper bound                    | false    | 399    | PLATFORM | false      | HEALTHY             |          | HEALTHY   | api-2    |
            row 3: 401                                | false    | 401    |          | false      | UNAUTHORIZED        | CUSTOMER | UNHEALTHY | api-3    | 401
            row 3: 401 on enrichment                  | false    | 401    | PLATFORM | true       | UNAUTHORIZED        | CUSTOMER | UNHEALTHY | api-3    | 401
            row 4: 403                                | false    | 403    |          | false      | UNAUTHORIZED        | CUSTOMER | UNHEALTHY | api-4    | 403
            row 4: 403 on enrichment                  | false    | 403    |          | true       | UNAUTHORIZED        | CUSTOMER | UNHEALTHY | api-4    | 403
            row 5: 404 on enrichment                  | false    | 404    |          | true       | HEALTHY             |          | HEALTHY   | api-5    |
            row 5: 404 on enrichment, PLATFORM origin | false    | 404    | PLATFORM | true       | HEALTHY             |          | HEALTHY   | api-5    |
            404 without enrichment is row 10          | false    | 404    |          | false      | VENDOR_CLIENT_ERROR | PLATFORM | UNHEALTHY | api-10   | 404
            row 6: 429, owner null (effect HEALTHY)   | false    | 429    |          | false      | RATE_LIMIT_EXCEEDED |          | HEALTHY   | api-6    |
            row 6: 429 PLATFORM origin                | false    | 429    | PLATFORM | false      | RATE_LIMIT_EXCEEDED |          | HEALTHY   | api-6    |
            row 7: 501                                | false    | 501    |          | false      | HEALTHY             |          | HEALTHY   | api-7    |
            row 7: 501 PLATFORM stays row 7           | false    | 501    | PLATFORM | false      | HEALTHY             |          | HEALTHY   | api-7    |
            row 8: 500 PLATFORM                       | false    | 500    | PLATFORM | false      | INTERNAL_ERROR      | PLATFORM | UNHEALTHY | api-8    | 500
            row 8: 503 PLATFORM                       | false    | 503    | PLATFORM | false      | INTERNAL_ERROR      | PLATFORM | UNHEALTHY | api-8    | 503
            row 8: 599 PLATFORM upper bound           | false    | 599    | PLATFORM | true       | INTERNAL_ERROR      | PLATFORM | UNHEALTHY | api-8    | 599
            row 9: 500 VENDOR, owner null             | false    | 500    | VENDOR   | false      | VENDOR_SERVER_ERROR |          | HEALTHY   | api-9    |
            row 9: 503 VENDOR                         | false    | 503    | VENDOR   | false      | VENDOR_SERVER_ERROR |          | HEALTHY   | api-9    |
            row 9: 503 origin omitted = VENDOR        | false    | 503    |          | false      | VENDOR_SERVER_ERROR |          | HEALTHY   | api-9    |
            row 9: 599 VENDOR upper bound             | false    | 599    | VENDOR   | false      | VENDOR_SERVER_ERROR |          | HEALTHY   | api-9    |
            row 10: 400                               | false    | 400    |          | false      | VENDOR_CLIENT_ERROR | PLATFORM | UNHEALTHY | api-10   | 400
            row 10: 400 on enrichment                 | false    | 400    |          | true       | VENDOR_CLIENT_ERROR | PLATFORM | UNHEALTHY | api-10   | 400
            row 10: 402                               | false    | 402    |          | false      | VENDOR_CLIENT_ERROR | PLATFORM | UNHEALTHY | api-10   | 402
            row 10: 409 PLATFORM origin               | false    | 409    | PLATFORM | false      | VENDOR_CLIENT_ERROR | PLATFORM | UNHEALTHY | api-10   | 409
            row 10: 422                               | false    | 422    |          | false      | VENDOR_CLIENT_ERROR | PLATFORM | UNHEALTHY | api-10   | 422
            row 10: 499 upper bound                   | false    | 499    |          | false      | VENDOR_CLIENT_ERROR | PLATFORM | UNHEALTHY | api-10   | 499
            1xx matches no row: 100                   | false    | 100    |          | false      |                     |          | NONE      | api-none |
            1xx matches no row: 101                   | false    | 101    | PLATFORM | true       |                     |          | NONE      | api-none |
            1xx matches no row: 199                   | false    | 199    |          | false      |                     |          | NONE      | api-none |
            """)
    void classifiesLikeTheSpecTable(String description, boolean timedOut, Integer status, ErrorOrigin origin,
                                    boolean enrichment, HealthName name, ResolutionOwner owner, Effect effect,
                                    String rule, Integer code) {
        Classification c = ApiCallRules.classify(new ApiCallFacts(timedOut, status, origin, enrichment));

        assertThat(c.healthName()).as("health name").isEqualTo(name);
        assertThat(c.resolutionOwner()).as("resolution owner").isEqualTo(owner);
        assertThat(c.effect()).as("effect").isEqualTo(effect);
        assertThat(c.rule()).as("rule").isEqualTo(rule);
        assertThat(c.unhealthyCode()).as("last_unhealthy_code").isEqualTo(code);
        assertThat(c.details()).as("an API call has no export details").isEmpty();
        assertThat(c.explanation()).as("explanation").isNotBlank();
    }

    @ParameterizedTest(name = "row {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # row | id     | name                | owner    | effect
            1     | api-1  | EXECUTION_TIMEOUT   | PLATFORM | UNHEALTHY
            2     | api-2  | HEALTHY             |          | HEALTHY
            3     | api-3  | UNAUTHORIZED        | CUSTOMER | UNHEALTHY
            4     | api-4  | UNAUTHORIZED        | CUSTOMER | UNHEALTHY
            5     | api-5  | HEALTHY             |          | HEALTHY
            6     | api-6  | RATE_LIMIT_EXCEEDED | PLATFORM | HEALTHY
            7     | api-7  | HEALTHY             |          | HEALTHY
            8     | api-8  | INTERNAL_ERROR      | PLATFORM | UNHEALTHY
            9     | api-9  | VENDOR_SERVER_ERROR | VENDOR   | HEALTHY
            10    | api-10 | VENDOR_CLIENT_ERROR | PLATFORM | UNHEALTHY
            """)
    void tableRowsMatchTheSpecInOrder(int row, String id, HealthName name, ResolutionOwner owner, Effect effect) {
        ApiCallRules.Rule rule = ApiCallRules.TABLE.get(row - 1);

        assertThat(rule.id()).isEqualTo(id);
        assertThat(rule.healthName()).isEqualTo(name);
        assertThat(rule.owner()).as("owner as documented in the SPEC table").isEqualTo(owner);
        assertThat(rule.effect()).isEqualTo(effect);
        assertThat(rule.condition()).isNotBlank();
        assertThat(ApiCallRules.explanation(id, 500)).isEqualTo(rule.explanation());
    }

    @Test
    void tableHasExactlyTheTenSpecRows() {
        assertThat(ApiCallRules.TABLE).extracting(ApiCallRules.Rule::id).containsExactly(
                "api-1", "api-2", "api-3", "api-4", "api-5", "api-6", "api-7", "api-8", "api-9", "api-10");
    }

    @Test
    void explanationOfTheNoRuleVerdictNamesTheStatus() {
        assertThat(ApiCallRules.explanation("api-none", 102)).contains("102");
        assertThat(ApiCallRules.classify(new ApiCallFacts(false, 102, null, false)).explanation())
                .isEqualTo(ApiCallRules.explanation("api-none", 102));
    }

    @Test
    void theEnrichmentCategoryMattersExactlyWhereTheTableSaysSo() {
        for (boolean timedOut : new boolean[]{false, true}) {
            for (ErrorOrigin origin : ErrorOrigin.values()) {
                for (Integer status : java.util.stream.Stream.concat(java.util.stream.Stream.of((Integer) null),
                        java.util.stream.IntStream.rangeClosed(100, 599).boxed()).toList()) {
                    if (status == null && !timedOut) {
                        continue;
                    }
                    ApiCallFacts without = new ApiCallFacts(timedOut, status, origin, false);
                    boolean differs = !ApiCallRules.classify(without)
                            .equals(ApiCallRules.classify(new ApiCallFacts(timedOut, status, origin, true)));
                    assertThat(ApiCallRules.enrichmentMatters(without)).as(without.toString()).isEqualTo(differs);
                    assertThat(ApiCallRules.enrichmentMatters(new ApiCallFacts(timedOut, status, origin, true)))
                            .isEqualTo(differs);
                }
            }
        }
    }

    @Test
    void errorOriginDefaultsToVendor() {
        assertThat(new ApiCallFacts(false, 500, null, false).errorOrigin()).isEqualTo(ErrorOrigin.VENDOR);
    }
}
