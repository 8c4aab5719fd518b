package io.connectionhealth.base.security;

import io.connectionhealth.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final SignInThrottle throttle = new SignInThrottle(clock);

    {
        clock.set(Instant.parse("2026-12-02T10:00:00Z"));
    }

    private void fail(int times, String username, String address) {
        for (int i = 0; i < times; i++) {
            throttle.failed(username, address);
        }
    }

    @Test
    void fiveWrongPasswordsFromOneAddressLockThatUsernameThereForFifteenMinutes() {
        fail(4, "admin", "10.0.0.1");
        assertThat(throttle.locked("admin", "10.0.0.1")).isFalse();
        fail(1, "Admin ", "10.0.0.1");
        assertThat(throttle.locked("admin", "10.0.0.1")).as("the username in any case").isTrue();
        assertThat(throttle.locked("admin", "10.0.0.2")).as("from elsewhere").isFalse();
        assertThat(throttle.locked("viewer", "10.0.0.1")).as("another user").isFalse();

        clock.advance(SignInThrottle.LOCK.minusSeconds(1));
        assertThat(throttle.locked("admin", "10.0.0.1")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.locked("admin", "10.0.0.1")).isFalse();
        fail(1, "admin", "10.0.0.1");
        assertThat(throttle.locked("admin", "10.0.0.1")).as("counting starts over").isFalse();
    }

    @Test
    void wrongPasswordsSpreadOverMoreThanTheWindowDoNotLock() {
        fail(4, "admin", "10.0.0.1");
        clock.advance(SignInThrottle.WINDOW);
        fail(4, "admin", "10.0.0.1");
        assertThat(throttle.locked("admin", "10.0.0.1")).isFalse();
        fail(1, "admin", "10.0.0.1");
        assertThat(throttle.locked("admin", "10.0.0.1")).isTrue();
    }

    @Test
    void aSuccessfulSignInClearsTheCount() {
        fail(4, "admin", "10.0.0.1");
        throttle.succeeded("admin", "10.0.0.1");
        fail(4, "admin", "10.0.0.1");
        assertThat(throttle.locked("admin", "10.0.0.1")).isFalse();
    }
}
