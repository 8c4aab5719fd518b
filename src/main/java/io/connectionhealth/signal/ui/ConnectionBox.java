package io.connectionhealth.signal.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.base.ui.Paging;
import io.connectionhealth.connection.Connection;
import io.connectionhealth.connection.ConnectionFilter;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.ConnectionSort;

import java.util.List;

import static io.connectionhealth.connection.ui.CustomerNames.shortId;

/**
 * The logs' connection filter: searches the workspace's connections lazily by words, so it works with any number of
 * them, and takes the one connection typed words find on Enter.
 */
final class ConnectionBox extends ComboBox<ConnectionBox.Choice> {

    /** A connection as the filter shows it; a deleted one keeps its id so that its logs stay reachable. */
    record Choice(String id, String label) {
    }

    private final ConnectionService connections;
    private final Actor actor;

    ConnectionBox(ConnectionService connections, Actor actor) {
        super("Connection");
        this.connections = connections;
        this.actor = actor;
        setItems(q -> Paging.fetch(q.getOffset(), q.getLimit(), page -> connections.list(actor,
                        ConnectionFilter.ALL.withWords(searched(q.getFilter().orElse(null))),
                        new ConnectionSort(ConnectionSort.Field.INTEGRATION_TYPE, false), page))
                .map(ConnectionBox::choice));
        setItemLabelGenerator(Choice::label);
        // Enter after typing: the box takes only a highlighted item, so "krusty salesforce" with one suggestion had
        // selected nothing, and the text was dropped without a word
        setAllowCustomValue(true);
        addCustomValueSetListener(e -> pickTheOnlyConnection(e.getDetail()));
        setId("connection-filter");
        setPlaceholder("Search by customer, integration or id");
        setClearButtonVisible(true);
        // wide enough for "Integration · customer · id…": the id is what tells a customer's connections apart
        setWidth("24em");
        setMaxWidth("100%");
        addValueChangeListener(e -> setInvalid(false));
    }

    /** The connection's id chosen, null for none. */
    String connectionId() {
        Choice c = getValue();
        return c == null ? null : c.id();
    }

    /** Shows the connection of this id, also a deleted one (its logs stay), or none for null. */
    void show(String connectionId) {
        setValue(connectionId == null ? null : choiceFor(connectionId));
    }

    /**
     * What the box searches for: the words typed, also when copied from a choice's label ("HubSpot · acme · 1f3e…"),
     * whose separators and ellipsis no connection contains; the first ten words at most.
     */
    static String searched(String typed) {
        // a chosen item's label typed back holds its isolates too, which ConnectionFilter.words leaves out
        return ConnectionFilter.firstWords(typed == null ? null : typed.replace('·', ' ').replace('…', ' '));
    }

    /** The one connection the typed words find, chosen; with none or several, the box says so and nothing changes. */
    void pickTheOnlyConnection(String typed) {
        String words = searched(typed);
        if (words == null) {
            return;
        }
        List<Connection> found = connections.list(actor, ConnectionFilter.ALL.withWords(words), ConnectionSort.DEFAULT,
                PageRequest.of(2, 0));
        if (found.size() == 1) {
            setInvalid(false);
            setValue(choice(found.getFirst()));
            return;
        }
        Choice shown = getValue();
        setErrorMessage((found.isEmpty() ? "No connection matches '" + Formats.clipped(typed.strip(), 60) + "'"
                : "Several connections match: type more, or pick one from the list")
                // the typed text stays in the box, so it would read as applied while the log still shows another one
                + (shown == null ? "" : ". The log still shows " + shown.label()));
        setInvalid(true);
        if (!found.isEmpty()) {
            // the list, opened with the arrow keys, had shown every connection (the box ends its filter at Enter), so
            // the one picked from it could be any: open it on what was typed. Only while the box has the focus (Enter),
            // not once it was left with Tab: an opened list takes the focus back
            getElement().executeJs("if (this.hasAttribute('focused')) { this.filter = $0; this.opened = true; }",
                    typed.strip());
        }
    }

    static Choice choice(Connection c) {
        String label = Formats.isolated(Formats.clipped(c.integrationName() == null ? c.integrationType()
                : c.integrationName(), 40)) + (c.externalXref() == null ? ""
                : " · " + Formats.isolated(Formats.clipped(c.externalXref(), 40))) + " · " + shortId(c.id());
        return new Choice(c.id(), label);
    }

    private Choice choiceFor(String id) {
        try {
            return choice(connections.get(actor, id));
        } catch (NotFoundException deletedOrForeign) {
            // a deleted connection keeps its customer, which the rows show too: "acme · 1f3e… (deleted)"
            String customer = connections.customers(actor, List.of(id)).get(id);
            return new Choice(id, customer == null ? shortId(id) + " (deleted or unknown)"
                    : Formats.isolated(Formats.clipped(customer, 30)) + " · " + shortId(id) + " (deleted)");
        }
    }
}
