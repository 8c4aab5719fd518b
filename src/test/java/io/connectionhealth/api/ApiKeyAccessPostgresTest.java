package io.connectionhealth.api;

import io.connectionhealth.support.PostgresVariant;

@PostgresVariant
class ApiKeyAccessPostgresTest extends ApiKeyAccessTest {
}
