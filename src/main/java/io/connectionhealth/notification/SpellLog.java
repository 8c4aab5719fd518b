package io.connectionhealth.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Which failing spells of a workspace's endpoint the log tells of. A flapping receiver (a failure after nearly every
 * success: 22 % of deliveries in an audit) began and ended a spell every few deliveries, two or three lines each.
 * After a spell is logged, the ones beginning within {@link #QUIET} are counted instead, and the next one logged says
 * how many there were. A spell not logged when it began is logged once it has lasted {@link #LASTING} (at a failed
 * attempt, or by {@link #overdue}, asked every few seconds): an endpoint that stays down is always told of. The end
 * of a spell is logged only if its start was. Per instance, in memory.
 */
final class SpellLog {

    static final Duration QUIET = Duration.ofMinutes(10);
    static final Duration LASTING = Duration.ofMinutes(1);

    /** The workspace's last logged spell start, the spells not logged since, and the spell under way (null: none). */
    private record Spells(Instant lastLogged, int unlogged, Instant current, boolean currentLogged) {
    }

    private final Map<String, Spells> byWorkspace = new HashMap<>();

    /**
     * A spell began at {@code at}: null when it is not to be logged, else what to add to its line (empty, or how many
     * spells went unlogged before it).
     */
    synchronized String began(String workspaceId, Instant at) {
        Spells s = byWorkspace.get(workspaceId);
        if (s != null && at.isBefore(s.lastLogged().plus(QUIET))) {
            byWorkspace.put(workspaceId, new Spells(s.lastLogged(), s.unlogged() + 1, at, false));
            return null;
        }
        byWorkspace.put(workspaceId, new Spells(at, 0, at, true));
        return s == null || s.unlogged() == 0 ? "" : " (" + s.unlogged() + " shorter failing spells since "
                + s.lastLogged() + " were not logged, each ended by a success)";
    }

    /** A failed attempt at {@code at} during a spell: true when the spell is to be logged now, having lasted. */
    synchronized boolean lasting(String workspaceId, Instant at) {
        Spells s = byWorkspace.get(workspaceId);
        if (s == null || s.current() == null || s.currentLogged() || at.isBefore(s.current().plus(LASTING))) {
            return false;
        }
        byWorkspace.put(workspaceId, new Spells(at, s.unlogged() - 1, s.current(), true));
        return true;
    }

    /**
     * The spells left out at their start that have lasted {@link #LASTING} by {@code now}, whether or not an attempt
     * failed since (a storm's retries wait minutes for their slot, so a five-minute outage had left no line at all),
     * by workspace with the time each began; each is marked as logged.
     */
    synchronized Map<String, Instant> overdue(Instant now) {
        Map<String, Instant> due = new java.util.TreeMap<>();
        byWorkspace.forEach((workspaceId, s) -> {
            if (s.current() != null && !s.currentLogged() && !now.isBefore(s.current().plus(LASTING))) {
                due.put(workspaceId, s.current());
            }
        });
        due.forEach((workspaceId, began) -> {
            Spells s = byWorkspace.get(workspaceId);
            byWorkspace.put(workspaceId, new Spells(now, s.unlogged() - 1, s.current(), true));
        });
        return due;
    }

    /** When the spell now under way began, if one is known. */
    synchronized Instant since(String workspaceId) {
        Spells s = byWorkspace.get(workspaceId);
        return s == null ? null : s.current();
    }

    /** The spell ended: true when its end is to be logged (its start was, or is not known to this instance). */
    synchronized boolean ended(String workspaceId) {
        Spells s = byWorkspace.get(workspaceId);
        if (s == null) {
            return true;
        }
        byWorkspace.put(workspaceId, new Spells(s.lastLogged(), s.unlogged(), null, false));
        return s.current() == null || s.currentLogged();
    }
}
