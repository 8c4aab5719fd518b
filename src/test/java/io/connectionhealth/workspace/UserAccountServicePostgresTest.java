package io.connectionhealth.workspace;

import io.connectionhealth.support.PostgresVariant;

@PostgresVariant
class UserAccountServicePostgresTest extends UserAccountServiceTest {
}
