package io.connectionhealth.api;

import io.connectionhealth.support.PostgresVariant;

@PostgresVariant
class IdempotencyKeyPostgresTest extends IdempotencyKeyTest {
}
