package io.connectionhealth.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

class PostgresCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return TestPostgres.configured()
                ? ConditionEvaluationResult.enabled("TEST_POSTGRES_URL is set")
                : ConditionEvaluationResult.disabled("PostgreSQL variant skipped: set TEST_POSTGRES_URL "
                + "(e.g. jdbc:postgresql://127.0.0.1:5432/test) to run it; .ci/run always does");
    }
}
