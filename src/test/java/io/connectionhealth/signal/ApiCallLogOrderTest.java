package io.connectionhealth.signal;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log's pages come in created_at, id order with the right rows, whatever index the query is read from (on H2 the
 * query names one and repeats the filtered columns in its ORDER BY; see SignalStore). Each expectation is computed
 * here from the calls posted, not read back from the database.
 */
class ApiCallLogOrderTest extends ServiceTest {

    private static final Comparator<Posted> NEWEST_FIRST =
            Comparator.comparing(Posted::at).thenComparing(Posted::id).reversed();

    @Autowired
    SignalLog log;

    record Posted(String id, String connectionId, Instant at, int status, boolean timedOut) {
        boolean error() {
            return timedOut || status >= 400;
        }
    }

    final Instant t0 = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
    Actor actor;
    Connection busy;
    Connection quiet;
    List<Posted> posted;

    @BeforeEach
    void postCallsWithTiesAcrossTwoConnectionsAndNone() {
        actor = newWorkspace();
        busy = connection(actor);
        quiet = connection(actor);
        posted = new ArrayList<>();
        List<ApiCallInput> batch = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            // every third minute has three calls (ids out of time order), so ties on created_at are broken by id
            Instant at = t0.plus(Duration.ofMinutes(i / 3 * 3L));
            String connectionId = i % 5 == 4 ? quiet.id() : i % 7 == 6 ? null : busy.id();
            int status = i % 4 == 1 ? 500 : i % 11 == 3 ? 401 : 200;
            boolean timedOut = i % 13 == 12;
            String id = "call-" + (char) ('a' + (i * 7) % 26) + "-" + String.format("%04d", 1000 - i);
            posted.add(new Posted(id, connectionId, at, status, timedOut));
            batch.add(new ApiCallInput(id, connectionId, at, connectionId == null ? ApiCallType.LOGIN : ApiCallType.INBOUND,
                    "GET", "/crm/contact/" + i, timedOut ? null : status, timedOut, null, null, 10L, 10L, null));
        }
        assertThat(ingestion.ingestApiCalls(actor, batch).accepted()).isEqualTo(240);
    }

    @Test
    void theWorkspaceNewestFirstAndOldestFirstPageByPage() {
        assertPages(ApiCallFilter.ALL, c -> true);
        List<String> oldest = ids(log.list(actor, ApiCallFilter.ALL, false, PageRequest.of(30, 15)));
        assertThat(oldest).containsExactlyElementsOf(expected(c -> true, NEWEST_FIRST.reversed(), 15, 30));
    }

    @Test
    void oneConnectionAndItsErrors() {
        assertPages(ApiCallFilter.forConnection(busy.id()), c -> busy.id().equals(c.connectionId()));
        assertPages(ApiCallFilter.forConnection(quiet.id()), c -> quiet.id().equals(c.connectionId()));
        ApiCallFilter nul = new ApiCallFilter(busy.id(), null, null, null, null, null, "/\u0000", null, null);
        assertThat(log.list(actor, nul, true, PageRequest.of(10, 0))).as("PostgreSQL fails a parameter holding U+0000")
                .isEmpty();
        ApiCallFilter errors = new ApiCallFilter(busy.id(), true, null, null, null, null, null, null, null);
        assertPages(errors, c -> busy.id().equals(c.connectionId()) && c.error());
        ApiCallFilter allErrors = new ApiCallFilter(null, true, null, null, null, null, null, null, null);
        assertPages(allErrors, Posted::error);
        // a vendor's 500 is an error that counts healthy; a 401 and a timeout count unhealthy
        ApiCallFilter unhealthy = new ApiCallFilter(busy.id(), null, null, null, null, null, null, null, null, null, true);
        assertPages(unhealthy, c -> busy.id().equals(c.connectionId()) && (c.timedOut() || c.status() == 401));
        ApiCallFilter ok = new ApiCallFilter(busy.id(), false, null, null, null, null, null, null, null);
        List<String> oldestOk = ids(log.list(actor, ok, false, PageRequest.of(25, 0)));
        assertThat(oldestOk).containsExactlyElementsOf(
                expected(c -> busy.id().equals(c.connectionId()) && !c.error(), NEWEST_FIRST.reversed(), 0, 25));
    }

    @Test
    void aTimeWindowWithAndWithoutAConnection() {
        Instant from = t0.plus(Duration.ofMinutes(60));
        Instant to = t0.plus(Duration.ofMinutes(150));
        Predicate<Posted> inWindow = c -> !c.at().isBefore(from) && !c.at().isAfter(to);
        assertPages(new ApiCallFilter(null, null, null, null, null, null, null, from, to), inWindow);
        assertPages(new ApiCallFilter(busy.id(), null, null, null, null, null, null, from, to),
                inWindow.and(c -> busy.id().equals(c.connectionId())));
        assertThat(log.count(actor, new ApiCallFilter(busy.id(), null, null, null, null, null, null, from, to), 1000))
                .isEqualTo(posted.stream().filter(inWindow.and(c -> busy.id().equals(c.connectionId()))).count());
        // the dashboard's arrival bound: none of these calls was stored before the test began
        assertThat(log.list(actor, new ApiCallFilter(null, null, null, null, null, null, null, null, null,
                t0.plus(Duration.ofDays(1)), null), true, io.connectionhealth.base.PageRequest.of(20, 0))).isEmpty();
        assertPages(new ApiCallFilter(null, null, null, null, null, null, null, from, to, Instant.now().plusSeconds(60), null),
                inWindow);
    }

    /**
     * Newest first, in pages of 20, then one page beyond the end; and read on from the last call of each page (as the
     * CSV export reads), in both orders, in pages of 7 so that pages end inside the groups of calls of one time.
     */
    private void assertPages(ApiCallFilter filter, Predicate<Posted> matches) {
        long total = posted.stream().filter(matches).count();
        assertThat(total).as("the test posts rows for this filter").isPositive();
        for (int offset = 0; offset <= total; offset += 20) {
            List<String> page = ids(log.list(actor, filter, true, PageRequest.of(20, offset)));
            assertThat(page).as("offset %d", offset).containsExactlyElementsOf(expected(matches, NEWEST_FIRST, offset, 20));
        }
        for (boolean newestFirst : new boolean[]{true, false}) {
            List<String> readOn = new ArrayList<>();
            List<ApiCall> page = log.list(actor, filter, newestFirst, PageRequest.of(7, 0));
            // bounded: a cursor that does not move on would read the same page for ever
            while (!page.isEmpty() && readOn.size() <= total) {
                readOn.addAll(ids(page));
                page = log.listAfter(actor, filter, newestFirst, page.getLast(), 7);
            }
            assertThat(readOn).as("read on from the last call, newest first: %s", newestFirst).containsExactlyElementsOf(
                    expected(matches, newestFirst ? NEWEST_FIRST : NEWEST_FIRST.reversed(), 0, Integer.MAX_VALUE));
        }
    }

    private List<String> expected(Predicate<Posted> matches, Comparator<Posted> order, int offset, int limit) {
        return posted.stream().filter(matches).sorted(order).skip(offset).limit(limit).map(Posted::id).toList();
    }

    private static List<String> ids(List<ApiCall> calls) {
        return calls.stream().map(ApiCall::id).toList();
    }
}
