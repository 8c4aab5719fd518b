package io.connectionhealth.signal;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.health.Health;
import io.connectionhealth.notification.EventLog;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reading the API call and job run logs; every list is a page done in SQL. */
@Service
public class SignalLog {

    private final SignalStore store;
    private final EventLog events;
    private final Clock clock;

    SignalLog(SignalStore store, EventLog events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public List<ApiCall> list(Actor actor, ApiCallFilter filter, boolean newestFirst, PageRequest page) {
        return store.listCalls(actor.workspaceId(), filter, newestFirst, page);
    }

    /** The next {@code limit} matching calls after {@code last} in the log's order, read on from it by the index. */
    public List<ApiCall> listAfter(Actor actor, ApiCallFilter filter, boolean newestFirst, ApiCall last, int limit) {
        return store.listCallsAfter(actor.workspaceId(), filter, newestFirst, last.createdAt(), last.id(), limit);
    }

    /** The number of matching calls, counted up to {@code cap} (a grid needs no exact count of millions). */
    public long count(Actor actor, ApiCallFilter filter, long cap) {
        return store.countCalls(actor.workspaceId(), filter, cap);
    }

    /**
     * Whether the call arrived while its connection was paused, and so moved nothing (SPEC §2a). A pause is judged by
     * when a signal arrives, not by its own time (decisions.md): a call made before the pause that arrives during it
     * moves nothing; one made during it that arrives after it counts. Read from the pause events; where none is kept,
     * from the connection paused now and unchanged since the call arrived. A batch whose request began just before a
     * pause, and waited for it, may have been applied after it without this saying so.
     */
    public boolean arrivedWhilePaused(Actor actor, ApiCall call, Connection c) {
        if (!c.id().equals(call.connectionId())) {
            return false;
        }
        return store.receivedAt(actor.workspaceId(), call.id())
                .map(arrived -> events.pausedAt(actor, c.id(), arrived)
                        .orElseGet(() -> c.isPaused() && !c.updatedAt().isAfter(arrived)))
                .orElse(false);
    }

    public ApiCall get(Actor actor, String id) {
        return store.findCall(actor.workspaceId(), id).orElseThrow(() -> new NotFoundException("No API call " + id));
    }

    /** The connection's calls per hour in the 24 whole hours up to now (the current one last), hours without calls left out. */
    public List<HourlyCalls> last24Hours(Actor actor, String connectionId) {
        Instant first = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23));
        return store.hourly(actor.workspaceId(), connectionId, first, 24);
    }

    public List<JobRun> jobRuns(Actor actor, String connectionId, PageRequest page) {
        return store.listRuns(actor.workspaceId(), connectionId, page);
    }

    /**
     * Whether retention deleted the signal that set an unhealthy connection's health: a purge takes every signal up
     * to its cutoff, so none of the connection's calls or job runs up to that time is left. (When the code and pause
     * rule out every signal of that time, those signals are still there.)
     */
    public boolean signalThatBrokeItWasPurged(Actor actor, Connection c) {
        return c.status().isUnhealthy() && c.lastUnhealthyAt() != null
                && !store.holdsSignalsUpTo(actor.workspaceId(), c.id(), c.lastUnhealthyAt());
    }

    /**
     * The failing job run that set an unhealthy connection's health (the one finished at its
     * {@code last_unhealthy_at}), or empty when an API call did.
     */
    public Optional<JobRun> jobRunThatBrokeIt(Actor actor, Connection c) {
        if (!unhealthySinceASignal(c)) {
            return Optional.empty();
        }
        // of the same health name and code: a call of the same time may have set another name, or the same name with
        // its own code (a run's 403 replaced by a call's 401), and the page would have named the run
        // and with the health's details: a run of that time logged while the connection was paused moved nothing, and
        // its other failing exports had been opened beside the details the page shows (an audit)
        return store.unhealthyRunsAt(actor.workspaceId(), c.id(), c.lastUnhealthyAt(), c.health().name().name(),
                c.lastUnhealthyCode()).stream()
                .filter(run -> run.classification().details().equals(c.health().details())).findFirst();
    }

    /**
     * The API call that set the connection's unhealthy health, when its last unhealthy signal was one and the log still
     * holds it: what broke, in the vendor's words, on the connection's own page.
     */
    public Optional<ApiCall> callThatBrokeIt(Actor actor, Connection c) {
        if (!unhealthySinceASignal(c)) {
            return Optional.empty();
        }
        // at one time the signal applied last sets the health: of the calls of that time, the one whose code the
        // connection kept and that was not logged while it was paused (which moved nothing). Calls alike in both set
        // the same health, so naming any of them is true; a review found the wrong one named by id alone
        Integer code = c.lastUnhealthyCode();
        return store.unhealthyCallsAt(actor.workspaceId(), c.id(), c.lastUnhealthyAt(), c.health().name().name())
                .stream().filter(call -> Objects.equals(call.timedOut() ? null : call.status(), code))
                .filter(call -> !arrivedWhilePaused(actor, call, c)).findFirst();
    }

    /** Whether an unhealthy signal set the connection's health, which it names and times. */
    private static boolean unhealthySinceASignal(Connection c) {
        return c.lastUnhealthyAt() != null && c.health() != null && Health.UNHEALTHY_STATUS.equals(c.health().status());
    }

    public JobRun jobRun(Actor actor, String id) {
        return store.findRun(actor.workspaceId(), id).orElseThrow(() -> new NotFoundException("No job run " + id));
    }
}
