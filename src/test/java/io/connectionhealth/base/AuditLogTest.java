package io.connectionhealth.base;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user typed goes into one log line as it reads, not as it would steer the line. */
class AuditLogTest {

    @Test
    void controlSeparatorAndFormatCharactersAreMarked() {
        assertThat(AuditLog.typed("admin\nWARN forged")).isEqualTo("admin?WARN forged");
        assertThat(AuditLog.typed("\u202eadmin")).as("a right-to-left override").isEqualTo("?admin");
        assertThat(AuditLog.typed("ad\u200bmin\u2028x")).as("zero-width space, line separator").isEqualTo("ad?min?x");
        assertThat(AuditLog.typed("Ünïcødé 名前 שלום")).as("letters of any script stay").isEqualTo("Ünïcødé 名前 שלום");
        assertThat(AuditLog.typed("x".repeat(150))).hasSize(101).endsWith("…");
        assertThat(AuditLog.typed(null)).isEmpty();
    }
}
