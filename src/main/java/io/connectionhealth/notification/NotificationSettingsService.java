package io.connectionhealth.notification;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.Times;
import io.connectionhealth.base.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The notification settings the dashboard and {@code /api/v1/workspace/notification-settings} both edit. */
@Service
public class NotificationSettingsService {

    private static final Logger log = LoggerFactory.getLogger(NotificationSettingsService.class);

    public static final int MAX_URL_LENGTH = 2048;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WebhookClient webhookClient;
    private final TransactionTemplate tx;
    private final EventRequeue requeue;

    NotificationSettingsService(JdbcClient jdbc, Clock clock, WebhookClient webhookClient, TransactionTemplate tx,
                                EventRequeue requeue) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.webhookClient = webhookClient;
        this.tx = tx;
        this.requeue = requeue;
    }

    /** The signing secret only for an admin (a full-access key): with it anyone can forge deliveries. */
    public NotificationSettings get(Actor actor) {
        NotificationSettings s = forWorkspace(actor.workspaceId());
        return actor.isAdmin() ? s : new NotificationSettings(s.url(), s.events(), null, s.state(), s.failingSince(),
                s.disabledReason(), s.disabledAt(), s.lastSuccessAt(), s.previousSecretExpiresAt());
    }

    /**
     * The settings of a new workspace, in the transaction that creates it: every event type selected, no URL, a
     * signing secret of its own.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void createFor(String workspaceId) {
        insertDefaults(workspaceId);
    }

    private void insertDefaults(String workspaceId) {
        jdbc.sql("""
                        insert into notification_settings (workspace_id, url, events, signing_secret, state, updated_at)
                        values (?, null, ?, ?, 'enabled', ?)""")
                .params(workspaceId, joinEvents(EnumSet.allOf(EventType.class)), newSigningSecret(),
                        Times.sql(clock.instant())).update();
    }

    /** The settings of a workspace, the signing secret included: for this package's senders, not for a reader. */
    NotificationSettings forWorkspace(String workspaceId) {
        return read(workspaceId).orElseGet(() -> {
            // a workspace from before its settings were created with it (a database of an early version)
            insertDefaults(workspaceId);
            return read(workspaceId).orElseThrow();
        });
    }

    private Optional<NotificationSettings> read(String workspaceId) {
        return jdbc.sql("select * from notification_settings where workspace_id = ?").param(workspaceId)
                .query((rs, n) -> new NotificationSettings(rs.getString("url"), parseEvents(rs.getString("events")),
                        rs.getString("signing_secret"), rs.getString("state"), Times.read(rs, "failing_since"),
                        rs.getString("disabled_reason"), Times.read(rs, "disabled_at"),
                        Times.read(rs, "last_success_at"), Times.read(rs, "previous_secret_expires_at")))
                .optional();
    }

    /**
     * Saves the URL and the event types. A new URL ends a failing spell, which was the old URL's: the endpoint counts
     * as enabled again (its time to being disabled starts over) and the events waiting for a retry go to the new URL
     * now, rather than at their next retry, which after a long outage is hours away. A disabled endpoint stays
     * disabled until it is re-enabled. Events still waiting to be sent (a retry, or parked while disabled) that the new
     * settings would not send (no URL, or a type no longer selected) become {@code not_sent} at once: "an empty list
     * sends none" (SPEC §5); Resend still sends one on request. One being sent at this moment is left to its attempt:
     * delivered, it says so; failed, it is retried as planned. Without a URL nothing is failing any more.
     */
    public NotificationSettings update(Actor actor, String url, List<EventType> events) {
        return update(actor, url, events, null);
    }

    /**
     * As {@link #update(Actor, String, List)}, but only while the URL and the event types are still {@code read}
     * (what the page showed when it was opened or last saved): a page open for an hour must not silently undo a change
     * made meanwhile by another admin or through the API — an event type it switched off would be switched back on,
     * one it switched on off, and that one's waiting retries dropped. Otherwise {@link ChangedMeanwhileException}.
     */
    public NotificationSettings updateIfUnchanged(Actor actor, String url, List<EventType> events,
                                                  NotificationSettings read) {
        return update(actor, url, events, Objects.requireNonNull(read));
    }

    private static boolean sameTarget(NotificationSettings s, String url, List<EventType> events) {
        return Objects.equals(s.url(), url) && Set.copyOf(s.events()).equals(Set.copyOf(events));
    }

    /** The settings were changed elsewhere after the page read them; {@code current} is what they are now. */
    public static final class ChangedMeanwhileException extends RuntimeException {
        private final transient NotificationSettings current;

        ChangedMeanwhileException(NotificationSettings current) {
            super("The notification settings were changed elsewhere meanwhile");
            this.current = current;
        }

        public NotificationSettings current() {
            return current;
        }
    }

    private NotificationSettings update(Actor actor, String url, List<EventType> events, NotificationSettings read) {
        actor.requireAdmin();
        String checkedUrl = validateUrl(url);
        String refusal = webhookClient.policy().refusalForLiteralHost(checkedUrl);
        if (refusal != null) {
            throw ValidationException.of("url", refusal);
        }
        if (events == null) {
            throw ValidationException.of("events", "is required (an empty list sends none)");
        }
        String ws = actor.workspaceId();
        boolean failingSpellEnded = Boolean.TRUE.equals(tx.execute(status -> {
            // the row locked first, so that what is compared is what is replaced
            jdbc.sql("update notification_settings set updated_at = updated_at where workspace_id = ?").param(ws).update();
            NotificationSettings now = forWorkspace(ws);
            // changed meanwhile, to something other than what is being saved: saving would undo it
            if (read != null && !sameTarget(now, read.url(), read.events())
                    && !sameTarget(now, checkedUrl, events)) {
                throw new ChangedMeanwhileException(now);
            }
            String before = now.url();
            jdbc.sql("update notification_settings set url = ?, events = ?, updated_at = ? where workspace_id = ?")
                    .params(checkedUrl, joinEvents(events), Times.sql(clock.instant()), ws).update();
            Set<EventType> sent = EnumSet.noneOf(EventType.class);
            if (checkedUrl != null) {
                sent.addAll(events);
            }
            dropWaitingEventsNotSent(ws, sent);
            // a removed URL ends the spell too, but leaves nothing to send again
            boolean spellEnded = (checkedUrl == null || !checkedUrl.equals(before)) && jdbc.sql("""
                            update notification_settings set state = 'enabled', failing_since = null
                            where workspace_id = ? and state = 'failing'""").param(ws).update() > 0;
            return spellEnded && checkedUrl != null;
        }));
        // who changed where the events go (the URL stays out of the log: it may carry a token)
        log.info("Webhook settings of workspace {} saved by {}: {}, {} event type(s) selected", ws, actor.who(),
                checkedUrl == null ? "no URL" : "a URL", events.size());
        if (failingSpellEnded) {
            // after the commit: an attempt finishing meanwhile writes the endpoint's state, which this would hold
            requeue.all("""
                    select id from notification_event
                    where workspace_id = ? and delivery_state = 'RETRYING' and id > ?
                    order by id limit ?""", ws);
        }
        return forWorkspace(ws);
    }

    /**
     * Marks the workspace's events waiting to be sent whose type is not among {@code sent} as not sent; not one being
     * sent at this moment (its execution picked, its attempt due). An execution also stays picked for a moment after
     * its attempt has written the outcome (a retry planned for later, or parked while disabled): that event is waiting,
     * and marked (it had been left to be sent at its retry).
     */
    private void dropWaitingEventsNotSent(String workspaceId, Set<EventType> sent) {
        Set<EventType> notSent = EnumSet.allOf(EventType.class);
        notSent.removeAll(sent);
        if (notSent.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update notification_event e set delivery_state = 'NOT_SENT', next_attempt_at = null, pulled_from = null
                        where e.workspace_id = :ws and e.delivery_state in ('PENDING', 'RETRYING')
                          and e.event_type in (:types)
                          and not exists (select 1 from scheduled_tasks t where t.task_name = :task
                                          and t.task_instance = e.id and t.picked
                                          and e.next_attempt_at is not null and e.next_attempt_at <= :now)""")
                .param("ws", workspaceId).param("types", notSent.stream().map(EventType::name).toList())
                .param("task", DeliveryQueue.TASK_NAME).param("now", Times.sql(clock.instant())).update();
    }

    /** Null or blank means "no URL". Otherwise an absolute http(s) URL with a host, or a 400. */
    public static String validateUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String trimmed = url.strip();
        if (trimmed.length() > MAX_URL_LENGTH) {
            throw ValidationException.of("url", "must be at most " + MAX_URL_LENGTH + " characters");
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw ValidationException.of("url", "must be an http or https URL");
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw ValidationException.of("url", hostProblem(uri.getRawAuthority()));
            }
            if (uri.getUserInfo() != null) {
                throw ValidationException.of("url", "must not carry a user name or password");
            }
            if (uri.getRawFragment() != null) {
                throw ValidationException.of("url", "must not end in a #fragment: it is never sent to the receiver");
            }
            // java.net.URI takes any number as a port: 99999 was saved, and every delivery then failed
            if (uri.getPort() == 0 || uri.getPort() > 65_535) {
                throw ValidationException.of("url", "must name a port from 1 to 65535, was " + uri.getPort());
            }
            // stored as it is sent: a letter beyond ASCII in the path or query percent-encoded as UTF-8; sent raw, "ö"
            // had gone out as one Latin-1 byte and "к" as "?", starting a query, so a delivery reached another address
            String sent = uri.toASCIIString();
            if (sent.length() > MAX_URL_LENGTH) {
                throw ValidationException.of("url", "must be at most " + MAX_URL_LENGTH + " characters once its "
                        + "letters beyond ASCII are percent-encoded (each takes 6 to 12), was " + sent.length());
            }
            return sent;
        } catch (URISyntaxException e) {
            throw ValidationException.of("url", "must be a full http(s) URL such as https://hooks.example.com/health ("
                    + unreadable(trimmed, e) + ")");
        }
    }

    /** Where and why the URL could not be read, in words rather than the parser's ("illegal character in path"). */
    static String unreadable(String url, URISyntaxException e) {
        int at = e.getIndex();
        String reason = e.getReason().toLowerCase(Locale.ROOT);
        if (at < 0 || at >= url.length()) {
            return reason;
        }
        String where = " at character " + (url.codePointCount(0, at) + 1);
        // only a character a path or query cannot hold is fixed by encoding it; anything else (a space in the host, a
        // missing ']') keeps the parser's own reason
        if (!reason.startsWith("illegal character in path") && !reason.startsWith("illegal character in query")) {
            return reason + where;
        }
        int c = url.codePointAt(at);
        if (c == ' ') {
            return "it has a space" + where + "; write a space in a path or query as %20";
        }
        if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
            return String.format(Locale.ROOT, "an invisible character (U+%04X)%s; remove it", c, where);
        }
        return "'" + Character.toString(c) + "'" + where + " is not allowed there; percent-encode it";
    }

    /** Why an authority is no host: an internationalised name (with its ASCII form) or a shorthand such as 127.1. */
    private static String hostProblem(String authority) {
        if (authority == null || authority.isBlank()) {
            return "must name a host";
        }
        if (!authority.chars().allMatch(c -> c < 128)) {
            try {
                return "must write its host in ASCII: '" + authority + "' is '" + IDN.toASCII(authority) + "'";
            } catch (IllegalArgumentException notAName) {
                return "must write its host in ASCII (an internationalised domain name in its xn-- form)";
            }
        }
        return "must name a host: '" + authority + "' is neither a host name nor an IP address written in full";
    }

    /** The secrets that sign now: the current one, and the previous one during the overlap after a rotation. */
    List<String> signingSecrets(String workspaceId, Instant now) {
        return jdbc.sql("""
                        select signing_secret, previous_signing_secret, previous_secret_expires_at
                        from notification_settings where workspace_id = ?""").param(workspaceId)
                .query((rs, n) -> {
                    Instant expires = Times.read(rs, "previous_secret_expires_at");
                    String previous = rs.getString("previous_signing_secret");
                    return previous != null && expires != null && expires.isAfter(now)
                            ? List.of(rs.getString("signing_secret"), previous)
                            : List.of(rs.getString("signing_secret"));
                })
                .optional().orElseThrow();
    }

    static String newSigningSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    static List<EventType> parseEvents(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return Arrays.stream(stored.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(EventType::valueOf)
                .sorted().toList();
    }

    static String joinEvents(java.util.Collection<EventType> events) {
        return events.stream().distinct().sorted().map(Enum::name).collect(Collectors.joining(","));
    }
}
