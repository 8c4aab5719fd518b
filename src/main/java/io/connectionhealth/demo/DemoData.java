package io.connectionhealth.demo;

import io.connectionhealth.base.Actor;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionFilter;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.ConnectionUpdate;
import io.connectionhealth.connection.NewConnection;
import io.connectionhealth.demo.DemoPlan.Created;
import io.connectionhealth.demo.DemoPlan.Planned;
import io.connectionhealth.demo.DemoPlan.Scenario;
import io.connectionhealth.demo.DemoPlan.Signals;
import io.connectionhealth.signal.ApiCallFilter;
import io.connectionhealth.signal.ApiCallInput;
import io.connectionhealth.signal.SignalLog;
import io.connectionhealth.signal.JobRunInput;
import io.connectionhealth.signal.SignalIngestion;
import io.connectionhealth.workspace.Bootstrap;
import io.connectionhealth.workspace.WorkspaceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Seeds the default workspace with a realistic week (SPEC §6, the embedded default) when it has no connection and
 * no API call yet, so restarts do not duplicate it. Uses only the public services, as the integration layer would,
 * all in one transaction: an application stopped while seeding keeps none of it and seeds it whole at the next start
 * (a half-seeded workspace would count as seeded). Runs after the workspace bootstrap, which creates the workspace and
 * the admin it tells the user about.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
