package io.connectionhealth.workspace.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.router.BeforeLeaveObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ui.Confirmation;
import io.connectionhealth.base.ui.CurrentUser;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.base.ui.LoginView;
import io.connectionhealth.base.ui.MainLayout;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.notification.EventLog;
import io.connectionhealth.notification.NotificationSettingsService;
import io.connectionhealth.notification.WebhookService;
import io.connectionhealth.notification.ui.DeliveryLogPanel;
import io.connectionhealth.notification.ui.NotificationSettingsForm;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import io.connectionhealth.base.ui.QueryString;
import io.connectionhealth.notification.DeliveryState;
import io.connectionhealth.notification.EventType;
import io.connectionhealth.notification.ui.WebhookEndpointPanel;
import io.connectionhealth.workspace.ApiKeyService;
import io.connectionhealth.workspace.UserAccountService;
import io.connectionhealth.workspace.WorkspaceService;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.util.List;

/** Workspace settings, for admins only (a viewer who opens /settings is refused; the services refuse too). */
@Route(value = "settings", layout = MainLayout.class)
@PageTitle("Settings · Connection Health")
@RolesAllowed("ADMIN")
public class SettingsView extends VerticalLayout implements BeforeLeaveObserver, BeforeEnterObserver {

    /** The delivery log's filters in the address: {@code /settings?delivery=failed&event=connection_unhealthy}. */
    static final String DELIVERY = "delivery";
    static final String EVENT = "event";

    final NotificationSettingsForm notifications;
    /** Webhook delivery (endpoint state, signing secret, test event, delivery log): the panels of notification/ui. */
    final Div webhookDelivery = new Div();
    final ApiKeysPanel apiKeys;
    final UsersPanel users;
    final DeliveryLogPanel deliveryLog;
    // a text field read here: an IntegerField drops the keys it does not take, so "1.5" was saved as 15 and "1e3" as 13
    final TextField retention = new TextField("Retention (days)");
    /** The retention this page last read or saved: a save over another admin's change since then asks first. */
    private int shownRetention;

    public SettingsView(NotificationSettingsService notificationSettings, WebhookService webhooks, EventLog events,
                        ConnectionService connections, ApiKeyService keys, UserAccountService userAccounts, WorkspaceService workspaces,
                        CurrentUser currentUser, Clock clock) {
        Actor actor = currentUser.actor();
        WebhookEndpointPanel endpoint = new WebhookEndpointPanel(notificationSettings, webhooks, actor, clock);
        deliveryLog = new DeliveryLogPanel(events, webhooks, connections, actor, clock);
        // kept in the address without a history entry of their own, so that a reload or a bookmark shows them again
        deliveryLog.onFiltersChanged(() -> getElement().executeJs(
                "history.replaceState(history.state, '', location.pathname + $0 + location.hash)",
                query(QueryString.empty().putEnum(DELIVERY, deliveryLog.stateShown())
                        .putEnum(EVENT, deliveryLog.eventShown()))));
        deliveryLog.alsoRefresh(endpoint::refresh);
        endpoint.onResume(deliveryLog::refreshAfterSending);
        // a saved URL sends the events waiting for a retry at once: the log shows them going
        notifications = new NotificationSettingsForm(notificationSettings, actor, deliveryLog::refreshAfterSending);
        endpoint.checkUnsavedUrl(notifications::urlUnsaved);
        webhookDelivery.setId("webhook-delivery");
        webhookDelivery.setWidthFull();
        webhookDelivery.add(endpoint, deliveryLog);
        apiKeys = new ApiKeysPanel(keys, actor, clock);
        users = new UsersPanel(userAccounts, keys, actor, clock);

        retention.setManualValidation(true);
        retention.getElement().setAttribute("inputmode", "numeric");
        retention.setWidth("10em");
        shownRetention = workspaces.get(actor.workspaceId()).retentionDays();
        retention.setValue(String.valueOf(shownRetention));
        retention.setHelperText("API calls, job runs and events older than this are purged (an event still to be "
                + "delivered stays until it is). Default 60.");
        Button saveRetention = new Button("Save retention", e -> askAndSaveRetention(workspaces, actor));
        // Enter is safe here: a shorter retention asks first, with Cancel focused, so a second Enter deletes nothing
        saveRetention.addClickShortcut(Key.ENTER).listenOn(retention);
        HorizontalLayout retentionRow = new HorizontalLayout(retention, saveRetention);
        retentionRow.setAlignItems(Alignment.BASELINE);
        retentionRow.setWrap(true); // Save below the field on a 320 px screen, not beyond its edge

        H2 retentionHeading = new H2("Retention");
        HealthRulesPanel rules = new HealthRulesPanel();
        add(sectionLinks(List.of(new Section("Webhook", notifications), new Section("Delivery log", deliveryLog),
                        new Section("API keys", apiKeys), new Section("Users", users),
                        new Section("Retention", retentionHeading), new Section("Health rules", rules))),
                notifications, webhookDelivery, apiKeys, users, retentionHeading, retentionRow, rules);
        // lines of text stay readable; the delivery log alone takes the width there is, since its Change and
        // Connection columns were cut at 1,100 px (a daily-use audit read them row after row)
        getChildren().filter(c -> c != webhookDelivery).forEach(SettingsView::readableWidth);
        readableWidth(endpoint);
    }

