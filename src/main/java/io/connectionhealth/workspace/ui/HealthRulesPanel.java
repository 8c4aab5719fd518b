package io.connectionhealth.workspace.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.connectionhealth.base.ui.Badges;
import io.connectionhealth.health.ApiCallRules;
import io.connectionhealth.health.JobRunRules;

/** The health rules in force (SPEC §2), read-only, straight from the tables the classifier uses. */
class HealthRulesPanel extends VerticalLayout {

    HealthRulesPanel() {
        setPadding(false);
        Grid<ApiCallRules.Rule> calls = new Grid<>();
        calls.setAriaLabel("API call rules");
        calls.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        calls.addColumn(r -> r.id().replace("api-", "")).setHeader("#").setWidth("4rem").setFlexGrow(0);
        calls.addColumn(ApiCallRules.Rule::condition).setHeader("Condition").setFlexGrow(1);
        calls.addColumn(r -> r.healthName().name()).setHeader("Health name").setAutoWidth(true);
        // SPEC §2a names an owner for 429 and vendor 5xx, but a verdict that counts healthy carries none: both are said
        calls.addColumn(r -> r.owner() == null ? "—" : r.effect().name().equals("HEALTHY")
                        ? Badges.label(r.owner()) + ", if it persists" : Badges.label(r.owner()))
                .setHeader("Owner").setAutoWidth(true);
        calls.addColumn(r -> r.effect().name()).setHeader("Effect").setAutoWidth(true);
        calls.addColumn(ApiCallRules.Rule::explanation).setHeader("Why").setFlexGrow(2);
        calls.setItems(ApiCallRules.TABLE);
        calls.setAllRowsVisible(true);
        calls.setId("api-call-rules");

        Grid<JobRunRules.Rule> runs = new Grid<>();
        runs.setAriaLabel("Job run rules");
        runs.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        runs.addColumn(r -> r.id().replace("job-", "")).setHeader("#").setWidth("4rem").setFlexGrow(0);
        runs.addColumn(JobRunRules.Rule::condition).setHeader("Condition").setFlexGrow(1);
        runs.addColumn(r -> r.healthName().name()).setHeader("Health name").setAutoWidth(true);
        runs.addColumn(r -> r.owner() == null ? "—" : Badges.label(r.owner())).setHeader("Owner").setAutoWidth(true);
        runs.addColumn(JobRunRules.Rule::explanation).setHeader("Why").setFlexGrow(2);
        runs.setItems(JobRunRules.TABLE);
        runs.setAllRowsVisible(true);
        runs.setId("job-run-rules");

        add(new H2("Health rules"),
                new Paragraph("How each signal is classified. Read-only: these are the rules in force."),
                new H3("API calls (first matching row wins)"), calls,
                new Paragraph("Statuses 100–199 match no row: such a call is logged and moves nothing. A 429 or a "
                        + "vendor's 5xx counts healthy (the connection works), so its verdict names no owner; the owner "
                        + "shown is who acts if it persists."),
                new H3("Job runs (the first that applies, in this order; every name but HEALTHY is unhealthy)"), runs);
    }
}
