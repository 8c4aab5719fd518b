package io.connectionhealth.signal;

import io.connectionhealth.support.PostgresVariant;

@PostgresVariant
class SignalIngestionPostgresTest extends SignalIngestionTest {
}
