package io.connectionhealth.connection;

import io.connectionhealth.base.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC §5: the list sorts by created_at, updated_at, last_healthy_at, last_unhealthy_at or integration_type; anything else is a 400. */
class ConnectionSortTest {

    @Test
    void theSortFieldsAreTheSpecsApiNames() {
        assertThat(Arrays.stream(ConnectionSort.Field.values()).map(ConnectionSort.Field::apiName)).containsExactly(
                "created_at", "updated_at", "last_healthy_at", "last_unhealthy_at", "integration_type");
        for (ConnectionSort.Field field : ConnectionSort.Field.values()) {
            assertThat(ConnectionSort.parse(field.apiName(), "asc")).isEqualTo(new ConnectionSort(field, false));
        }
    }

    @Test
    void noSortIsNewestCreatedFirst() {
        assertThat(ConnectionSort.parse(null, null)).isEqualTo(ConnectionSort.DEFAULT)
                .isEqualTo(new ConnectionSort(ConnectionSort.Field.CREATED_AT, true));
        assertThat(ConnectionSort.parse(" ", null)).isEqualTo(ConnectionSort.DEFAULT);
        assertThat(ConnectionSort.parse(null, "asc")).isEqualTo(new ConnectionSort(ConnectionSort.Field.CREATED_AT, false));
        assertThat(ConnectionSort.parse(" updated_at ", "desc"))
                .isEqualTo(new ConnectionSort(ConnectionSort.Field.UPDATED_AT, true));
    }

    @Test
    void anUnknownSortFieldIsAValidationErrorNamingTheFields() {
        assertThatThrownBy(() -> ConnectionSort.parse("name", null)).isInstanceOf(ValidationException.class)
                .satisfies(e -> {
                    ValidationException.FieldError error = ((ValidationException) e).errors().getFirst();
                    assertThat(error.field()).isEqualTo("sort");
                    assertThat(error.message()).isEqualTo("unknown sort field 'name'; one of created_at, updated_at, "
                            + "last_healthy_at, last_unhealthy_at, integration_type");
                });
        assertThatThrownBy(() -> ConnectionSort.parse("Created_At", null)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors().getFirst().message())
                        .endsWith("integration_type (case-sensitive)"));
    }

    @Test
    void nullsComeLastOnlyWhereTheColumnCanHoldThemAndIdBreaksTies() {
        assertThat(ConnectionSort.parse("last_healthy_at", "desc").sql()).isEqualTo("last_healthy_at desc nulls last, id desc");
        assertThat(ConnectionSort.parse("last_unhealthy_at", "asc").sql()).isEqualTo("last_unhealthy_at asc nulls last, id asc");
        assertThat(ConnectionSort.parse("created_at", "asc").sql()).isEqualTo("created_at asc, id asc");
        assertThat(ConnectionSort.DEFAULT.sql()).isEqualTo("created_at desc, id desc");
        assertThat(ConnectionSort.DEFAULT.sqlNullsLast()).isEqualTo("created_at desc nulls last, id desc");
    }
}
