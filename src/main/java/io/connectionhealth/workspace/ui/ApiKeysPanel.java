package io.connectionhealth.workspace.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ui.Badges;
import io.connectionhealth.base.ui.Clipboard;
import io.connectionhealth.base.ui.Confirmation;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.base.ui.Paging;
import io.connectionhealth.workspace.ApiKey;
import io.connectionhealth.workspace.ApiKeyAccess;
import io.connectionhealth.workspace.ApiKeyService;
import io.connectionhealth.workspace.CreatedApiKey;
import io.connectionhealth.base.ui.ScreenReaderText;
import io.connectionhealth.base.ui.SingleClick;

import java.time.Clock;

/**
 * The workspace's API keys: create (with what the key may do; the secret is shown once), list by prefix and last use,
 * revoke.
 */
class ApiKeysPanel extends VerticalLayout {

    final TextField name = new TextField("New key name");
    final Select<ApiKeyAccess> access = new Select<>();
    final Button create = new Button("Create key", VaadinIcon.PLUS.create());
    final Grid<ApiKey> grid = new Grid<>();
    private final ApiKeyService keys;
    private final Actor actor;
    private final Clock clock;

    ApiKeysPanel(ApiKeyService keys, Actor actor, Clock clock) {
        this.keys = keys;
        this.actor = actor;
        this.clock = clock;
        setPadding(false);
        name.setPlaceholder("e.g. production integration layer");
        name.setManualValidation(true);
        SingleClick.onClick(create, this::create);
        create.addClickShortcut(Key.ENTER).listenOn(name);
        access.setLabel("It may");
        access.setItems(ApiKeyAccess.values());
        access.setItemLabelGenerator(ApiKeyAccess::label);
        // the least that an integration layer needs: a key with more is asked for, not handed out by default
        access.setValue(ApiKeyAccess.REPORT);
        access.setId("new-key-access");
        access.setWidth("22em"); // the longest choice whole, not "Report signals and m"
        access.setMaxWidth("100%");
        access.setHelperText("An integration layer needs only to report signals and manage connections");
        HorizontalLayout form = new HorizontalLayout(name, access, create);
        form.setAlignItems(Alignment.BASELINE);
        form.setWrap(true);
        form.setWidthFull(); // as wide as the page, not its widest field: the select's 100% then fits a 320 px screen

        grid.setAriaLabel("API keys");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(ApiKey::name).setHeader("Name").setTooltipGenerator(ApiKey::name).setWidth("10rem").setFlexGrow(1);
        grid.addColumn(k -> k.prefix() + "…").setHeader("Prefix").setAutoWidth(true);
        // cut, with a tooltip: sized to "Report signals and manage connections" it pushed Revoke off a 1024 px screen
        grid.addColumn(k -> k.access().label()).setHeader("May").setKey("access").setWidth("11rem").setFlexGrow(0)
                .setTooltipGenerator(k -> k.access().label());
        grid.addComponentColumn(k -> Formats.time(k.createdAt(), clock.instant())).setHeader("Created").setAutoWidth(true);
        // keys outlive the admin who made them, who saw the secret ("—": made before this was kept)
        grid.addColumn(k -> k.createdBy() == null ? "—" : k.createdBy()).setHeader("Made by").setKey("made-by")
                .setTooltipGenerator(k -> k.createdBy() == null ? "Made before the maker was kept" : k.createdBy())
                .setAutoWidth(true);
        grid.addComponentColumn(k -> Formats.time(k.lastUsedAt(), clock.instant())).setHeader("Last used").setAutoWidth(true);
        grid.addComponentColumn(k -> k.isActive() ? Badges.of("Active", "success") : Badges.of("Revoked", "contrast"))
                .setHeader("State").setAutoWidth(true);
        grid.addComponentColumn(k -> {
            Button revoke = new Button("Revoke", e -> confirmRevoke(k));
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            revoke.setEnabled(k.isActive());
            return revoke;
        }).setHeader(ScreenReaderText.of("Revoke")).setAutoWidth(true).setKey("revoke")
                .setFrozenToEnd(true); // in reach on a narrow screen, where the grid scrolls sideways
        grid.setEmptyStateText("No API keys yet.");
        refresh();
        add(new H2("API keys"), new Paragraph("The integration layer sends 'Authorization: Bearer <key>'. A key's "
                + "secret is shown once, when it is created; only its hash and its first few characters are stored. "
                + "A key that may only report signals and manage connections cannot change the webhook or these "
                + "settings, nor see the signing secret; a read-only key changes nothing."), form, grid);
    }

    private void refresh() {
        Paging.shortList(grid, keys.count(actor), page -> keys.list(actor, page));
    }

    private void create() {
        try {
            CreatedApiKey created = keys.create(actor, name.getValue(), access.getValue());
            name.clear();
            name.setInvalid(false);
            refresh();
            showSecret(created);
        } catch (ValidationException ex) {
            name.setErrorMessage("The name " + ex.errors().getFirst().message());
            name.setInvalid(true);
        }
    }

    private void showSecret(CreatedApiKey created) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("API key created");
        TextField secret = new TextField("Secret");
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.setId("new-key-secret");
        secret.setAutoselect(true);
        Button copy = new Button("Copy", VaadinIcon.COPY.create());
        copy.addClickListener(e -> Clipboard.copy(copy, created.secret(), "Copied to the clipboard.", secret::focus));
        dialog.add(new Paragraph("Copy the secret now: it is shown this once and cannot be shown again."), secret);
        Button done = new Button("I have copied it", e -> dialog.close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(copy, done);
        dialog.setWidth("min(640px, 100vw)");
        // the secret is shown this once: only the button closes the dialog, not Esc or a click beside it
        dialog.setCloseOnEsc(false);
        dialog.setCloseOnOutsideClick(false);
        // the one thing to do here: Enter copies (the dialog would otherwise hold the focus itself)
        dialog.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                copy.focus();
            }
        });
        dialog.open();
    }

    private void confirmRevoke(ApiKey key) {
        Confirmation.open("Revoke the key " + Formats.isolated(key.name()) + "?",
                "Requests with the key " + key.prefix() + "… will be refused from now on. "
                        + (key.name().equals(ApiKeyService.BOOTSTRAP_KEY_NAME)
                        ? "While APP_BOOTSTRAP_API_KEY is set, the next start of the application makes it valid again: "
                        + "remove the variable too."
                        : "This cannot be undone."),
                "Revoke", true, () -> {
                    boolean now = keys.revoke(actor, key.id());
                    refresh();
                    Notification.show(now ? "Key revoked." : "The key was already revoked (by another admin).");
                }).focusAfterwards(grid);
    }
}
