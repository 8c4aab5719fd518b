package io.connectionhealth.connection.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.connectionhealth.base.ui.Badges;
import io.connectionhealth.base.ui.ErrorText;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.signal.ExportInput;
import io.connectionhealth.signal.JobRun;

import java.util.List;
import java.util.stream.Stream;

/**
 * Every field of one job run: its error and each data export's endpoint, status and error as sent, and why it was
 * classified so. The grid of runs shows a line each; a run's error and a long endpoint had no place to be read at all
 * (an audit).
 */
class JobRunDialog extends Dialog {

    JobRunDialog(JobRun run) {
        setHeaderTitle("Job run finished " + Formats.exact(run.finishedAt()));
        setWidth("min(900px, 100vw)");
        Paragraph why = new Paragraph(run.classification().explanation());
        why.setId("job-run-explanation");
        // a stop for the keyboard inside the scrolling body, from which the arrow keys scroll it
        why.getElement().setAttribute("tabindex", "0");
        add(new H3("Why it counts so"), why);
        if (run.error() != null && !run.error().isEmpty()) {
            add(ErrorText.withHeading(run.error(), "job-run-error"));
        }
        FormLayout form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2));
        item(form, "Id", run.id());
        item(form, "Started", run.startedAt() == null ? null : Formats.exact(run.startedAt()));
        item(form, "Finished", Formats.exact(run.finishedAt()));
        item(form, "Timed out", run.timedOut() ? "yes" : "no");
        if (run.error() != null && !run.error().isEmpty()) { // an origin without an error said nothing true
            item(form, "Error origin", run.errorOrigin().name());
        }
        form.addFormItem(Badges.healthName(run.classification().healthName()), "Health name");
        item(form, "Resolution owner", run.classification().resolutionOwner() == null ? null
                : Badges.label(run.classification().resolutionOwner()));
        form.addFormItem(Badges.effect(run.classification().effect()), "Effect");
        item(form, "Rule", run.classification().rule());
        add(new H3("Job run"), form);
        if (!run.exports().isEmpty()) {
            Grid<ExportInput> exports = new Grid<>();
            exports.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
            // narrow starting widths that grow: four columns of the default 100 px ran past a phone's dialog (an audit)
            exports.addComponentColumn(e -> wrapped(e.dataExportType())).setHeader("Data export").setWidth("4.5rem")
                    .setFlexGrow(1);
            exports.addComponentColumn(e -> wrapped(e.endpoint())).setHeader("Endpoint").setWidth("5.5rem")
                    .setFlexGrow(2);
            exports.addColumn(e -> e.status() == null ? "—" : String.valueOf(e.status())).setHeader("Status")
                    .setWidth("3.5rem").setFlexGrow(0);
            // a box of its own: a vendor's HTML error page of 1 KB had made its row 900 px tall (an audit)
            exports.addComponentColumn(e -> errorBox(e.error())).setKey("error").setHeader("Error").setWidth("4.5rem")
                    .setFlexGrow(2);
            // the run, already in memory (no query to page), the failing exports first: in a run of many the few
            // that failed had to be found among the rest
            exports.setItems(failedFirst(run.exports()));
            exports.setAllRowsVisible(true);
            exports.setId("job-run-exports");
            exports.setAriaLabel("Data exports of the job run");
            long failed = run.exports().stream().filter(JobRunDialog::failed).count();
            add(new H3(failed == 0 ? "Data exports" : "Data exports: " + failed + " of " + run.exports().size()
                    + " failed, listed first"), exports);
        }
        Button close = new Button("Close", e -> close());
        getFooter().add(close);
    }

    /** The failing exports, then the others, each in the order sent. */
    static List<ExportInput> failedFirst(List<ExportInput> exports) {
        return Stream.concat(exports.stream().filter(JobRunDialog::failed), exports.stream().filter(e -> !failed(e)))
                .toList();
    }

    /** As the rules read an export: an answer of 400 or more failed; 1xx–3xx did not. */
    static boolean failed(ExportInput export) {
        return export.status() != null && export.status() >= 400;
    }

    /** An export's error, up to about five lines; a longer one scrolls in its box (by the arrow keys once focused). */
    private static Component errorBox(String value) {
        if (value == null || value.isBlank()) {
            return wrapped(value);
        }
        Div box = new Div();
        box.setText(value);
        box.getStyle().set("white-space", "pre-wrap").set("overflow-wrap", "anywhere").set("max-height", "7.5em")
                .set("overflow", "auto");
        // no label of its own: it would replace the error's text as the cell's name (the column says "Error")
        box.getElement().setAttribute("tabindex", "0");
        return box;
    }

    private static Span wrapped(String value) {
        return Formats.wrapAnywhere(new Span(value == null || value.isBlank() ? "—" : value));
    }

    private static void item(FormLayout form, String label, String value) {
        form.addFormItem(wrapped(value), label);
    }
}
