package io.connectionhealth.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which events given up (failed for good) the log names one by one. A storm's events reach the end of their retry
 * schedule together: an audit's 2,000 broken connections wrote 2,000 lines in 26 s. After a workspace's given-up event
 * is logged, the ones within {@link #QUIET} are counted instead, and the count is logged once the period is over
 * ({@link #overdue}, asked every few seconds) or with the next line. The delivery log lists every one. Per instance,
 * in memory.
 */
final class GiveUpLog {

    static final Duration QUIET = Duration.ofMinutes(1);

    /** The workspace's last logged give-up, and the ones not logged since. */
    private record Window(Instant logged, int unlogged) {
    }

    /** What a count of unlogged give-ups says: how many, since when. */
    record Unlogged(int count, Instant since) {
        @Override
        public String toString() {
            return count + " more failed for good since " + since
                    + ", not logged one by one (the delivery log lists them)";
        }
    }

    private final Map<String, Window> byWorkspace = new HashMap<>();

    /**
     * An event of the workspace was given up at {@code at}: null when it is not to be logged, else what to add to its
     * line (empty, or the count of those left out before it).
     */
    synchronized String failed(String workspaceId, Instant at) {
        Window w = byWorkspace.get(workspaceId);
        if (w != null && at.isBefore(w.logged().plus(QUIET))) {
            byWorkspace.put(workspaceId, new Window(w.logged(), w.unlogged() + 1));
            return null;
        }
        byWorkspace.put(workspaceId, new Window(at, 0));
        return w == null || w.unlogged() == 0 ? "" : "; before it, " + new Unlogged(w.unlogged(), w.logged());
    }

    /** The counts whose quiet period is over by {@code now}, by workspace; each is forgotten once returned. */
    synchronized Map<String, Unlogged> overdue(Instant now) {
        Map<String, Unlogged> due = new TreeMap<>();
        byWorkspace.entrySet().removeIf(entry -> {
            Window w = entry.getValue();
            if (now.isBefore(w.logged().plus(QUIET))) {
                return false;
            }
            if (w.unlogged() > 0) {
                due.put(entry.getKey(), new Unlogged(w.unlogged(), w.logged()));
            }
            return true;
        });
        return due;
    }
}
