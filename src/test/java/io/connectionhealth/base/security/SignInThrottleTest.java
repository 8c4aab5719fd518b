package io.connectionhealth.base.security;

import io.connectionhealth.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final SignInThrottle throttle = new SignInThrottle(clock);

    {
        clock.set(Instant.parse("2026-12-02T10:00:00Z"));
    }

    private int attempt(int times, String username, String address) {
        int allowed = 0;
        for (int i = 0; i < times; i++) {
            allowed += throttle.tryAttempt(username, address) ? 1 : 0;
        }
        return allowed;
    }

    @Test
    void fiveAttemptsFromOneAddressLockThatUsernameThereForFifteenMinutes() {
        assertThat(attempt(4, "admin", "10.0.0.1")).isEqualTo(4);
        assertThat(throttle.locked("admin", "10.0.0.1")).isFalse();
        assertThat(attempt(1, "Admin\u0001 ", "10.0.0.1")).as("the username as the sign-in reads it").isEqualTo(1);
        assertThat(throttle.locked("admin", "10.0.0.1")).isTrue();
        assertThat(attempt(3, "admin", "10.0.0.1")).as("refused while locked").isZero();
        assertThat(throttle.tryAttempt("admin", "10.0.0.2")).as("from elsewhere").isTrue();
        assertThat(throttle.tryAttempt("viewer", "10.0.0.1")).as("another user").isTrue();

        clock.advance(SignInThrottle.LOCK.minusSeconds(1));
        assertThat(throttle.tryAttempt("admin", "10.0.0.1")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.locked("admin", "10.0.0.1")).isFalse();
        assertThat(attempt(4, "admin", "10.0.0.1")).as("counting starts over").isEqualTo(4);
    }

    @Test
    void anIpv6AddressCountsByItsSlash64() {
        for (int i = 1; i <= SignInThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.tryAttempt("admin", "2001:db8:1:2::" + Integer.toHexString(i))).isTrue();
        }
        assertThat(throttle.tryAttempt("admin", "2001:db8:1:2:ffff:ffff:ffff:ffff")).as("the same /64").isFalse();
        assertThat(throttle.tryAttempt("admin", "2001:db8:1:3::1")).as("the next /64").isTrue();
        assertThat(throttle.tryAttempt("admin", "0:0:0:0:0:0:0:1")).as("loopback, written out").isTrue();
        assertThat(SignInThrottle.network("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(SignInThrottle.network("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(SignInThrottle.network("not:an:address:at:all")).isEqualTo("not:an:address:at:all");
    }

    @Test
    void attemptsSpreadOverMoreThanTheWindowDoNotLock() {
        attempt(4, "admin", "10.0.0.1");
        clock.advance(SignInThrottle.WINDOW);
        attempt(4, "admin", "10.0.0.1");
        assertThat(throttle.locked("admin", "10.0.0.1")).isFalse();
        attempt(1, "admin", "10.0.0.1");
        assertThat(throttle.locked("admin", "10.0.0.1")).isTrue();
    }

    @Test
    void aSuccessfulSignInClearsTheCount() {
        attempt(4, "admin", "10.0.0.1");
        throttle.succeeded("admin", "10.0.0.1");
        attempt(4, "admin", "10.0.0.1");
        assertThat(throttle.locked("admin", "10.0.0.1")).isFalse();
    }

    @Test
    void guessesSentInParallelGetFiveAttemptsInAll() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> guesses = IntStream.range(0, 200)
                    .<Callable<Boolean>>mapToObj(i -> () -> throttle.tryAttempt("admin", "10.0.0.9")).toList();
            long allowed = 0;
            for (Future<Boolean> f : pool.invokeAll(guesses)) {
                allowed += f.get() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(SignInThrottle.MAX_FAILURES);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void madeUpUsernamesCannotFillTheMemory() {
        for (int i = 0; i < SignInThrottle.MAX_PAIRS + 5_000; i++) {
            throttle.tryAttempt("x".repeat(1_000) + i, "10.0.0.1");
        }
        assertThat(throttle.pairs()).isLessThanOrEqualTo(SignInThrottle.MAX_PAIRS);
        // locks survive a prune that drops the counts that are no lock
        attempt(5, "admin", "10.0.0.1");
        for (int i = 0; i < SignInThrottle.MAX_PAIRS; i++) {
            throttle.tryAttempt("y" + i, "10.0.0.1");
        }
        assertThat(throttle.locked("admin", "10.0.0.1")).isTrue();
    }
}
