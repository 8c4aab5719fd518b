package io.connectionhealth.base;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code order} query parameter: SPEC's {@code asc}/{@code desc}, exact (docs/decisions.md, "Strict input"). */
class SortOrderTest {

    @Test
    void descIsTheDefaultAndAscTheOther() {
        assertThat(SortOrder.descending(null)).isTrue();
        assertThat(SortOrder.descending("")).isTrue();
        assertThat(SortOrder.descending("desc")).isTrue();
        assertThat(SortOrder.descending("asc")).isFalse();
    }

    @Test
    void anyOtherSpellingIsA400NamingTheRightOne() {
        assertThatThrownBy(() -> SortOrder.descending("DESC")).isInstanceOf(ValidationException.class)
                .hasMessage("order: must be asc or desc, was 'DESC' (case-sensitive)");
        assertThatThrownBy(() -> SortOrder.descending("Asc")).isInstanceOf(ValidationException.class)
                .hasMessageEndingWith("(case-sensitive)");
        assertThatThrownBy(() -> SortOrder.descending("newest")).isInstanceOf(ValidationException.class)
                .hasMessage("order: must be asc or desc, was 'newest'");
    }
}
