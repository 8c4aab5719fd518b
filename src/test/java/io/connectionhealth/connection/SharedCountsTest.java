package io.connectionhealth.connection;

import io.connectionhealth.base.Actor;
import io.connectionhealth.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open Connections pages of a workspace share one reading of its status counts for up to 25 s, but a page is only
 * ever given a reading that started after its own: never one that could be older than what it shows.
 */
class SharedCountsTest extends ServiceTest {

    @Test
    void aReadingStartedAfterThePagesOwnIsSharedFor25Seconds() {
        Actor actor = newWorkspace();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(t0);
        Instant pageA = t0.minusSeconds(1);
        assertThat(connections.countsAfter(actor, pageA).total()).isZero();

        clock.set(t0.plusSeconds(10));
        connection(actor);
        assertThat(connections.countsAfter(actor, pageA).total()).as("page A: the reading of 10 s ago").isZero();
        assertThat(connections.countsAfter(actor, t0).total()).as("page B showed counts read at t0: a new reading")
                .isEqualTo(1);

        connection(actor);
        clock.set(t0.plusSeconds(10).plus(ConnectionService.SHARED_COUNTS_MAX_AGE));
        assertThat(connections.countsAfter(actor, pageA).total()).as("the reading of t0 + 10 s, just 25 s old")
                .isEqualTo(1);
        clock.set(clock.instant().plusMillis(1));
        assertThat(connections.countsAfter(actor, pageA).total()).as("older than 25 s: read again").isEqualTo(2);
    }

    @Test
    void aPagesOwnCountsAndAnotherWorkspacesAreNeverTakenForNews() {
        Actor actor = newWorkspace();
        Actor other = newWorkspace();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(t0);
        assertThat(connections.counts(actor).total()).isZero();
        Instant shownAt = clock.instant();
        connection(actor);
        assertThat(connections.countsAfter(actor, shownAt).total()).as("read at the page's own moment: read again")
                .isEqualTo(1);

        clock.set(t0.plus(Duration.ofSeconds(5)));
        connection(other);
        connection(other);
        assertThat(connections.countsAfter(other, t0).total()).isEqualTo(2);
        assertThat(connections.countsAfter(actor, t0).total()).as("its own workspace's reading").isEqualTo(1);
    }

    @Test
    void aReadingStampedAfterNowIsNotTaken() {
        Actor actor = newWorkspace();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(t0.plusSeconds(60)); // a clock set back after this reading
        connections.counts(actor);
        clock.set(t0);
        connection(actor);
        assertThat(connections.countsAfter(actor, t0.minusSeconds(1)).total()).isEqualTo(1);
    }
}
