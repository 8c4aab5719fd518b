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
        Connection c = signedInWithEveryGrid();

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

    /**
     * An em is smaller in a grid's header cells than in its body's: a column sized in em had its header stand up to
     * 40 px left of its cells (the delivery log's, found on a phone and then at 1,280 px too).
     */
    @Test
    void everyColumnWidthIsInRemSoThatHeadersLineUpWithTheirCells() {
        Connection c = signedInWithEveryGrid();
        List<String> widths = new java.util.ArrayList<>();
        for (String page : List.of("connections", "connections/" + c.id(), "logs", "settings")) {
            navigate(page);
            for (Grid<?> grid : _find(Grid.class)) {
                for (Grid.Column<?> column : grid.getColumns()) {
                    if (column.getWidth() != null) {
                        widths.add(page + " · " + grid.getAriaLabel().orElse("") + " · " + column.getKey() + ": "
                                + column.getWidth());
                    }
                }
            }
        }
        assertThat(widths).isNotEmpty().noneMatch(w -> w.matches(".*[^r]em$"));
    }

    /** An admin signed in, and a connection whose page shows every grid a connection's page has (its job run's too). */
    private Connection signedInWithEveryGrid() {
        Connection c = connection("workday", "hooli");
        ingestion.ingestJobRun(admin, new JobRunInput(c.id(), null, clock.instant().minusSeconds(10), false, null, null,
                List.of(new ExportInput("payroll", "/v1/payroll", 403, "forbidden"))));
        signIn(Actor.Role.ADMIN);
        return c;
    }

    private static List<String> gridNames() {
        List<String> names = new java.util.ArrayList<>();
        for (Grid<?> grid : _find(Grid.class)) {
            names.add(grid.getAriaLabel().orElse("(none)"));
        }
        return names;
    }
}
