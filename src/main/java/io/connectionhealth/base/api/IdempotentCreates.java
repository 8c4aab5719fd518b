package io.connectionhealth.base.api;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.Times;
import io.connectionhealth.base.ValidationException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A POST that creates something, made safe to send again: with an {@code Idempotency-Key} header
 * (draft-ietf-httpapi-idempotency-key-header) the first request's work and the key are committed together, and the
 * same key with the same body afterwards answers with what the first created instead of creating it again. A client
 * whose request timed out cannot know whether it was stored; without a key, sending it again made a second connection.
 */
@Service
public class IdempotentCreates {

    public static final String HEADER = "Idempotency-Key";
    /** Set on an answer that repeats what an earlier request with the same key created. */
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final int MAX_KEY = 255;
    /** How long a key is kept at least: the retention purge deletes older ones. */
    public static final Duration KEPT = Duration.ofHours(24);

    /** The header's description in the API's. */
    public static final String DESCRIPTION = "Optional; makes the request safe to send again. The same key with the "
            + "same body, within 24 hours, answers 201 with what the first request created (as it is now) and the "
            + "header Idempotent-Replayed: true, instead of creating it again; the same key with another body is a 422. "
            + "A UUID per request, say: 1 to 255 visible ASCII characters.";

    public static final String REPLAYED_DESCRIPTION = "Present (true) when the answer repeats what an earlier request "
            + "with the same Idempotency-Key created; nothing was created this time";

    /** What the request created, or, when {@code replayed}, what the first request with its key created. */
    public record Created<T>(T value, boolean replayed) {
    }

    private record Prior(String requestHash, String resourceId) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    IdempotentCreates(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @param operation what the key is for ({@code connections}, {@code jobruns}): one key may serve one of each
     * @param header    the header as sent, or null: then this only creates
     * @param body      the request's body, whose hash tells a retry from another request reusing the key
     * @param create    creates, in the transaction that records the key; a body it refuses records nothing
     * @param read      reads what an earlier request created, by its id
     */
    public <T> Created<T> create(Actor actor, String operation, @Nullable String header, JsonNode body,
                                 Supplier<T> create, Function<T, String> idOf, Function<String, T> read) {
        if (header == null) {
            return new Created<>(create.get(), false);
        }
        String key = key(header);
        String hash = hash(body);
        Optional<Prior> prior = find(actor.workspaceId(), operation, key);
        if (prior.isPresent()) {
            return replay(prior.get(), hash, read, operation);
        }
        try {
            T created = transactions.execute(tx -> {
                T value = create.get();
                jdbc.sql("""
                                insert into idempotency_key (workspace_id, operation, idem_key, request_hash, resource_id,
                                    created_at) values (?, ?, ?, ?, ?, ?)""")
                        .params(actor.workspaceId(), operation, key, hash, idOf.apply(value),
                                Times.sql(Times.micros(clock.instant())))
                        .update();
                return value;
            });
            return new Created<>(created, false);
        } catch (DuplicateKeyException sentTwiceAtOnce) {
            // the same key twice at once: the first to commit stands, and this one's work was rolled back with the key
            Prior first = find(actor.workspaceId(), operation, key).orElseThrow(() -> sentTwiceAtOnce);
            return replay(first, hash, read, operation);
        }
    }

    /** 201 with the Location, and whether it repeats an earlier request's. */
    public static <T> ResponseEntity<T> answer(String location, Created<T> created) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.created(URI.create(location));
        if (created.replayed()) {
            answer.header(REPLAYED, "true");
        }
        return answer.body(created.value());
    }

    /** Deletes the keys older than {@link #KEPT}; returns how many. */
    public int purge() {
        return jdbc.sql("delete from idempotency_key where created_at < ?")
                .param(Times.sql(clock.instant().minus(KEPT))).update();
    }

    private <T> Created<T> replay(Prior prior, String hash, Function<String, T> read, String operation) {
        if (!prior.requestHash().equals(hash)) {
            throw new IdempotencyKeyException(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
                    "This Idempotency-Key was sent before with another body: a key names one request, sent again "
                    + "unchanged. Use a new key for a new request.");
        }
        try {
            return new Created<>(read.apply(prior.resourceId()), true);
        } catch (NotFoundException gone) {
            throw new IdempotencyKeyException(HttpStatus.CONFLICT, "Created before, deleted since",
                    "This Idempotency-Key created " + what(operation) + " " + prior.resourceId()
                    + ", which has been deleted since; nothing was created again.");
        }
    }

    private static String what(String operation) {
        return switch (operation) {
            case "connections" -> "connection";
            case "jobruns" -> "job run";
            default -> operation;
        };
    }

    private Optional<Prior> find(String workspaceId, String operation, String key) {
        return jdbc.sql("select request_hash, resource_id from idempotency_key where workspace_id = ? and operation = ? "
                        + "and idem_key = ?").params(workspaceId, operation, key)
                .query((rs, n) -> new Prior(rs.getString("request_hash"), rs.getString("resource_id"))).optional();
    }

    /**
     * The key as sent (HTTP drops spaces at its ends), or as the draft's structured-field string ({@code "…"}): 1 to
     * 255 visible ASCII characters, spaces inside allowed. Anything else is refused, not changed: two clients' keys
     * must not fold into one.
     */
    static String key(String header) {
        String key = header.length() >= 2 && header.startsWith("\"") && header.endsWith("\"")
                ? header.substring(1, header.length() - 1) : header;
        boolean visible = !key.isEmpty() && key.length() <= MAX_KEY && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
        if (!visible) {
            throw ValidationException.of(HEADER, "must be 1 to " + MAX_KEY + " visible ASCII characters (a UUID, "
                    + "say); was '" + ValidationException.clip(header) + "'");
        }
        return key;
    }

    /** Of the body as parsed: a retry whose JSON is spaced or escaped differently is the same request. */
    private static String hash(JsonNode body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
