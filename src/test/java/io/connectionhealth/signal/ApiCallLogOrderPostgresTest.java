package io.connectionhealth.signal;

import io.connectionhealth.support.PostgresVariant;

@PostgresVariant
class ApiCallLogOrderPostgresTest extends ApiCallLogOrderTest {
}