    static final String READABLE_WIDTH = "1100px";

    private static void readableWidth(Component c) {
        c.getElement().getStyle().set("max-width", READABLE_WIDTH);
    }

    private record Section(String title, Component target) {
        /** Its name in the address: "#api-keys". */
        String fragment() {
            return title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        }
    }

    /**
     * Focuses the section's heading, made focusable by script and not a Tab stop of its own: a tabindex of -1 on the
     * section itself (a Vaadin layout, whose content sits in its shadow root's slot) took everything inside it out of
     * the Tab order in Chromium, so Tab skipped the webhook form, the delivery log, the keys and the users. The
     * browser's focus ring shows a keyboard user where it went (not after a click).
     */
    private static final String FOCUS_HEADING = """
            {
                const heading = %1$s.matches('h2, h3') ? %1$s : (%1$s.querySelector('h2, h3') || %1$s);
                heading.tabIndex = -1;
                heading.focus({preventScroll: true});
            }
            """;
    /**
     * Scrolls a section into view and moves the focus there (Tab then goes on inside it, not back in the link row),
     * and names it in the address, so that a reload or a bookmark ({@code /settings#users}) opens it again.
     */
    static final String SHOW_SECTION = """
            this.scrollIntoView();
            """ + FOCUS_HEADING.formatted("this") + """
            history.replaceState(history.state, '', location.pathname + location.search + '#' + $0);""";
    /**
     * On opening the page: the section the address names, if any, once the lists above it have drawn their rows
     * (scrolled at once, it ended up a screen away as they grew).
     */
    private static final String SHOW_SECTION_OF_ADDRESS = """
            let name = location.hash.slice(1);
            let kept = null;
            try { kept = JSON.parse(sessionStorage.getItem($0)); } catch (e) { /* not ours */ }
            sessionStorage.removeItem($0);
            if (!name && kept && typeof kept.hash === 'string' && Date.now() - kept.at < 600000) {
                // the section of a bookmark opened before signing in (LoginView kept it): in the address again too
                name = kept.hash.slice(1);
                history.replaceState(history.state, '', location.pathname + location.search + '#' + name);
            }
            const section = name && this.querySelector('[data-section="' + CSS.escape(name) + '"]');
            if (section) {
                setTimeout(() => {
                    section.scrollIntoView();
                    """ + FOCUS_HEADING.formatted("section") + """
                }, 500);
            }""";

    /** A long page: a row of links to its sections. */
    private static Component sectionLinks(List<Section> sections) {
        FlexLayout links = new FlexLayout();
        links.setId("settings-sections");
        links.addClassNames(LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.XSMALL);
        for (Section section : sections) {
            com.vaadin.flow.dom.Element target = section.target().getElement();
            target.setAttribute("data-section", section.fragment());
            Button link = new Button(section.title(), e -> target.executeJs(SHOW_SECTION, section.fragment()));
            link.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            links.add(link);
        }
        return links;
    }

    private static String query(QueryString q) {
        String query = q.toParameters().getQueryString();
        return query.isEmpty() ? "" : "?" + query;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryString q = QueryString.of(event.getLocation().getQueryParameters());
        deliveryLog.showFilters(q.getEnum(DELIVERY, DeliveryState.class), q.getEnum(EVENT, EventType.class));
    }

