package io.connectionhealth.base;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

    @Test
    void messageIdsAreStandardWebhooksShapedTimeOrderedAndDistinct() {
        Instant now = Instant.parse("2026-12-02T05:03:29.975Z");
        Set<String> seen = new HashSet<>();
        Set<Character> randomChars = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = Ids.messageId(now);
            assertThat(id).matches("msg_[0-9A-Za-z]{27}");
            assertThat(seen.add(id)).as("duplicate %s", id).isTrue();
            id.substring(13).chars().forEach(c -> randomChars.add((char) c));
        }
        assertThat(randomChars).as("the random part uses the whole alphabet").hasSize(62);
        assertThat(Ids.messageId(now.plusMillis(1))).isGreaterThan(Ids.messageId(now).substring(0, 13) + "zzzzzzzzzzzzzzzzzz");
    }
}
