package io.connectionhealth.base.ui;

import com.vaadin.flow.component.grid.Grid;
import io.connectionhealth.base.Actor;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.signal.ExportInput;
import io.connectionhealth.signal.JobRunInput;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

/** A screen reader announces a grid by its name when the focus enters it; a page with several has to tell them apart. */
class GridNamesTest extends KaribuTest {

    @Test
    void everyGridOnEveryPageHasAName() {
        Connection c = connection("workday", "hooli");
        ingestion.ingestJobRun(admin, new JobRunInput(c.id(), null, clock.instant().minusSeconds(10), false, null, null,
                List.of(new ExportInput("payroll", "/v1/payroll", 403, "forbidden"))));
        signIn(Actor.Role.ADMIN);

        navigate("connections");
        assertThat(gridNames()).containsExactly("Connections");
        navigate("connections/" + c.id());
        assertThat(gridNames()).containsExactlyInAnyOrder("Data exports that lacked permission", "Recent events",
                "Job runs");
        navigate("logs");
        assertThat(gridNames()).containsExactly("API calls");
        navigate("settings");
        assertThat(gridNames()).containsExactlyInAnyOrder("Webhook deliveries", "API keys", "Users", "API call rules",
                "Job run rules");
    }

    private static List<String> gridNames() {
        List<String> names = new java.util.ArrayList<>();
        for (Grid<?> grid : _find(Grid.class)) {
            names.add(grid.getAriaLabel().orElse("(none)"));
        }
        return names;
    }
}
