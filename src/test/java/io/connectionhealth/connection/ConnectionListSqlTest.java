package io.connectionhealth.connection;

import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.ResolutionOwner;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.connectionhealth.connection.ConnectionSort.Field.CREATED_AT;
import static io.connectionhealth.connection.ConnectionSort.Field.INTEGRATION_TYPE;
import static io.connectionhealth.connection.ConnectionSort.Field.LAST_UNHEALTHY_AT;
import static org.assertj.core.api.Assertions.assertThat;

/** Which order and index the connection list asks each database for (ConnectionListOrderTest checks the rows). */
class ConnectionListSqlTest {

    private static final ConnectionFilter UNHEALTHY = ConnectionFilter.ALL.withStatuses(
            Set.of(ConnectionStatus.UNHEALTHY, ConnectionStatus.UNHEALTHY_NOW));

    @Test
    void nullsLastOnlyWhereThereCanBeNulls() {
        assertThat(ConnectionSort.DEFAULT.sql()).isEqualTo("created_at desc, id desc");
        assertThat(ConnectionSort.DEFAULT.sqlNullsLast()).isEqualTo("created_at desc nulls last, id desc");
        assertThat(new ConnectionSort(LAST_UNHEALTHY_AT, false).sql()).isEqualTo("last_unhealthy_at asc nulls last, id asc");
    }

    @Test
    void postgresReadsInIndexOrderOnlyWhereAnIndexServesAnyValues() {
        assertThat(ConnectionStore.indexOrderServes(ConnectionFilter.ALL, ConnectionSort.DEFAULT)).isTrue();
        assertThat(ConnectionStore.indexOrderServes(ConnectionFilter.ALL, new ConnectionSort(INTEGRATION_TYPE, false))).isTrue();
        assertThat(ConnectionStore.indexOrderServes(ConnectionFilter.ALL.withStatuses(Set.of(ConnectionStatus.NEW)),
                ConnectionSort.DEFAULT)).isTrue();
        assertThat(ConnectionStore.indexOrderServes(ConnectionFilter.ALL.withStatuses(Set.of(ConnectionStatus.NEW)),
                new ConnectionSort(INTEGRATION_TYPE, true))).isFalse();
        assertThat(ConnectionStore.indexOrderServes(UNHEALTHY, ConnectionSort.DEFAULT)).isFalse();
        assertThat(ConnectionStore.indexOrderServes(ConnectionFilter.ALL.withQuery("acme"), ConnectionSort.DEFAULT)).isFalse();
        assertThat(ConnectionStore.indexOrderServes(new ConnectionFilter(Set.of(), null, ResolutionOwner.VENDOR, null, null,
                null, null, null, null), ConnectionSort.DEFAULT)).isFalse();
    }

    @Test
    void h2NamesAnIndexOnlyWhereItServesFilterAndSort() {
        ConnectionStore.SortedIndex all = ConnectionStore.SortedIndex.forH2(ConnectionFilter.ALL.withQuery("acme"),
                ConnectionSort.DEFAULT);
        assertThat(all.name()).isEqualTo("connection_ws_created_search");
        assertThat(all.leading(ConnectionSort.DEFAULT)).isEqualTo("workspace_id desc, ");
        ConnectionStore.SortedIndex tile = ConnectionStore.SortedIndex.forH2(
                ConnectionFilter.ALL.withStatuses(Set.of(ConnectionStatus.HEALTHY)), new ConnectionSort(CREATED_AT, false));
        assertThat(tile.name()).isEqualTo("connection_ws_status_created");
        assertThat(tile.leading(new ConnectionSort(CREATED_AT, false))).isEqualTo("workspace_id asc, status asc, ");
        assertThat(ConnectionStore.SortedIndex.forH2(UNHEALTHY, new ConnectionSort(LAST_UNHEALTHY_AT, true)).name())
                .isEqualTo("connection_ws_unhealthy_at");
        assertThat(ConnectionStore.SortedIndex.forH2(UNHEALTHY, new ConnectionSort(LAST_UNHEALTHY_AT, false))).isNull();
        assertThat(ConnectionStore.SortedIndex.forH2(ConnectionFilter.ALL.withStatuses(
                Set.of(ConnectionStatus.NEW, ConnectionStatus.HEALTHY)), new ConnectionSort(LAST_UNHEALTHY_AT, true))).isNull();
        assertThat(ConnectionStore.SortedIndex.forH2(new ConnectionFilter(Set.of(), null, null, null, null, null, "acme",
                null, null), ConnectionSort.DEFAULT)).isNull();
    }
}
