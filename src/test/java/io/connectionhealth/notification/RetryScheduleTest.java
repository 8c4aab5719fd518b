package io.connectionhealth.notification;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void theNthFailureWaitsTheNthDelayAndThenTheEventHasFailed() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)), 0);
        assertThat(schedule.next(NOW, 1, null)).contains(NOW.plusSeconds(5));
        assertThat(schedule.next(NOW, 2, null)).contains(NOW.plusSeconds(300));
        assertThat(schedule.next(NOW, 3, null)).isEmpty();
        assertThat(schedule.next(NOW, 0, null)).isEmpty();
    }

    @Test
    void jitterOnlyEverDelaysARetryNeverBringsItForward() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(10)), 0.2);
        Duration shortest = Duration.ofDays(1);
        Duration longest = Duration.ZERO;
        for (int i = 0; i < 2_000; i++) {
            Duration delay = Duration.between(NOW, schedule.next(NOW, 1, null).orElseThrow());
            shortest = delay.compareTo(shortest) < 0 ? delay : shortest;
            longest = delay.compareTo(longest) > 0 ? delay : longest;
        }
        assertThat(shortest).isGreaterThanOrEqualTo(Duration.ofSeconds(10)).isLessThan(Duration.ofMillis(10_200));
        assertThat(longest).isLessThanOrEqualTo(Duration.ofSeconds(12)).isGreaterThan(Duration.ofMillis(11_800));
    }

    @Test
    void retryAfterIsHonouredWhenLongerAndCappedAtADay() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(5)), 0);
        assertThat(schedule.next(NOW, 1, "60")).contains(NOW.plusSeconds(60));
        assertThat(schedule.next(NOW, 1, "1")).as("never sooner than the schedule").contains(NOW.plusSeconds(5));
        assertThat(schedule.next(NOW, 1, "99999999999999999999")).contains(NOW.plus(RetrySchedule.MAX_RETRY_AFTER));
        assertThat(schedule.next(NOW, 1, "Wed, 02 Dec 2026 12:02:00 GMT")).contains(NOW.plusSeconds(120));
        assertThat(schedule.next(NOW, 1, "soon")).as("unreadable: ignored").contains(NOW.plusSeconds(5));
    }

    @Test
    void onlyA429sRetryAfterHoldsAgainstARecovery() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(5)), 0);
        assertThat(schedule.notBefore(NOW, 429, "90")).contains(NOW.plusSeconds(90));
        assertThat(schedule.notBefore(NOW, 429, "Wed, 02 Dec 2026 12:02:00 GMT")).contains(NOW.plusSeconds(120));
        assertThat(schedule.notBefore(NOW, 429, "99999999999999999999")).contains(NOW.plus(RetrySchedule.MAX_RETRY_AFTER));
        assertThat(schedule.notBefore(NOW, 429, null)).isEmpty();
        assertThat(schedule.notBefore(NOW, 429, "0")).isEmpty();
        assertThat(schedule.notBefore(NOW, 503, "90")).as("an outage's estimate, which a success ends").isEmpty();
        assertThat(schedule.notBefore(NOW, null, "90")).isEmpty();
    }
}
