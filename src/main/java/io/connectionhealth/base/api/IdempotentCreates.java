package io.connectionhealth.base.api;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.Times;
import io.connectionhealth.base.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
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
    /** Keys deleted per transaction by {@link #purge}. */
    public static final int PURGE_BATCH = 5_000;
    /** How long a key is kept at least: the retention purge deletes older ones. */
    public static final Duration KEPT = Duration.ofHours(24);

    /** The header's description in the API's. */
    public static final String DESCRIPTION = "Optional; makes the request safe to send again. The same key with the "
            + "same body, within 24 hours, answers 201 with what the first request created (as it is now) and the "
            + "header Idempotent-Replayed: true, instead of creating it again; the same key with another body is a 422. "
            + "A UUID per request, say: 1 to 255 printable ASCII characters.";

    public static final String REPLAYED_DESCRIPTION = "Present (true) when the answer repeats what an earlier request "
            + "with the same Idempotency-Key created; nothing was created this time";

    /** The creates a key can be sent with; a key serves one of each. */
    public enum Operation {
        CONNECTIONS("connections", "connection"), JOB_RUNS("jobruns", "job run");

        /** As stored in idempotency_key.operation. */
        final String stored;
        final String created;

        Operation(String stored, String created) {
            this.stored = stored;
            this.created = created;
        }
    }

    /** What the request created, or, when {@code replayed}, what the first request with its key created. */
    public record Created<T>(T value, boolean replayed) {
    }

    private record Prior(String requestHash, String resourceId) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transactions;
    private final Clock clock;

    IdempotentCreates(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @param operation what the key is for: one key may serve one of each
     * @param header    the header as sent, or null: then this only creates
     * @param body      the request's body, whose hash tells a retry from another request reusing the key
     * @param create    creates, in the transaction that records the key; a body it refuses records nothing
     * @param read      reads what an earlier request created, by its id
     */
    public <T> Created<T> create(Actor actor, Operation operation, @Nullable String header, JsonNode body,
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
                        .params(actor.workspaceId(), operation.stored, key, hash, idOf.apply(value),
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

    /** The header's one value, or null without it; sent twice it is refused (a client would join two keys into one). */
    public static @Nullable String keyOf(HttpServletRequest request) {
        List<String> values;
        try {
            values = Collections.list(request.getHeaders(HEADER));
        } catch (org.springframework.security.web.firewall.RequestRejectedException notAscii) {
            // Spring Security's firewall refuses a value with bytes outside ISO-8859-1's printable ones (a UTF-8 key)
            throw ValidationException.of(HEADER, "must be 1 to " + MAX_KEY + " printable ASCII characters (a UUID, "
                    + "say)");
        }
        if (values.size() > 1) {
            throw ValidationException.of(HEADER, "was sent " + values.size() + " times; send one key");
        }
        return values.isEmpty() ? null : values.getFirst();
    }

    /** 201 with the Location, and whether it repeats an earlier request's. */
    public static <T> ResponseEntity<T> answer(String location, Created<T> created) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.created(URI.create(location));
        if (created.replayed()) {
            answer.header(REPLAYED, "true");
        }
        return answer.body(created.value());
    }

    /**
     * Deletes the keys older than {@link #KEPT}, a batch per transaction as the other purges do (a million in one
     * statement held H2 for 38 s): a batch of them read by the time index, then deleted by key (index lookups on both
     * databases; H2 took minutes for a delete whose IN held a subquery of row values). Returns how many.
     */
    public long purge() {
        java.time.OffsetDateTime before = Times.sql(clock.instant().minus(KEPT));
        long total = 0;
        int deleted;
        do {
            deleted = Objects.requireNonNull(transactions.execute(tx -> {
                List<Object[]> keys = jdbc.sql("select workspace_id, operation, idem_key from idempotency_key "
                                + "where created_at < ? fetch first " + PURGE_BATCH + " rows only").param(before)
                        .query((rs, n) -> new Object[]{rs.getString(1), rs.getString(2), rs.getString(3)}).list();
                if (!keys.isEmpty()) {
                    jdbcTemplate.batchUpdate("delete from idempotency_key where workspace_id = ? and operation = ? "
                            + "and idem_key = ?", keys);
                }
                return keys.size();
            }));
            total += deleted;
        } while (deleted == PURGE_BATCH);
        return total;
    }

    private <T> Created<T> replay(Prior prior, String hash, Function<String, T> read, Operation operation) {
        if (!prior.requestHash().equals(hash)) {
            throw new IdempotencyKeyException(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
                    "This Idempotency-Key was sent before with another body: a key names one request, sent again "
                    + "unchanged. Use a new key for a new request.");
        }
        try {
            return new Created<>(read.apply(prior.resourceId()), true);
        } catch (NotFoundException gone) {
            throw new IdempotencyKeyException(HttpStatus.CONFLICT, "Created before, deleted since",
                    "This Idempotency-Key created " + operation.created + " " + prior.resourceId()
                    + ", which has been deleted since; nothing was created again.");
        }
    }

    private Optional<Prior> find(String workspaceId, Operation operation, String key) {
        return jdbc.sql("select request_hash, resource_id from idempotency_key where workspace_id = ? and operation = ? "
                        + "and idem_key = ?").params(workspaceId, operation.stored, key)
                .query((rs, n) -> new Prior(rs.getString("request_hash"), rs.getString("resource_id"))).optional();
    }

    /**
     * The key as sent (HTTP drops spaces at its ends), or as the draft's structured-field string ({@code "…"}): 1 to
     * 255 printable ASCII characters (spaces inside included). Anything else is refused, not changed: two clients' keys
     * must not fold into one.
     */
    static String key(String header) {
        String key = header.length() >= 2 && header.startsWith("\"") && header.endsWith("\"")
                ? header.substring(1, header.length() - 1) : header;
        boolean printable = !key.isEmpty() && key.length() <= MAX_KEY && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
        if (!printable) {
            throw ValidationException.of(HEADER, "must be 1 to " + MAX_KEY + " printable ASCII characters (a UUID, "
                    + "say); was '" + ValidationException.clip(header) + "'");
        }
        return key;
    }

    /**
     * Of the body as parsed, written out with its properties sorted and null ones left out (a POST reads a null as a
     * missing field): a retry whose JSON is spaced, escaped or ordered otherwise is the same request. Streamed into the
     * digest: a copy of a 16 MiB body as text had run the heap out with a dozen such requests at once (an audit).
     */
    private static String hash(JsonNode body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                CANONICAL.writeValue(out, body);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a null stream fails nothing
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .disable(JsonNodeFeature.WRITE_NULL_PROPERTIES)
            .build();
}
