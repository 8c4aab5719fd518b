package io.connectionhealth.signal;

import io.connectionhealth.bench.HourlyChartTiming;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark of the 24-hour chart times the SQL the application runs, not a copy that has drifted. */
class HourlyChartSqlTest {

    @Test
    void theBenchmarkRunsTheStoresSql() {
        assertThat(HourlyChartTiming.POSTGRES).isEqualTo(SignalStore.HOURLY_POSTGRES);
        assertThat(HourlyChartTiming.H2).isEqualTo(SignalStore.HOURLY_H2);
    }
}
