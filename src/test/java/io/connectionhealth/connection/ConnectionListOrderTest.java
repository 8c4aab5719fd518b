package io.connectionhealth.connection;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.ResolutionOwner;
import io.connectionhealth.signal.ApiCallInput;
import io.connectionhealth.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import static io.connectionhealth.health.ConnectionStatus.HEALTHY;
import static io.connectionhealth.health.ConnectionStatus.NEW;
import static io.connectionhealth.health.ConnectionStatus.UNHEALTHY;
import static io.connectionhealth.health.ConnectionStatus.UNHEALTHY_NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection list returns the right connections in the order asked for (ties broken by id, nulls last), page by
 * page, whichever index the query reads (on H2 the store names one for some filters and sorts; see
 * ConnectionStore.SortedIndex), and the status counts add up. Expectations are computed here from the connections
 * read one by one.
 */
class ConnectionListOrderTest extends ServiceTest {

    Actor actor;
    List<Connection> all;

    @BeforeEach
    void connectionsInEveryStatusWithTies() {
        actor = newWorkspace();
        Instant created = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            // two connections per creation instant, so the id decides between them
            clock.set(created.plus(Duration.ofMinutes(i / 2)));
            ids.add(connections.create(actor, new NewConnection("type_" + i % 4, "Name " + i, List.of("crm"), List.of(),
                    "xref-" + i, null)).id());
        }
        clock.reset();
        connections.delete(actor, ids.remove(30));
        Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        List<ApiCallInput> calls = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            // pairs of connections fail at the same instant, so last_unhealthy_at has ties too
            Instant at = t0.plus(Duration.ofSeconds(i / 2 * 10L));
            switch (i % 5) {
                case 1 -> calls.add(call(id, at, 200));
                case 2 -> calls.add(failure(id, at, i));
                case 3 -> {
                    calls.add(call(id, at, 200));
                    calls.add(failure(id, at.plusSeconds(1), i));
                }
                case 4 -> {
                    calls.add(failure(id, at, i));
                    calls.add(call(id, at.plusSeconds(1), 200));
                }
                default -> {
                    // no signal: NEW
                }
            }
        }
        ingestion.ingestApiCalls(actor, calls);
        all = ids.stream().map(id -> connections.get(actor, id)).toList();
        assertThat(all).extracting(Connection::status).contains(NEW, HEALTHY, UNHEALTHY, UNHEALTHY_NOW);
    }

    /** A 401 (the customer's to fix) or a timeout (the platform's), alternately. */
    private static ApiCallInput failure(String connectionId, Instant at, int i) {
        return i % 2 == 0 ? call(connectionId, at, 401)
                : new ApiCallInput(null, connectionId, at, null, "GET", "/x", null, true, null, null, null, null, null);
    }

    @Test
    void pagesReadInOneSnapshotNeitherRepeatNorMissAConnectionWhoseHealthMovesItMeanwhile() throws Exception {
        ConnectionSort byLastHealthy = new ConnectionSort(ConnectionSort.Field.LAST_HEALTHY_AT, true);
        String lastInOrder = connections.list(actor, ConnectionFilter.ALL, byLastHealthy,
                PageRequest.of(1, all.size() - 1)).getFirst().id();
        ExecutorService elsewhere = Executors.newSingleThreadExecutor();
        try {
            List<String> read = connections.inOneSnapshot(() -> {
                List<String> ids = new ArrayList<>();
                ids.addAll(connections.list(actor, ConnectionFilter.ALL, byLastHealthy, PageRequest.of(10, 0)).stream()
                        .map(Connection::id).toList());
                // meanwhile, in a transaction of its own, the last connection of the order works: it is first now
                elsewhere.submit(() -> ingestion.ingestApiCalls(actor, List.of(call(lastInOrder, Instant.now(), 200))))
                        .get(30, TimeUnit.SECONDS);
                for (int offset = 10; offset < all.size(); offset += 10) {
                    ids.addAll(connections.list(actor, ConnectionFilter.ALL, byLastHealthy, PageRequest.of(10, offset))
                            .stream().map(Connection::id).toList());
                }
                return ids;
            });
            assertThat(read).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                    all.stream().map(Connection::id).toList());
            assertThat(connections.list(actor, ConnectionFilter.ALL, byLastHealthy, PageRequest.of(1, 0)).getFirst().id())
                    .as("it did move").isEqualTo(lastInOrder);
        } finally {
            elsewhere.shutdownNow();
        }
    }

    @Test
    void everySortBothWaysWithoutFilters() {
        for (ConnectionSort.Field field : ConnectionSort.Field.values()) {
            assertPages(ConnectionFilter.ALL, new ConnectionSort(field, true), c -> true);
            assertPages(ConnectionFilter.ALL, new ConnectionSort(field, false), c -> true);
        }
    }

    @Test
    void statusFiltersInTheOrdersTheDashboardUses() {
        for (ConnectionStatus status : ConnectionStatus.values()) {
            assertPages(statuses(status), ConnectionSort.DEFAULT, c -> c.status() == status);
            assertPages(statuses(status), sort(ConnectionSort.Field.LAST_UNHEALTHY_AT, true), c -> c.status() == status);
            assertPages(statuses(status), sort(ConnectionSort.Field.LAST_UNHEALTHY_AT, false), c -> c.status() == status);
        }
        Predicate<Connection> unhealthy = c -> c.status().isUnhealthy();
        assertPages(statuses(UNHEALTHY, UNHEALTHY_NOW), sort(ConnectionSort.Field.LAST_UNHEALTHY_AT, true), unhealthy);
        assertPages(statuses(UNHEALTHY, UNHEALTHY_NOW), ConnectionSort.DEFAULT, unhealthy);
        assertPages(statuses(NEW, HEALTHY), sort(ConnectionSort.Field.LAST_UNHEALTHY_AT, true),
                c -> c.status() == NEW || c.status() == HEALTHY);
        assertPages(statuses(NEW, UNHEALTHY), sort(ConnectionSort.Field.INTEGRATION_TYPE, false),
                c -> c.status() == NEW || c.status() == UNHEALTHY);
    }

    @Test
    void textSearchAndTheIndexedFilters() {
        // "xref-1" is in xref-1 and xref-10 … xref-19; "TYPE_2" matches an integration type whatever the case
        assertPages(ConnectionFilter.ALL.withQuery("xref-1"), ConnectionSort.DEFAULT, c -> c.externalXref().startsWith("xref-1"));
        assertPages(ConnectionFilter.ALL.withQuery("TYPE_2"), ConnectionSort.DEFAULT, c -> c.integrationType().equals("type_2"));
        assertPages(ConnectionFilter.ALL.withQuery("name 2"), sort(ConnectionSort.Field.LAST_UNHEALTHY_AT, true),
                c -> c.integrationName().startsWith("Name 2"));
        // the dashboard's words: each in some field ("2" in an id or xref too), never across two
        assertPages(ConnectionFilter.ALL.withWords("name 2"), sort(ConnectionSort.Field.LAST_UNHEALTHY_AT, true),
                c -> java.util.stream.Stream.of("name", "2").allMatch(w -> java.util.stream.Stream.of(c.id(),
                        c.externalXref(), c.integrationType(), c.integrationName()).filter(java.util.Objects::nonNull)
                        .anyMatch(f -> f.toLowerCase(java.util.Locale.ROOT).contains(w))));
        assertPages(ConnectionFilter.ALL.withWords("xref-1 type_2"), ConnectionSort.DEFAULT,
                c -> c.externalXref().startsWith("xref-1") && c.integrationType().equals("type_2"));
        String someId = all.get(7).id();
        assertPages(ConnectionFilter.ALL.withQuery(someId.substring(4, 20)), ConnectionSort.DEFAULT,
                c -> c.id().contains(someId.substring(4, 20)));
        assertPages(statuses(HEALTHY).withQuery("xref-2"), ConnectionSort.DEFAULT,
                c -> c.status() == HEALTHY && c.externalXref().startsWith("xref-2"));
        assertPages(ConnectionFilter.ALL.withQuery("1_"), ConnectionSort.DEFAULT, c -> false);
        assertPages(ConnectionFilter.ALL.withQuery("e-1%"), ConnectionSort.DEFAULT, c -> false);
        assertPages(new ConnectionFilter(Set.of(), null, null, null, null, null, "xref-3", null, null), ConnectionSort.DEFAULT,
                c -> c.externalXref().equals("xref-3"));
        assertPages(new ConnectionFilter(Set.of(), null, null, "type_1", null, null, null, null, null),
                sort(ConnectionSort.Field.LAST_UNHEALTHY_AT, true), c -> c.integrationType().equals("type_1"));
        assertPages(new ConnectionFilter(Set.of(), null, ResolutionOwner.CUSTOMER, null, null, null, null, null, null),
                ConnectionSort.DEFAULT, c -> c.health() != null && c.health().resolutionOwner() == ResolutionOwner.CUSTOMER);
    }

    @Test
    void theCountsAddUpByStatusAndByOwnerOfTheUnhealthy() {
        Map<ConnectionStatus, Long> byStatus = new EnumMap<>(ConnectionStatus.class);
        Map<ResolutionOwner, Long> byOwner = new EnumMap<>(ResolutionOwner.class);
        for (Connection c : all) {
            byStatus.merge(c.status(), 1L, Long::sum);
            if (c.status().isUnhealthy()) {
                byOwner.merge(c.health().resolutionOwner(), 1L, Long::sum);
            }
        }
        ConnectionCounts counts = connections.counts(actor);
        assertThat(counts.byStatus()).isEqualTo(byStatus);
        assertThat(counts.unhealthyByOwner()).isEqualTo(byOwner).containsKeys(ResolutionOwner.CUSTOMER, ResolutionOwner.PLATFORM);
        assertThat(counts.total()).isEqualTo(30);
    }

    /** Pages of 7 through the whole result, then one beyond it; the count too. */
    private void assertPages(ConnectionFilter filter, ConnectionSort sort, Predicate<Connection> matches) {
        List<String> expected = all.stream().filter(matches).sorted(order(sort)).map(Connection::id).toList();
        for (int offset = 0; offset <= expected.size(); offset += 7) {
            List<String> page = connections.list(actor, filter, sort, PageRequest.of(7, offset)).stream()
                    .map(Connection::id).toList();
            assertThat(page).as("%s by %s, offset %d", filter, sort, offset)
                    .containsExactlyElementsOf(expected.subList(offset, Math.min(expected.size(), offset + 7)));
        }
        assertThat(connections.count(actor, filter)).as("count of %s", filter).isEqualTo(expected.size());
    }

    /** The list's documented order: the field (nulls last either way), then the id, in the same direction. */
    private static Comparator<Connection> order(ConnectionSort sort) {
        Function<Connection, Comparable<?>> key = switch (sort.field()) {
            case CREATED_AT -> Connection::createdAt;
            case UPDATED_AT -> Connection::updatedAt;
            case LAST_HEALTHY_AT -> Connection::lastHealthyAt;
            case LAST_UNHEALTHY_AT -> Connection::lastUnhealthyAt;
            case INTEGRATION_TYPE -> Connection::integrationType;
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<Comparable> direction = sort.descending() ? Comparator.reverseOrder() : Comparator.naturalOrder();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<Connection> byField = Comparator.comparing(c -> (Comparable) key.apply(c),
                Comparator.nullsLast(direction));
        Comparator<Connection> byId = Comparator.comparing(Connection::id);
        return byField.thenComparing(sort.descending() ? byId.reversed() : byId);
    }

    private static ConnectionFilter statuses(ConnectionStatus... statuses) {
        return ConnectionFilter.ALL.withStatuses(Set.of(statuses));
    }

    private static ConnectionSort sort(ConnectionSort.Field field, boolean descending) {
        return new ConnectionSort(field, descending);
    }
}
