package io.connectionhealth.base.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonInputTest {

    record Body(String id, String connectionId, Boolean isPaused, Long durationMs) {
    }

    @Test
    void theFieldsOfABodyAreItsRecordComponentsInSnakeCase() {
        assertThat(JsonInput.fieldsOf(Body.class)).containsExactlyInAnyOrder("id", "connection_id", "is_paused",
                "duration_ms");
    }
}
