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

    @Test
    void timeOrderedIdsAreUuidVersion7WithTheirMillisecondFirst() {
        Instant now = Instant.parse("2026-12-02T05:03:29.975Z");
        Set<Long> randomA = new HashSet<>();
        Set<Long> randomB = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            java.util.UUID id = java.util.UUID.fromString(Ids.timeOrdered(now));
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
            randomA.add(id.getMostSignificantBits() & 0xFFFL);
            randomB.add(id.getLeastSignificantBits() & 0x3FFFFFFFFFFFFFFFL);
        }
        assertThat(randomA).hasSizeGreaterThan(100);
        assertThat(randomB).hasSize(1000);
        assertThat(Ids.timeOrdered(now.plusMillis(1))).isGreaterThan(Ids.timeOrdered(now));
    }

    @Test
    void tokensAndUuidsHaveTheirShape() {
        assertThat(Ids.randomToken(40)).matches("[0-9A-Za-z]{40}");
        assertThat(Ids.randomToken(0)).isEmpty();
        assertThat(Ids.randomToken(40)).isNotEqualTo(Ids.randomToken(40));
        assertThat(java.util.UUID.fromString(Ids.uuid()).version()).isEqualTo(4);
    }
}
