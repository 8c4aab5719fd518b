package io.connectionhealth.base.api;

import io.connectionhealth.base.ValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Idempotency-Key header as read: printable ASCII, 1 to 255, quotes of a structured-field string dropped. */
class IdempotencyKeyHeaderTest {

    @Test
    void keysAreTakenAsSentOrUnquoted() {
        assertThat(IdempotentCreates.key("8e03978e-40d5-43e8-bc93-6894a57f9324")).isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
        assertThat(IdempotentCreates.key("\"abc\"")).isEqualTo("abc");
        assertThat(IdempotentCreates.key("order 42")).isEqualTo("order 42");
        assertThat(IdempotentCreates.key("x".repeat(255))).hasSize(255);
        assertThat(IdempotentCreates.key("\"")).as("one quote is a key, not an empty string").isEqualTo("\"");
    }

    @Test
    void othersAreRefused() {
        for (String bad : new String[]{"", "\"\"", "x".repeat(256), "é", "tab\t", "nul\0", "ＡＢＣ"}) {
            assertThatThrownBy(() -> IdempotentCreates.key(bad)).as(bad).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("Idempotency-Key");
        }
    }
}
