package io.connectionhealth.base.sql;

import ch.qos.logback.classic.LoggerContext;
import io.connectionhealth.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A context of its own, started here: every application started in this JVM resets Logback (Spring Boot's logging
 * set-up), which drops the filters registered by contexts cached from before — InvalidSettingTest's failing starts do.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class OutageLogFilterRegistrationTest extends ServiceTest {

    @Test
    void theRunningApplicationFiltersTheLog() {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(logback.getTurboFilterList()).hasAtLeastOneElementOfType(OutageLogFilter.class)
                .filteredOn(f -> f instanceof OutageLogFilter).allMatch(f -> f.isStarted());
    }
}
