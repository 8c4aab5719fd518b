package io.connectionhealth.demo;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionCounts;
import io.connectionhealth.connection.ConnectionFilter;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.ConnectionSort;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.ResolutionOwner;
import io.connectionhealth.signal.ApiCallFilter;
import io.connectionhealth.signal.SignalLog;
import io.connectionhealth.signal.ApiCallType;
import io.connectionhealth.workspace.WorkspaceService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seeded demo workspace shows every status, health name, owner and rule; the simulated traffic moves things. */
@SpringBootTest(properties = {
        "app.demo.enabled=true",
        "spring.datasource.url=jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        // the test drives the traffic itself
        "app.demo.traffic-interval=PT1H"})
class DemoDataTest {

    private static final Actor ACTOR = Actor.system(WorkspaceService.DEFAULT_WORKSPACE_ID);

    @Autowired
    ConnectionService connections;
    @Autowired
    SignalLog callLog;
    @Autowired
    DemoData demoData;
    @Autowired
    SimulatedTraffic traffic;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WorkspaceService workspaces;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void everyStatusHealthNameAndOwnerOccursAmongTheConnections() {
        assertThat(demoData.ready()).isTrue();
        ConnectionCounts counts = connections.counts(ACTOR);
        assertThat(counts.total()).isBetween(140L, 160L);
        for (ConnectionStatus status : ConnectionStatus.values()) {
            assertThat(counts.status(status)).as("connections in status %s", status).isPositive();
        }
        for (ResolutionOwner owner : ResolutionOwner.values()) {
            assertThat(counts.owner(owner)).as("unhealthy connections owned by %s", owner).isPositive();
        }
        for (HealthName name : HealthName.values()) {
            assertThat(connections.count(ACTOR, filter(null, name, null))).as("connections with health %s", name)
                    .isPositive();
        }
        assertThat(connections.count(ACTOR, filter(null, null, true))).as("paused connections").isPositive();
        assertThat(connections.count(ACTOR, new ConnectionFilter(Set.of(), null, null, null, null, "Sandbox", null, null,
                null))).as("sandbox connections").isPositive();
    }

    @Test
    void theDemosEventsNameOnlyTheTriggerKindsOfSpec() {
        List<String> payloads = jdbc.sql("select payload from notification_event where workspace_id = :ws")
                .param("ws", WorkspaceService.DEFAULT_WORKSPACE_ID).query(String.class).list();
        assertThat(payloads).isNotEmpty();
        assertThat(payloads).as("SPEC §4: api_call, job_run, api or ui")
                .allMatch(p -> p.matches(".*\"trigger\":\\{\"kind\":\"(api_call|job_run|api|ui)\".*"));
    }

    @Test
    void partialDataAccessShowsTheOneUnauthorizedExport() {
        List<Connection> unauthorized = connections.list(ACTOR, filter(ConnectionStatus.UNHEALTHY_NOW,
                HealthName.UNAUTHORIZED, null), ConnectionSort.DEFAULT, PageRequest.of(100, 0));
        assertThat(unauthorized).anySatisfy(c -> {
            assertThat(c.health().resolutionOwner()).isEqualTo(ResolutionOwner.CUSTOMER);
            assertThat(c.health().details()).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo(403));
            assertThat(c.lastUnhealthyCode()).isEqualTo(403);
        });
        assertThat(jdbc.sql("select count(*) from job_run where workspace_id = ? and rule = 'job-1' and exports like '%200%'")
                .param(WorkspaceService.DEFAULT_WORKSPACE_ID).query(Long.class).single()).isPositive();
    }

    @Test
    void everyRuleOfTheTablesFired() {
        List<String> rules = jdbc.sql("""
                        select distinct rule from api_call where workspace_id = :ws
                        union select distinct rule from job_run where workspace_id = :ws""")
                .param("ws", WorkspaceService.DEFAULT_WORKSPACE_ID).query(String.class).list();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            expected.add("api-" + i);
        }
        expected.add("api-none");
        for (int i = 1; i <= 8; i++) {
            expected.add("job-" + i);
        }
        assertThat(rules).containsAll(expected);
    }

    @Test
    void aFailedLoginWithoutConnectionIsLogged() {
        assertThat(callLog.count(ACTOR, new ApiCallFilter(null, true, ApiCallType.LOGIN, null, null, null, null, null, null), 1000))
                .isPositive();
        assertThat(jdbc.sql("select count(*) from api_call where workspace_id = ? and type = 'LOGIN' and connection_id is null")
                .param(WorkspaceService.DEFAULT_WORKSPACE_ID).query(Long.class).single()).isPositive();
    }

    @Test
    void aSecondStartSeedsNothing() {
        long connectionsBefore = connections.count(ACTOR, ConnectionFilter.ALL);
        long callsBefore = callLog.count(ACTOR, ApiCallFilter.ALL, Long.MAX_VALUE);
        demoData.run(null);
        assertThat(connections.count(ACTOR, ConnectionFilter.ALL)).isEqualTo(connectionsBefore);
        assertThat(callLog.count(ACTOR, ApiCallFilter.ALL, Long.MAX_VALUE)).isEqualTo(callsBefore);
    }

    @Test
    void anInstanceThatFoundTheWorkspaceEmptyButSeedsSecondSeedsNothing() {
        long connectionsBefore = connections.count(ACTOR, ConnectionFilter.ALL);
        assertThat(demoData.seedUnlessSeeded(ACTOR)).as("seeded by the first while this one waited for the row")
                .isNull();
        assertThat(connections.count(ACTOR, ConnectionFilter.ALL)).isEqualTo(connectionsBefore);

        Actor empty = Actor.system(workspaces.create("Seeded once").id());
        assertThat(demoData.seedUnlessSeeded(empty).connections()).isPositive();
    }

    @Test
    void aSeedInterruptedHalfwayKeepsNothing() {
        Actor other = Actor.system(workspaces.create("Stopped while seeding").id());
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            assertThat(demoData.seed(other).calls()).isPositive();
            throw new IllegalStateException("the application stopped");
        })).hasMessage("the application stopped");
        assertThat(connections.count(other, ConnectionFilter.ALL)).isZero();
        assertThat(callLog.count(other, ApiCallFilter.ALL, Long.MAX_VALUE)).isZero();
        assertThat(jdbc.sql("select count(*) from notification_event where workspace_id = ?").param(other.workspaceId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aTickOfSimulatedTrafficPostsCalls() {
        long before = callLog.count(ACTOR, ApiCallFilter.ALL, Long.MAX_VALUE);
        int posted = traffic.tick();
        assertThat(posted).isPositive();
        assertThat(callLog.count(ACTOR, ApiCallFilter.ALL, Long.MAX_VALUE)).isGreaterThan(before);
    }

    private static ConnectionFilter filter(ConnectionStatus status, HealthName health, Boolean paused) {
        return new ConnectionFilter(status == null ? Set.of() : Set.of(status), health, null, null, null, null, null,
                paused, null);
    }
}
