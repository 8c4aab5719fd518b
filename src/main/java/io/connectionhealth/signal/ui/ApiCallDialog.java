package io.connectionhealth.signal.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.connectionhealth.base.ui.Badges;
import io.connectionhealth.base.ui.ErrorText;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.connection.ui.Guidance;
import io.connectionhealth.connection.ui.GuidancePanel;
import io.connectionhealth.connection.ui.ConnectionDetailView;
import io.connectionhealth.signal.ApiCall;

/** Every field of one call, its error as plain text, why it was classified so, and what to do. */
class ApiCallDialog extends Dialog {

    /**
     * {@code customer}: the connection's external_xref (null: none, or not known); {@code movedNothing}: why this call,
     * whatever its verdict, did not move its connection (null: it did, or no one knows); {@code sinceThen}: what became of
     * the connection after this call, where that changes what to do (null: nothing to say).
     */
    ApiCallDialog(ApiCall call, String customer, String movedNothing, String sinceThen) {
        // the path in full is in the form below; a 2,000-character one would push the dialog's buttons out of view
        String request = ApiCallLogsView.request(call);
        setHeaderTitle(Formats.clipped("—".equals(request) ? "API call" : "API call " + request, 80));
        setWidth("min(900px, 100vw)");
        Paragraph why = new Paragraph(call.classification().explanation());
        why.setId("classification-explanation");
        // a stop for the keyboard inside the dialog's scrolling body, from which the arrow keys scroll it (its only
        // other stops are the footer's buttons, outside it)
        why.getElement().setAttribute("tabindex", "0");
        FormLayout form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2));
        item(form, "Id", call.id());
        item(form, "Time", Formats.exact(call.createdAt()));
        item(form, "Connection", call.connectionId());
        item(form, "Customer (the connection's external_xref)", customer);
        item(form, "Integration", call.integrationType());
        item(form, "Type", call.type().apiName());
        item(form, "Method", call.method());
        item(form, "Path", call.path());
        form.addFormItem(Badges.httpStatus(call.status(), call.timedOut()), "Status");
        item(form, "Timed out", call.timedOut() ? "yes" : "no");
        item(form, "Error origin", call.errorOrigin().name());
        item(form, "Duration", Formats.duration(call.durationMs()));
        item(form, "Size", call.size() == null ? null : call.size() + " bytes");
        item(form, "The call's external_xref", call.externalXref());
        form.addFormItem(Badges.effect(call.classification().effect()), "Effect");
        item(form, "Health name", call.classification().healthName() == null ? null
                : call.classification().healthName().name());
        item(form, "Resolution owner", call.classification().resolutionOwner() == null ? null
                : Badges.label(call.classification().resolutionOwner()));
        item(form, "Rule", call.classification().rule());
        add(new H3("Why it counts so"), why);
        if (movedNothing != null) {
            Paragraph note = new Paragraph(movedNothing);
            note.setId("moved-nothing");
            note.addClassNames(LumoUtility.TextColor.SECONDARY);
            add(note);
        }
        if (call.error() != null && !call.error().isEmpty()) {
            add(ErrorText.withHeading(call.error(), "call-error"));
        }
        if (sinceThen != null) {
            Paragraph note = new Paragraph(sinceThen);
            note.setId("since-then");
            note.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
            add(note);
        }
        add(new GuidancePanel(Guidance.forCall(call)), new H3("Call"), form);
        if (call.connectionId() != null) {
            Button open = new Button("Open connection", e -> {
                close();
                UI.getCurrent().navigate(ConnectionDetailView.class,
                        new RouteParameters(ConnectionDetailView.ID, call.connectionId()));
            });
            open.setId("open-connection");
            getFooter().add(open);
        }
        getFooter().add(new Button("Close", e -> close()));
    }

    private static void item(FormLayout form, String label, String value) {
        form.addFormItem(Formats.wrapAnywhere(new Span(value == null || value.isBlank() ? "—" : value)), label);
    }
}
