package io.connectionhealth;

import io.connectionhealth.support.PostgresVariant;
import io.connectionhealth.support.TestPostgres;

import java.util.List;

/** {@link UpgradeTest} on PostgreSQL, in a schema of its own (the migrations run from the first). */
@PostgresVariant
class UpgradePostgresTest extends UpgradeTest {

    private static final String SCHEMA = TestPostgres.schema() + "_upgrade";

    @Override
    String url() {
        return TestPostgres.url(SCHEMA);
    }

    @Override
    String user() {
        return TestPostgres.user();
    }

    @Override
    String password() {
        return TestPostgres.password();
    }

    @Override
    List<String> flywaySchema() {
        return List.of(SCHEMA);
    }
}
