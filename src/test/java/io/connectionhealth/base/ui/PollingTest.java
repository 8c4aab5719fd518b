package io.connectionhealth.base.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PollingTest {

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void theShortestIntervalAskedForAppliesUntilNobodyWaits() {
        UI ui = UI.getCurrent();
        Polling.start(ui, "test event", 500);
        Polling.start(ui, "delivery log", 1000);
        assertThat(ui.getPollInterval()).isEqualTo(500);
        Polling.stop(ui, "test event");
        assertThat(ui.getPollInterval()).as("the other still waits").isEqualTo(1000);
        Polling.start(ui, "still starting", 3000);
        Polling.stop(ui, "delivery log");
        assertThat(ui.getPollInterval()).isEqualTo(3000);
        Polling.stop(ui, "still starting");
        Polling.stop(ui, "never started");
        assertThat(ui.getPollInterval()).isEqualTo(-1);
    }
}