@Conditional(DemoEnabled.class)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    /** Well below SignalIngestion.MAX_BATCH: each batch is one transaction. */
    static final int CALL_BATCH = 5_000;
    private static final long SEED = 20_240_925L;

    private final WorkspaceService workspaces;
    private final ConnectionService connections;
    private final SignalIngestion ingestion;
    private final SignalLog callLog;
    private final Clock clock;
    private final Environment environment;
    private final TransactionTemplate transactions;
    private final Bootstrap bootstrap;
    private final boolean adminPasswordGiven;
    private final boolean apiKeyGiven;
    private volatile boolean ready;
    private volatile boolean stopping;

    DemoData(WorkspaceService workspaces, ConnectionService connections, SignalIngestion ingestion, SignalLog callLog,
             Clock clock, Environment environment, TransactionTemplate transactions, Bootstrap bootstrap,
             @Value("${app.bootstrap.admin-password:}") String adminPassword,
             @Value("${app.bootstrap.api-key:}") String apiKey) {
        this.workspaces = workspaces;
        this.connections = connections;
        this.ingestion = ingestion;
        this.callLog = callLog;
        this.clock = clock;
        this.environment = environment;
        this.transactions = transactions;
        this.bootstrap = bootstrap;
        this.adminPasswordGiven = adminPassword != null && !adminPassword.isBlank();
        this.apiKeyGiven = apiKey != null && !apiKey.isBlank();
    }

    /** True once the demo workspace is complete, so the simulated traffic does not mix into the seed. */
    boolean ready() {
        return ready;
    }

    @Override
    public void run(ApplicationArguments args) {
        Actor actor = Actor.system(workspaces.defaultWorkspace().id());
        if (hasData(actor)) {
            log.info("Demo data: the default workspace already has data, nothing seeded");
        } else {
            long started = System.nanoTime();
            Summary summary;
            try {
                summary = seedUnlessSeeded(actor);
            } catch (RuntimeException e) {
                if (stopping) {
                    log.info("Demo data: the application stopped while seeding; none of it was kept, and it is seeded "
                            + "at the next start");
                    return;
                }
                throw e;
            }
            if (summary == null) {
                log.info("Demo data: another instance sharing the database seeded it meanwhile, nothing seeded here");
            } else {
                log.info("Demo data: seeded {} connections, {} API calls and {} job runs in {} ms",
                        summary.connections(), summary.calls(), summary.runs(), (System.nanoTime() - started) / 1_000_000);
            }
        }
        ready = true;
        banner();
    }

    private boolean hasData(Actor actor) {
        return connections.count(actor, ConnectionFilter.ALL) > 0 || callLog.count(actor, ApiCallFilter.ALL, 1) > 0;
    }

    /**
     * Seeds the workspace holding its row, or does nothing (null) if it has data by the time the row is held: two
     * instances started together on one new database both found it empty, and the second one's seed failed on the
     * first one's call ids and stopped its start.
     */
    Summary seedUnlessSeeded(Actor actor) {
        return transactions.execute(tx -> {
            workspaces.lock(actor.workspaceId());
            return hasData(actor) ? null : seed(actor);
        });
    }

    /** Stopping closes the database while the seed may still be writing: its failure then is expected. */
    @EventListener(ContextClosedEvent.class)
    void stopping() {
        stopping = true;
    }

    record Summary(int connections, int calls, int runs) {
    }

    Summary seed(Actor actor) {
        Random rnd = new Random(SEED);
        Instant now = clock.instant();
        List<Created> created = new ArrayList<>();
        for (Planned p : DemoPlan.connections(rnd)) {
            Connection c = connections.create(actor, new NewConnection(p.integration().type(), p.integration().name(),
                    p.integration().categories(), p.permissions(), p.customer(), p.environment()));
            created.add(new Created(c.id(), p));
        }
        Signals signals = DemoPlan.signals(created, now, rnd);
        // Paused connections keep the health they had when paused; what arrives later is logged but moves nothing.
        Instant pausedAt = now.minus(DemoPlan.PAUSED_FOR);
        ingest(actor, signals, at -> at.isBefore(pausedAt));
        for (Created c : created) {
            if (c.plan().paused()) {
                connections.update(actor, c.id(), new ConnectionUpdate(null, null, null, null, true, false));
            }
        }
        ingest(actor, signals, at -> !at.isBefore(pausedAt));
        for (Created c : created) {
            if (c.plan().scenario() == Scenario.RECOVERED_REAUTH) {
                connections.update(actor, c.id(), new ConnectionUpdate(null, null, null, null, null, true));
            }
        }
        return new Summary(created.size(), signals.calls().size(), signals.runs().size());
    }

    private void ingest(Actor actor, Signals signals, Predicate<Instant> when) {
        List<ApiCallInput> batch = new ArrayList<>(CALL_BATCH);
        for (ApiCallInput call : signals.calls()) {
            if (when.test(call.createdAt())) {
                batch.add(call);
                if (batch.size() == CALL_BATCH) {
                    ingestion.ingestApiCalls(actor, batch);
                    batch = new ArrayList<>(CALL_BATCH);
                }
            }
        }
        if (!batch.isEmpty()) {
            ingestion.ingestApiCalls(actor, batch);
        }
        for (JobRunInput run : signals.runs()) {
            if (when.test(run.finishedAt())) {
                ingestion.ingestJobRun(actor, run);
            }
        }
    }

    private void banner() {
        String base = ReadyLine.address(environment);
        // the variable sets the password only when it creates the admin: on a database that has one it is ignored
        String password = bootstrap.adminCreatedFromVariable() ? "the value of APP_BOOTSTRAP_ADMIN_PASSWORD"
                : bootstrap.adminPasswordPrinted() ? "the one printed above in this log (\"Created the first admin\")"
                : adminPasswordGiven ? "the admin's own (APP_BOOTSTRAP_ADMIN_PASSWORD is used only on a new database, "
                        + "and this one already had the admin)"
                : "the one printed in the log of the first start, when the admin was created (or as changed since; "
                        + "APP_BOOTSTRAP_ADMIN_PASSWORD sets it only on a new database)";
        log.info("""

                ==========================================================================================
                  Connection Health is running, with a demo workspace and live simulated traffic.
                    Open      {}
                    Sign in   user 'admin', password: {}
                    API docs  {}/api/docs   ({})
                  APP_DEMO_ENABLED=false (app.demo.enabled) turns the demo and its traffic off.
                ==========================================================================================
                """, base, password, base,
                apiKeyGiven ? "Authorization: Bearer <APP_BOOTSTRAP_API_KEY>" : "create an API key under Settings");
    }
}
