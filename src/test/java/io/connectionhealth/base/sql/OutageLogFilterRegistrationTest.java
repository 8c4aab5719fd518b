package io.connectionhealth.base.sql;

import ch.qos.logback.classic.LoggerContext;
import io.connectionhealth.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class OutageLogFilterRegistrationTest extends ServiceTest {

    @Test
    void theRunningApplicationFiltersTheLog() {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(logback.getTurboFilterList()).hasAtLeastOneElementOfType(OutageLogFilter.class)
                .filteredOn(f -> f instanceof OutageLogFilter).allMatch(f -> f.isStarted());
    }
}
