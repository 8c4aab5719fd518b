package io.connectionhealth.connection;

import io.connectionhealth.support.PostgresVariant;

@PostgresVariant
class IntegrationHealthPostgresTest extends IntegrationHealthTest {
}
