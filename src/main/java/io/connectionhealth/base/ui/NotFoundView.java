package io.connectionhealth.base.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.RouterLink;
import io.connectionhealth.connection.ui.ConnectionsView;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A mistyped address, or a page the signed-in user may not open (Vaadin answers both alike, so as not to tell which
 * pages exist): inside the app's layout, with a way back, instead of a bare error page.
 */
@ParentLayout(MainLayout.class)
@PermitAll
@PageTitle("Page not found · Connection Health")
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        Paragraph what = new Paragraph("There is no page at /" + event.getLocation().getPath()
                + ", or it is for workspace admins only.");
        what.setId("not-found-text");
        Formats.wrapAnywhere(what);
        add(new H2("Page not found"), what, new RouterLink("Go to Connections", ConnectionsView.class));
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
