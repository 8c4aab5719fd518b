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
        assertThat(schedule.next(NOW, 1, "172800")).as("two days, readable: capped at a day")
                .contains(NOW.plus(RetrySchedule.MAX_RETRY_AFTER));
        assertThat(schedule.next(NOW, 1, "Fri, 04 Dec 2026 12:00:00 GMT")).as("a date two days ahead: capped too")
                .contains(NOW.plus(RetrySchedule.MAX_RETRY_AFTER));
        assertThat(schedule.next(NOW, 1, "  ")).as("blank: absent, not a day").contains(NOW.plusSeconds(5));
        assertThat(schedule.next(NOW, 1, " 60 ")).as("surrounding spaces are not part of the value")
                .contains(NOW.plusSeconds(60));
    }

    @Test
    void theCapOnRetryAfterNeverShortensAScheduleDelayOfMoreThanADay() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofDays(2)), 0);
        assertThat(schedule.next(NOW, 1, null)).contains(NOW.plus(Duration.ofDays(2)));
        assertThat(schedule.next(NOW, 1, "3600")).contains(NOW.plus(Duration.ofDays(2)));
        assertThat(schedule.next(NOW, 1, "259200")).as("three days asked, capped at one: the schedule's two stand")
                .contains(NOW.plus(Duration.ofDays(2)));
    }

    @Test
    void whatRetryAfterAsksForWhateverTheStatus() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(5)), 0);
        assertThat(schedule.askedFor(NOW, "90")).contains(NOW.plusSeconds(90));
        assertThat(schedule.askedFor(NOW, "Wed, 02 Dec 2026 12:02:00 GMT")).contains(NOW.plusSeconds(120));
        assertThat(schedule.askedFor(NOW, "172800")).as("capped at a day").contains(NOW.plus(RetrySchedule.MAX_RETRY_AFTER));
        assertThat(schedule.askedFor(NOW, "0")).contains(NOW);
        assertThat(schedule.askedFor(NOW, null)).isEmpty();
        assertThat(schedule.askedFor(NOW, "")).isEmpty();
        assertThat(schedule.askedFor(NOW, "soon")).isEmpty();
        assertThat(schedule.askedFor(NOW, "Wed, 02 Dec 2026 11:00:00 GMT")).as("a date past: now, not before")
                .contains(NOW);
    }

    @Test
    void onlyA429sRetryAfterHoldsAgainstARecovery() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(5)), 0);
        assertThat(schedule.notBefore(NOW, 429, "90")).contains(NOW.plusSeconds(90));
        assertThat(schedule.notBefore(NOW, 429, "Wed, 02 Dec 2026 12:02:00 GMT")).contains(NOW.plusSeconds(120));
        assertThat(schedule.notBefore(NOW, 429, "99999999999999999999")).contains(NOW.plus(RetrySchedule.MAX_RETRY_AFTER));
        assertThat(schedule.notBefore(NOW, 429, "172800")).contains(NOW.plus(RetrySchedule.MAX_RETRY_AFTER));
        assertThat(schedule.notBefore(NOW, 429, null)).isEmpty();
        assertThat(schedule.notBefore(NOW, 429, "0")).isEmpty();
        assertThat(schedule.notBefore(NOW, 429, "Wed, 02 Dec 2026 11:00:00 GMT")).as("a date past").isEmpty();
        assertThat(schedule.notBefore(NOW, 503, "90")).as("an outage's estimate, which a success ends").isEmpty();
        assertThat(schedule.notBefore(NOW, null, "90")).isEmpty();
    }
}