    @Override
    protected void onAttach(com.vaadin.flow.component.AttachEvent event) {
        super.onAttach(event);
        getElement().executeJs(SHOW_SECTION_OF_ADDRESS, LoginView.KEPT_FRAGMENT);
    }

    /**
     * Saves the typed retention, asking first where it shortens the one in force or where another admin changed that
     * since this page showed it; each save holds only while the retention in force is still the one asked about.
     */
    private void askAndSaveRetention(WorkspaceService workspaces, Actor actor) {
        retention.setInvalid(false); // an earlier refusal's message must not stand beside the question below
        Integer days = days(retention.getValue());
        int current = workspaces.get(actor.workspaceId()).retentionDays();
        if (days != null && current != shownRetention && days != current && days >= WorkspaceService.MIN_RETENTION_DAYS
                && days <= WorkspaceService.MAX_RETENTION_DAYS) {
            // saved over another admin's change unseen, a 5 made 20 read as shortening 30, not lengthening 5
            int seen = shownRetention;
            Confirmation.open("Retention changed meanwhile",
                    "The retention was set to " + span(current) + " elsewhere (by another admin, in another tab or "
                            + "window, or through the API) since this page showed " + span(seen) + ". Keep logs for " + span(days)
                            + " instead?"
                            + (days < current ? " Older API calls, job runs and events are deleted, starting now,"
                            + " and cannot be restored." : ""),
                    "Keep " + span(days), days < current, () -> saveRetention(workspaces, actor, current))
                    .onCancel(() -> showRetention(current));
        } else if (days != null && days < current && days >= WorkspaceService.MIN_RETENTION_DAYS) {
            // a shorter retention deletes logs at the next purge: nothing brings them back
            Confirmation.open("Keep logs for " + span(days) + " only?",
                    "API calls, job runs and events older than " + span(days) + " (now kept " + current
                            + ") are deleted, starting now, except events still to be delivered. They cannot be"
                            + " restored.",
                    "Shorten retention", true, () -> saveRetention(workspaces, actor, current))
                    .onCancel(() -> showRetention(current)); // the field shows what is in force
        } else {
            saveRetention(workspaces, actor, current);
        }
    }

    /** Saves while the retention in force is still {@code asked}; changed meanwhile, it asks again. */
    private void saveRetention(WorkspaceService workspaces, Actor actor, int asked) {
        try {
            Integer days = days(retention.getValue());
            if (days == null) {
                throw ValidationException.of("retention_days", "enter a whole number of days, "
                        + WorkspaceService.MIN_RETENTION_DAYS + "–" + WorkspaceService.MAX_RETENTION_DAYS);
            }
            WorkspaceService.RetentionSaved saved = workspaces.updateRetentionIfStill(actor, days, asked);
            showRetention(days);
            retention.setInvalid(false);
            Notification.show(saved.days() >= saved.was() ? "Retention saved."
                    : saved.purgingNow() ? "Retention saved. The older logs are being deleted now."
                    : "Retention saved. The older logs are deleted as the purge running now ends.")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (ValidationException ex) {
            retention.setErrorMessage(Formats.capitalized(ex.errors().getFirst().message()));
            retention.setInvalid(true);
        } catch (WorkspaceService.RetentionChangedException meanwhile) {
            askAndSaveRetention(workspaces, actor); // the question now names the other admin's retention
        }
    }

    private void showRetention(int days) {
        shownRetention = days;
        retention.setValue(String.valueOf(days));
    }

    private static String span(int days) {
        return WorkspaceService.days(days);
    }

    /** The days typed: digits only, spaces around them ignored; null for anything else ("1.5", "1e3", "", "١٠"). */
    static Integer days(String typed) {
        String digits = typed == null ? "" : typed.strip();
        if (!digits.matches("[0-9]{1,9}")) {
            return null;
        }
        return Integer.valueOf(digits);
    }

    /** A typed webhook URL or changed event types are not dropped without a word when the admin goes elsewhere. */
    @Override
    public void beforeLeave(BeforeLeaveEvent event) {
        if (notifications.unsaved()) {
            BeforeLeaveEvent.ContinueNavigationAction leave = event.postpone();
            Confirmation.open("Leave without saving?", "The webhook's URL or event types have changes that are not "
                    + "saved.", "Leave without saving", true, leave::proceed)
                    // without it the browser's router went on waiting: no link or Back did anything until a reload
                    .onDismiss(leave::cancel);
        }
    }
}
