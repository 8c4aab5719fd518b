package io.connectionhealth.base;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC: {@code limit} 1–1000, {@code offset} 0 or more; outside the range is a 400, never silently clamped. */
class PageRequestTest {

    @Test
    void theEdgesOfTheRangesAreTaken() {
        assertThat(PageRequest.of(1, 0)).isEqualTo(new PageRequest(1, 0));
        assertThat(PageRequest.of(PageRequest.MAX_LIMIT, Long.MAX_VALUE).limit()).isEqualTo(1000);
    }

    @Test
    void justPastThemIsRefused() {
        assertThatThrownBy(() -> PageRequest.of(0, 0)).isInstanceOf(ValidationException.class)
                .hasMessage("limit: must be between 1 and 1000, was 0");
        assertThatThrownBy(() -> PageRequest.of(1001, 0)).isInstanceOf(ValidationException.class)
                .hasMessage("limit: must be between 1 and 1000, was 1001");
        assertThatThrownBy(() -> PageRequest.of(10, -1)).isInstanceOf(ValidationException.class)
                .hasMessage("offset: must be 0 or more, was -1");
    }
}
