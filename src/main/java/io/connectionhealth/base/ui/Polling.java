package io.connectionhealth.base.ui;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;

import java.util.HashMap;
import java.util.Map;

/**
 * The page asks the server for changes while someone waits for one (no server push here). Several parts of a page may
 * wait at once (a test event's answer, the delivery log after a new URL, the end of the start), and a UI has one poll
 * interval: each asks here under its own key, the shortest interval asked for applies, and polling stops when nobody
 * waits any more. Call from the UI's thread (inside {@code ui.access} from another).
 */
public final class Polling {

    private Polling() {
    }

    public static void start(UI ui, String key, int millis) {
        requests(ui).put(key, millis);
        apply(ui);
    }

    public static void stop(UI ui, String key) {
        requests(ui).remove(key);
        apply(ui);
    }

    private static Map<String, Integer> requests(UI ui) {
        @SuppressWarnings("unchecked")
        Map<String, Integer> requests = (Map<String, Integer>) ComponentUtil.getData(ui, Polling.class.getName());
        if (requests == null) {
            requests = new HashMap<>();
            ComponentUtil.setData(ui, Polling.class.getName(), requests);
        }
        return requests;
    }

    private static void apply(UI ui) {
        ui.setPollInterval(requests(ui).values().stream().mapToInt(Integer::intValue).min().orElse(-1));
    }
}
