package io.connectionhealth.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.connectionhealth.health.HealthState.Signal;
import io.connectionhealth.health.HealthState.Step;
import io.connectionhealth.health.HealthState.Transition;
import io.connectionhealth.health.HealthState.Transition.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §3 (status and health) and the transitions §4 turns into events.
 *
 * <p>Signals are written {@code kind@minute}, applied in the order written, each classified by the real rules:
 * {@code ok} API 200, {@code 429} API 429 (healthy), {@code v503} vendor 503 (healthy), {@code 401} API 401
 * (UNAUTHORIZED), {@code 403} API 403 (UNAUTHORIZED), {@code 404} API 404 (VENDOR_CLIENT_ERROR), {@code to} API
 * timeout (EXECUTION_TIMEOUT), {@code p500} PLATFORM 500 (INTERNAL_ERROR), {@code 100} API 100 (effect NONE),
 * {@code jobok} healthy job run, {@code job403} job run with a 403 export, {@code job429} job run with a 429
 * export. Transitions: {@code -} none, {@code H<FROM} became healthy from FROM, {@code U<FROM} became (or stayed,
 * with another name) unhealthy from FROM.
 */
class HealthStateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    // ---------------------------------------------------------------- status derivation table

    @ParameterizedTest(name = "healthy={0} unhealthy={1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # lastHealthyAt | lastUnhealthyAt | status        | unhealthy
                            |                 | NEW           | false
            10              |                 | HEALTHY       | false
                            | 10              | UNHEALTHY     | true
            10              | 5               | HEALTHY       | false
            10              | 9               | HEALTHY       | false
            5               | 10              | UNHEALTHY_NOW | true
            10              | 10              | UNHEALTHY_NOW | true
            """)
    void statusIsDerivedFromTheTwoTimestamps(Integer healthyMinute, Integer unhealthyMinute, ConnectionStatus status,
                                             boolean unhealthy) {
        assertThat(ConnectionStatus.of(at(healthyMinute), at(unhealthyMinute))).isEqualTo(status);
        assertThat(status.isUnhealthy()).isEqualTo(unhealthy);
    }

    @Test
    void statusIsDecidedToTheNanosecond() {
        Instant healthy = T0.plusNanos(1);
        assertThat(ConnectionStatus.of(healthy, T0)).isEqualTo(ConnectionStatus.HEALTHY);
        assertThat(ConnectionStatus.of(T0, healthy)).isEqualTo(ConnectionStatus.UNHEALTHY_NOW);
    }

    // ---------------------------------------------------------------- sequences of signals

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                          | signals                 | status after each                        | transitions          | healthyAt | unhealthyAt | code | health name
            NEW stays NEW without signals                   |                         |                                          |                      |           |             |      |
            NEW -> HEALTHY                                  | ok@10                   | HEALTHY                                  | H<NEW                | 10        |             |      | HEALTHY
            NEW -> UNHEALTHY                                | 401@10                  | UNHEALTHY                                | U<NEW                |           | 10          | 401  | UNAUTHORIZED
            NEW -> UNHEALTHY by a timeout (code null)       | to@10                   | UNHEALTHY                                | U<NEW                |           | 10          |      | EXECUTION_TIMEOUT
            HEALTHY -> UNHEALTHY_NOW                        | ok@10 401@20            | HEALTHY UNHEALTHY_NOW                    | H<NEW U<HEALTHY      | 10        | 20          | 401  | UNAUTHORIZED
            UNHEALTHY -> HEALTHY                            | 401@10 ok@20            | UNHEALTHY HEALTHY                        | U<NEW H<UNHEALTHY    | 20        | 10          | 401  | HEALTHY
            UNHEALTHY_NOW -> HEALTHY                        | ok@10 404@20 ok@30      | HEALTHY UNHEALTHY_NOW HEALTHY            | H<NEW U<HEALTHY H<UNHEALTHY_NOW | 30 | 20     | 404  | HEALTHY
            healthy again is no new event                   | ok@10 ok@20             | HEALTHY HEALTHY                          | H<NEW -              | 20        |             |      | HEALTHY
            same name again is no new event                 | 401@10 401@20           | UNHEALTHY UNHEALTHY                      | U<NEW -              |           | 20          | 401  | UNAUTHORIZED
            401 then 403: same name, no event, new code     | 401@10 403@20           | UNHEALTHY UNHEALTHY                      | U<NEW -              |           | 20          | 403  | UNAUTHORIZED
            name change while UNHEALTHY is an event         | 401@10 to@20            | UNHEALTHY UNHEALTHY                      | U<NEW U<UNHEALTHY    |           | 20          |      | EXECUTION_TIMEOUT
            name change while UNHEALTHY_NOW is an event     | ok@10 401@20 p500@30    | HEALTHY UNHEALTHY_NOW UNHEALTHY_NOW      | H<NEW U<HEALTHY U<UNHEALTHY_NOW | 10 | 30     | 500  | INTERNAL_ERROR
            name changes back and forth, one event each     | 401@10 to@20 401@30     | UNHEALTHY UNHEALTHY UNHEALTHY            | U<NEW U<UNHEALTHY U<UNHEALTHY | | 30         | 401  | UNAUTHORIZED
            late older healthy: UNHEALTHY -> UNHEALTHY_NOW  | 401@20 ok@10            | UNHEALTHY UNHEALTHY_NOW                  | U<NEW -              | 10        | 20          | 401  | UNAUTHORIZED
            tie, unhealthy first: still UNHEALTHY_NOW       | 401@10 ok@10            | UNHEALTHY UNHEALTHY_NOW                  | U<NEW -              | 10        | 10          | 401  | UNAUTHORIZED
            tie, healthy first: HEALTHY -> UNHEALTHY_NOW    | ok@10 401@10            | HEALTHY UNHEALTHY_NOW                    | H<NEW U<HEALTHY      | 10        | 10          | 401  | UNAUTHORIZED
            tie of two unhealthy: the later applied wins    | 401@10 to@10            | UNHEALTHY UNHEALTHY                      | U<NEW U<UNHEALTHY    |           | 10          |      | EXECUTION_TIMEOUT
            older healthy never moves healthyAt back        | ok@30 ok@10             | HEALTHY HEALTHY                          | H<NEW -              | 30        |             |      | HEALTHY
            older unhealthy never moves unhealthyAt back    | 401@30 404@10           | UNHEALTHY UNHEALTHY                      | U<NEW -              |           | 30          | 401  | UNAUTHORIZED
            older unhealthy does not replace the health     | ok@10 401@30 to@20      | HEALTHY UNHEALTHY_NOW UNHEALTHY_NOW      | H<NEW U<HEALTHY -    | 10        | 30          | 401  | UNAUTHORIZED
            late unhealthy older than healthy: no event     | ok@30 401@10            | HEALTHY HEALTHY                          | H<NEW -              | 30        | 10          | 401  | HEALTHY
            ...and a newer failure then counts              | ok@30 401@10 to@40      | HEALTHY HEALTHY UNHEALTHY_NOW            | H<NEW - U<HEALTHY    | 30        | 40          |      | EXECUTION_TIMEOUT
            NONE on NEW moves nothing                       | 100@10                  | NEW                                      | -                    |           |             |      |
            NONE on HEALTHY moves nothing                   | ok@10 100@20            | HEALTHY HEALTHY                          | H<NEW -              | 10        |             |      | HEALTHY
            NONE on UNHEALTHY moves nothing                 | 401@10 100@20           | UNHEALTHY UNHEALTHY                      | U<NEW -              |           | 10          | 401  | UNAUTHORIZED
            429 heals an unhealthy connection               | 401@10 429@20           | UNHEALTHY HEALTHY                        | U<NEW H<UNHEALTHY    | 20        | 10          | 401  | HEALTHY
            vendor 5xx heals an unhealthy connection        | to@10 v503@20           | UNHEALTHY HEALTHY                        | U<NEW H<UNHEALTHY    | 20        | 10          |      | HEALTHY
            job run with a 403 export: UNHEALTHY_NOW        | jobok@10 job403@20      | HEALTHY UNHEALTHY_NOW                    | H<NEW U<HEALTHY      | 10        | 20          | 403  | UNAUTHORIZED
            job run with a 429 export is unhealthy          | job429@10               | UNHEALTHY                                | U<NEW                |           | 10          | 429  | RATE_LIMIT_EXCEEDED
            """)
    void appliesSignalsInTheOrderGiven(String description, String signals, String statuses, String transitions,
                                       Integer healthyMinute, Integer unhealthyMinute, Integer code,
                                       HealthName healthName) {
        List<Signal> list = signals(signals);
        List<String> expectedStatuses = words(statuses);
        List<String> expectedTransitions = words(transitions);
        assertThat(expectedStatuses).as("test row is well formed").hasSize(list.size());
        assertThat(expectedTransitions).as("test row is well formed").hasSize(list.size());

        HealthState state = HealthState.NEW;
        List<String> actualStatuses = new ArrayList<>();
        List<String> actualTransitions = new ArrayList<>();
        for (Signal signal : list) {
            Step step = state.apply(signal);
            assertThat(orMin(step.state().lastHealthyAt())).as("lastHealthyAt never moves backwards")
                    .isAfterOrEqualTo(orMin(state.lastHealthyAt()));
            assertThat(orMin(step.state().lastUnhealthyAt())).as("lastUnhealthyAt never moves backwards")
                    .isAfterOrEqualTo(orMin(state.lastUnhealthyAt()));
            Transition t = step.transition();
            if (t != null) {
                assertThat(t.previousStatus()).as("transition's previous status").isEqualTo(state.status());
                assertThat(t.status()).as("transition's new status").isEqualTo(step.state().status());
            }
            state = step.state();
            actualStatuses.add(state.status().name());
            actualTransitions.add(describe(t));
        }

        assertThat(actualStatuses).as("status after each signal").containsExactlyElementsOf(expectedStatuses);
        assertThat(actualTransitions).as("transition of each signal").containsExactlyElementsOf(expectedTransitions);
        assertThat(state.lastHealthyAt()).as("last_healthy_at").isEqualTo(at(healthyMinute));
        assertThat(state.lastUnhealthyAt()).as("last_unhealthy_at").isEqualTo(at(unhealthyMinute));
        assertThat(state.lastUnhealthyCode()).as("last_unhealthy_code").isEqualTo(code);
        Health health = state.health();
        if (healthName == null) {
            assertThat(health).as("health is null while NEW").isNull();
        } else {
            assertThat(health.name()).as("health name").isEqualTo(healthName);
            assertThat(health.status()).isEqualTo(healthName == HealthName.HEALTHY ? "HEALTHY" : "UNHEALTHY");
        }
    }

    // ---------------------------------------------------------------- ties and ordering within a batch

    @Test
    void applyOrderPutsHealthyBeforeUnhealthyAtEqualTimes() {
        Signal unhealthy = signal("401@10");
        Signal healthy = signal("ok@10");
        Signal none = signal("100@10");
        Signal earlierUnhealthy = signal("to@5");
        Signal later = signal("ok@11");

        List<Signal> batch = new ArrayList<>(List.of(later, unhealthy, healthy, earlierUnhealthy, none));
        batch.sort(HealthState.APPLY_ORDER);

        assertThat(batch.get(0)).isSameAs(earlierUnhealthy);
        assertThat(batch.subList(1, 3)).containsExactlyInAnyOrder(healthy, none);
        assertThat(batch.get(3)).isSameAs(unhealthy);
        assertThat(batch.get(4)).isSameAs(later);
    }

    @Test
    void equalTimesInOneBatchGiveUnhealthyNowWhicheverWayTheyArrive() {
        for (List<Signal> arrival : List.of(List.of(signal("401@10"), signal("ok@10")),
                List.of(signal("ok@10"), signal("401@10")))) {
            List<Signal> batch = new ArrayList<>(arrival);
            batch.sort(HealthState.APPLY_ORDER);
            HealthState state = HealthState.NEW;
            List<Transition> events = new ArrayList<>();
            for (Signal s : batch) {
                Step step = state.apply(s);
                state = step.state();
                if (step.transition() != null) {
                    events.add(step.transition());
                }
            }
            assertThat(state.status()).isEqualTo(ConnectionStatus.UNHEALTHY_NOW);
            assertThat(state.health().name()).isEqualTo(HealthName.UNAUTHORIZED);
            assertThat(events).extracting(Transition::kind).containsExactly(Kind.BECAME_HEALTHY, Kind.BECAME_UNHEALTHY);
        }
    }

    @Test
    void distinctTimesGiveTheSameStateWhateverTheArrivalOrder() {
        List<Signal> signals = signals("ok@10 401@20 v503@30 to@25 100@40");
        HealthState expected = null;
        for (List<Signal> permutation : permutations(signals)) {
            HealthState state = HealthState.NEW;
            for (Signal s : permutation) {
                state = state.apply(s).state();
            }
            if (expected == null) {
                expected = state;
            }
            assertThat(state).as("after %s", permutation).isEqualTo(expected);
        }
        assertThat(expected.lastHealthyAt()).isEqualTo(at(30));
        assertThat(expected.lastUnhealthyAt()).isEqualTo(at(25));
        assertThat(expected.lastUnhealthyCode()).isNull();
        assertThat(expected.status()).isEqualTo(ConnectionStatus.HEALTHY);
    }

    // ---------------------------------------------------------------- effect NONE and the health object

    @Test
    void effectNoneReturnsTheSameStateAndNoTransition() {
        HealthState state = HealthState.NEW.apply(signal("ok@10")).state().apply(signal("401@20")).state();

        Step step = state.apply(signal("100@30"));

        assertThat(step.state()).isEqualTo(state);
        assertThat(step.transition()).isNull();
    }

    @Test
    void healthIsNullWhileNew() {
        assertThat(HealthState.NEW.status()).isEqualTo(ConnectionStatus.NEW);
        assertThat(HealthState.NEW.health()).isNull();
        assertThat(HealthState.NEW.apply(signal("100@10")).state().health()).isNull();
    }

    @Test
    void healthyHealthObject() {
        Health health = HealthState.NEW.apply(signal("ok@10")).state().health();

        assertThat(health).isEqualTo(new Health(HealthName.HEALTHY, "HEALTHY", null, "Connection is healthy", List.of()));
    }

    @Test
    void rateLimitedCallGivesAPlainHealthyHealthObject() {
        Signal rateLimited = signal("429@10");
        assertThat(rateLimited.classification().healthName()).isEqualTo(HealthName.RATE_LIMIT_EXCEEDED);

        Health health = HealthState.NEW.apply(rateLimited).state().health();

        assertThat(health).isEqualTo(Health.HEALTHY);
        assertThat(health.resolutionOwner()).isNull();
        assertThat(health.details()).isEmpty();
    }

    @Test
    void unhealthyHealthObjectCarriesNameOwnerDescriptionAndDetails() {
        List<ExportDetail> exports = List.of(new ExportDetail("users", "/v1/users", 200),
                new ExportDetail("groups", "/v1/groups", 403), new ExportDetail("apps", "/v1/apps", 401));
        Classification c = JobRunRules.classify(new JobRunFacts(false, false, null, exports));

        HealthState state = HealthState.NEW.apply(signal("ok@10")).state().apply(new Signal(at(20), c)).state();

        assertThat(state.status()).isEqualTo(ConnectionStatus.UNHEALTHY_NOW);
        assertThat(state.lastUnhealthyCode()).isEqualTo(403);
        assertThat(state.health()).isEqualTo(new Health(HealthName.UNAUTHORIZED, "UNHEALTHY", ResolutionOwner.CUSTOMER,
                "Connection is unauthorized", List.of(exports.get(1), exports.get(2))));
    }

    @Test
    void unhealthyHealthObjectWithoutDetailsHasAnEmptyList() {
        Health health = HealthState.NEW.apply(signal("to@10")).state().health();

        assertThat(health).isEqualTo(new Health(HealthName.EXECUTION_TIMEOUT, "UNHEALTHY", ResolutionOwner.PLATFORM,
                "Execution timeout", List.of()));
    }

    @Test
    void healthGoesBackToUnhealthyDetailsOfTheSignalThatSetUnhealthyAt() {
        Classification job = JobRunRules.classify(new JobRunFacts(false, false, null,
                List.of(new ExportDetail("users", "/users", 401))));
        HealthState state = HealthState.NEW
                .apply(new Signal(at(10), job)).state()
                .apply(signal("ok@20")).state()
                .apply(signal("v503@30")).state()
                .apply(signal("to@40")).state();

        assertThat(state.health().name()).isEqualTo(HealthName.EXECUTION_TIMEOUT);
        assertThat(state.health().details()).as("details of the job run are not carried over").isEmpty();
        assertThat(state.health().resolutionOwner()).isEqualTo(ResolutionOwner.PLATFORM);
    }

    @Test
    void missingDetailsAreAnEmptyArrayNeverNull() {
        // SPEC §3: details is always an array (empty when none), wherever the verdict or the state comes from
        Classification c = new Classification(HealthName.EXECUTION_TIMEOUT, ResolutionOwner.PLATFORM, Effect.UNHEALTHY,
                "api-1", "timed out", null, null);
        HealthState stored = new HealthState(null, at(10), null, HealthName.EXECUTION_TIMEOUT, ResolutionOwner.PLATFORM,
                null);

        assertThat(c.details()).isEmpty();
        assertThat(stored.unhealthyDetails()).isEmpty();
        assertThat(stored.health().details()).isEmpty();
        assertThat(Health.unhealthy(HealthName.INTERNAL_ERROR, ResolutionOwner.PLATFORM, null).details()).isEmpty();
        assertThat(HealthState.NEW.apply(new Signal(at(10), c)).state().health().details()).isEmpty();
    }

    @Test
    void healthNamesHaveLeensDescriptions() {
        assertThat(Arrays.stream(HealthName.values()).map(HealthName::description)).containsExactly(
                "Connection is healthy", "Execution timeout", "Rate limit exceeded",
                "Vendor returned a 4xx client error", "Internal error", "Vendor returned a 5xx server error",
                "Connection is unauthorized");
    }

    // ---------------------------------------------------------------- helpers

    private static Instant at(Integer minute) {
        return minute == null ? null : T0.plusSeconds(60L * minute);
    }

    private static Instant orMin(Instant instant) {
        return instant == null ? Instant.MIN : instant;
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }

    private static List<Signal> signals(String spec) {
        return words(spec).stream().map(HealthStateTest::signal).toList();
    }

    private static Signal signal(String token) {
        String[] parts = token.split("@");
        return new Signal(at(Integer.valueOf(parts[1])), classify(parts[0]));
    }

    private static Classification classify(String kind) {
        return switch (kind) {
            case "ok" -> api(false, 200, ErrorOrigin.VENDOR);
            case "to" -> api(true, null, ErrorOrigin.VENDOR);
            case "p500" -> api(false, 500, ErrorOrigin.PLATFORM);
            case "v503" -> api(false, 503, ErrorOrigin.VENDOR);
            case "jobok" -> job(200);
            case "job403" -> job(403);
            case "job429" -> job(429);
            default -> api(false, Integer.valueOf(kind), ErrorOrigin.VENDOR);
        };
    }

    private static Classification api(boolean timedOut, Integer status, ErrorOrigin origin) {
        return ApiCallRules.classify(new ApiCallFacts(timedOut, status, origin, false));
    }

    private static Classification job(int exportStatus) {
        return JobRunRules.classify(new JobRunFacts(false, false, null,
                List.of(new ExportDetail("users", "/users", exportStatus))));
    }

    private static String describe(Transition t) {
        if (t == null) {
            return "-";
        }
        return (t.kind() == Kind.BECAME_HEALTHY ? "H<" : "U<") + t.previousStatus();
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> permutation = new ArrayList<>();
                permutation.add(head);
                permutation.addAll(tail);
                result.add(permutation);
            }
        }
        return result;
    }
}
