package io.connectionhealth.demo;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionFilter;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.ConnectionSort;
import io.connectionhealth.demo.DemoCatalog.Integration;
import io.connectionhealth.demo.DemoCatalog.Style;
import io.connectionhealth.demo.DemoSignals.CallOutcome;
import io.connectionhealth.demo.DemoSignals.RunOutcome;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.signal.ApiCallInput;
import io.connectionhealth.signal.SignalIngestion;
import io.connectionhealth.workspace.WorkspaceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A light, live load on the demo workspace, so that statuses change while someone watches: every few seconds a few
 * everyday calls for healthy demo connections, now and then one breaking (401, 403, a platform 500, a timeout, a
 * 400) and one broken one recovering, and the odd sync job run. Only demo connections (a catalog integration and a
 * demo customer) that are HEALTHY or UNHEALTHY_NOW and not paused are touched, so NEW and UNHEALTHY ones stay as
 * seeded. Stops before the application context closes; an error is logged and the next tick tries again.
 */
@Component
@Conditional(DemoEnabled.class)
class SimulatedTraffic implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SimulatedTraffic.class);
    private static final int WINDOW = 200;
    private static final List<CallOutcome> BREAKS = List.of(CallOutcome.REVOKED, CallOutcome.FORBIDDEN,
            CallOutcome.INTERNAL, CallOutcome.TIMEOUT, CallOutcome.CLIENT_ERROR);
    private static final List<RunOutcome> RUN_FAILURES = List.of(RunOutcome.PARTIAL_ACCESS, RunOutcome.TIMEOUT,
            RunOutcome.INTERNAL, RunOutcome.RATE_LIMITED, RunOutcome.VENDOR_DOWN, RunOutcome.BAD_REQUEST,
            RunOutcome.VENDOR_ERROR);

    private final DemoData demo;
    private final ConnectionService connections;
    private final SignalIngestion ingestion;
    private final Clock clock;
    private final Actor actor = Actor.system(WorkspaceService.DEFAULT_WORKSPACE_ID);
    private final Random rnd = new Random(7);
    private final ReentrantLock ticking = new ReentrantLock();
    private volatile boolean running;

    SimulatedTraffic(DemoData demo, ConnectionService connections, SignalIngestion ingestion, Clock clock) {
        this.demo = demo;
        this.connections = connections;
        this.ingestion = ingestion;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${app.demo.traffic-interval:PT5S}", fixedDelayString = "${app.demo.traffic-interval:PT5S}")
    void scheduled() {
        if (!running || !demo.ready()) {
            return;
        }
        try {
            tick();
        } catch (RuntimeException e) {
            if (running) {
                log.warn("Simulated traffic: a tick failed, trying again on the next one", e);
            }
        }
    }

    /** One round of traffic; returns the number of API calls and job runs posted. */
    int tick() {
        ticking.lock();
        try {
            return round();
        } finally {
            ticking.unlock();
        }
    }

    private int round() {
        Instant now = clock.instant();
        List<ApiCallInput> calls = new ArrayList<>();
        List<Connection> healthy = sample(ConnectionStatus.HEALTHY, Style.CALLS, 4);
        for (Connection c : healthy) {
            Integration integration = DemoCatalog.BY_TYPE.get(c.integrationType());
            calls.add(DemoSignals.call(null, c.id(), integration, c.externalXref(), now.minusMillis(200 + rnd.nextInt(4_000)),
                    DemoSignals.everyday(integration, rnd), rnd));
        }
        if (!healthy.isEmpty() && rnd.nextDouble() < 0.12) {
            Connection victim = healthy.get(rnd.nextInt(healthy.size()));
            CallOutcome outcome = DemoSignals.pick(BREAKS, rnd);
            calls.add(DemoSignals.call(null, victim.id(), DemoCatalog.BY_TYPE.get(victim.integrationType()),
                    victim.externalXref(), now, outcome, rnd));
            log.info("Simulated traffic: {} for {} ({}) starts failing: {}", victim.integrationType(),
                    victim.externalXref(), victim.id(), switch (outcome) {
                        case REVOKED -> "401, credentials revoked";
                        case FORBIDDEN -> "403, a scope was removed";
                        case INTERNAL -> "500 from the platform";
                        case TIMEOUT -> "timeout";
                        default -> "4xx client error";
                    });
        }
        if (rnd.nextDouble() < 0.12) {
            for (Connection fixed : sample(ConnectionStatus.UNHEALTHY_NOW, Style.CALLS, 1)) {
                calls.add(DemoSignals.call(null, fixed.id(), DemoCatalog.BY_TYPE.get(fixed.integrationType()),
                        fixed.externalXref(), now, CallOutcome.OK, rnd));
                log.info("Simulated traffic: {} for {} ({}) works again", fixed.integrationType(), fixed.externalXref(),
                        fixed.id());
            }
        }
        int posted = 0;
        if (!calls.isEmpty()) {
            ingestion.ingestApiCalls(actor, calls);
            posted += calls.size();
        }
        if (rnd.nextDouble() < 0.2) {
            posted += jobRun(now);
        }
        return posted;
    }

    /** A sync job run for a job-style demo connection: a healthy one mostly stays so, a failing one may recover. */
    private int jobRun(Instant now) {
        ConnectionStatus status = rnd.nextDouble() < 0.75 ? ConnectionStatus.HEALTHY : ConnectionStatus.UNHEALTHY_NOW;
        List<Connection> picked = sample(status, Style.JOBS, 1);
        if (picked.isEmpty()) {
            return 0;
        }
        Connection c = picked.getFirst();
        RunOutcome outcome;
        if (status == ConnectionStatus.HEALTHY) {
            outcome = rnd.nextDouble() < 0.2 ? DemoSignals.pick(RUN_FAILURES, rnd) : RunOutcome.OK;
        } else {
            outcome = rnd.nextDouble() < 0.5 ? RunOutcome.OK : sameFailure(c.health() == null ? null : c.health().name());
        }
        ingestion.ingestJobRun(actor, DemoSignals.run(c.id(), DemoCatalog.BY_TYPE.get(c.integrationType()), now, outcome, rnd));
        return 1;
    }

    private static RunOutcome sameFailure(HealthName name) {
        if (name == null) {
            return RunOutcome.VENDOR_ERROR;
        }
        return switch (name) {
            case UNAUTHORIZED -> RunOutcome.PARTIAL_ACCESS;
            case EXECUTION_TIMEOUT -> RunOutcome.TIMEOUT;
            case INTERNAL_ERROR -> RunOutcome.INTERNAL;
            case RATE_LIMIT_EXCEEDED -> RunOutcome.RATE_LIMITED;
            case VENDOR_CLIENT_ERROR -> RunOutcome.BAD_REQUEST;
            case VENDOR_SERVER_ERROR, HEALTHY -> RunOutcome.VENDOR_DOWN;
        };
    }

    /** Up to {@code n} random unpaused demo connections in that status and style, from one random window of the list. */
    private List<Connection> sample(ConnectionStatus status, Style style, int n) {
        ConnectionFilter filter = new ConnectionFilter(Set.of(status), null, null, null, null, null, null, false, null);
        long count = connections.count(actor, filter);
        if (count == 0) {
            return List.of();
        }
        long offset = count <= WINDOW ? 0 : (long) (rnd.nextDouble() * (count - WINDOW));
        List<Connection> candidates = new ArrayList<>(connections.list(actor, filter, ConnectionSort.DEFAULT,
                PageRequest.of(WINDOW, offset)).stream().filter(c -> isDemo(c, style)).toList());
        Collections.shuffle(candidates, rnd);
        return candidates.subList(0, Math.min(n, candidates.size()));
    }

    private static boolean isDemo(Connection c, Style style) {
        return c.externalXref() != null && DemoCatalog.CUSTOMER_SET.contains(c.externalXref())
                && DemoCatalog.integration(c.integrationType()).filter(i -> i.style() == style).isPresent();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Lets a tick in progress finish (up to 10 s) before the database goes away. */
    @Override
    public void stop() {
        running = false;
        try {
            if (ticking.tryLock(10, TimeUnit.SECONDS)) {
                ticking.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
