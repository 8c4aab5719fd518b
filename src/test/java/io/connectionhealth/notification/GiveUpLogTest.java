package io.connectionhealth.notification;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A storm's given-up events are counted, not each logged; the count is always told, at the latest a minute on. */
class GiveUpLogTest {

    private static final Instant T = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void theFirstIsLoggedTheRestOfTheMinuteCountedAndToldWhenItIsOver() {
        GiveUpLog log = new GiveUpLog();
        assertThat(log.failed("ws", T)).isEmpty();
        for (int i = 1; i <= 1999; i++) {
            assertThat(log.failed("ws", T.plusMillis(i * 13L))).as("event %s", i).isNull();
        }
        assertThat(log.failed("other", T.plusSeconds(5))).as("another workspace is its own").isEmpty();
        assertThat(log.overdue(T.plusSeconds(59))).isEmpty();
        assertThat(log.overdue(T.plus(GiveUpLog.QUIET).plusSeconds(5)))
                .containsExactly(Map.entry("ws", new GiveUpLog.Unlogged(1999, T)));
        assertThat(log.overdue(T.plusSeconds(600))).as("once; 'other' had nothing left out").isEmpty();
        assertThat(log.failed("ws", T.plusSeconds(601))).as("a new minute begins with a line").isEmpty();
    }

    @Test
    void aCountNotYetToldGoesWithTheNextLine() {
        GiveUpLog log = new GiveUpLog();
        log.failed("ws", T);
        log.failed("ws", T.plusSeconds(10));
        log.failed("ws", T.plusSeconds(20));
        assertThat(log.failed("ws", T.plus(GiveUpLog.QUIET))).isEqualTo("; before it, 2 more failed for good since "
                + "2026-12-07T08:00:00Z, not logged one by one (the delivery log lists them)");
        assertThat(log.overdue(T.plus(GiveUpLog.QUIET).plusSeconds(61))).as("already told").isEmpty();
    }
}
