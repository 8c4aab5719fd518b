package io.connectionhealth.notification;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A flapping endpoint's spells are counted, not each logged; one that lasts, and every end of a logged one, are. */
class SpellLogTest {

    private static final Instant T = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void aFlappingEndpointIsLoggedOncePerQuietPeriodWithTheCountOfTheRest() {
        SpellLog log = new SpellLog();
        assertThat(log.began("ws", T)).isEmpty();
        assertThat(log.ended("ws")).isTrue();
        for (int i = 1; i <= 30; i++) {
            assertThat(log.began("ws", T.plusSeconds(i * 10))).as("spell %s", i).isNull();
            assertThat(log.ended("ws")).isFalse();
        }
        // another workspace is its own
        assertThat(log.began("other", T.plusSeconds(100))).isEmpty();
        // after the quiet period, logged again with what was left out
        assertThat(log.began("ws", T.plus(SpellLog.QUIET))).isEqualTo(" (30 shorter failing spells since "
                + "2026-12-04T12:00:00Z were not logged, each ended by a success)");
        assertThat(log.ended("ws")).isTrue();
        assertThat(log.began("ws", T.plus(SpellLog.QUIET).plusSeconds(5))).isNull();
    }

    @Test
    void aSpellLeftOutAtItsStartIsLoggedOnceItHasLasted() {
        SpellLog log = afterALoggedSpell();
        Instant start = T.plusSeconds(30);
        assertThat(log.began("ws", start)).isNull();
        assertThat(log.lasting("ws", start.plusSeconds(5))).as("a retry 5 s later: not yet").isFalse();
        assertThat(log.lasting("ws", start.plus(SpellLog.LASTING))).isTrue();
        assertThat(log.since("ws")).isEqualTo(start);
        assertThat(log.lasting("ws", start.plus(SpellLog.LASTING).plusSeconds(60))).as("once").isFalse();
        assertThat(log.ended("ws")).as("its start was told of: its end is too").isTrue();
        // no spell under way: a late failure says nothing of one
        assertThat(log.lasting("ws", start.plusSeconds(600))).isFalse();
    }

    @Test
    void aSpellLeftOutIsDueOnceItHasLastedEvenWithoutAnotherFailure() {
        SpellLog log = afterALoggedSpell();
        Instant start = T.plusSeconds(30);
        assertThat(log.began("ws", start)).isNull();
        assertThat(log.began("logged", start)).as("another workspace's, logged at its start").isEmpty();
        assertThat(log.overdue(start.plusSeconds(59))).isEmpty();
        assertThat(log.overdue(start.plus(SpellLog.LASTING))).containsExactly(java.util.Map.entry("ws", start));
        assertThat(log.overdue(start.plusSeconds(300))).as("once").isEmpty();
        assertThat(log.lasting("ws", start.plusSeconds(301))).as("nor again at a failed attempt").isFalse();
        assertThat(log.ended("ws")).as("its start was told of: its end is too").isTrue();
        // a spell that ended before it had lasted is never due
        assertThat(log.began("ws", start.plusSeconds(400))).isNull();
        log.ended("ws");
        assertThat(log.overdue(start.plusSeconds(900))).isEmpty();
    }

    /** A log that has told of one spell of "ws" (begun at T, ended), so the next ones within the quiet are left out. */
    private static SpellLog afterALoggedSpell() {
        SpellLog log = new SpellLog();
        log.began("ws", T);
        log.ended("ws");
        return log;
    }

    @Test
    void anEndWhoseStartThisInstanceNeverSawIsLogged() {
        assertThat(new SpellLog().ended("ws")).isTrue();
    }
}
