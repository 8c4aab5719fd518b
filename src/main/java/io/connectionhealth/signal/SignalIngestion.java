package io.connectionhealth.signal;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.AfterCommit;
import io.connectionhealth.base.Ids;
import io.connectionhealth.base.Times;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.ValidationException.FieldError;
import io.connectionhealth.connection.ConnectionRef;
import io.connectionhealth.connection.ConnectionService;
import io.connectionhealth.connection.ConnectionSignal;
import io.connectionhealth.health.ApiCallFacts;
import io.connectionhealth.health.ApiCallRules;
import io.connectionhealth.health.Classification;
import io.connectionhealth.health.Effect;
import io.connectionhealth.health.ErrorOrigin;
import io.connectionhealth.health.ExportDetail;
import io.connectionhealth.health.JobRunFacts;
import io.connectionhealth.health.JobRunRules;
import io.connectionhealth.notification.Trigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The way in for signals: validate the whole request, classify, store (COPY on PostgreSQL, JDBC batches on H2), then
 * move the touched connections' health — all in one transaction, so a request is stored whole or not at all.
 */
@Service
public class SignalIngestion {

    public static final int MAX_BATCH = 10_000;
    /** 8 KiB of UTF-8 (SPEC: "kept up to 8 KiB"). */
    public static final int MAX_ERROR_BYTES = 8192;
    public static final int MAX_EXPORTS = 100;
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int ATTEMPTS = 3;

    private final ConnectionService connections;
    private final SignalStore store;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter jobRuns;

    SignalIngestion(ConnectionService connections, SignalStore store, TransactionTemplate transactions, Clock clock,
                    MeterRegistry meters) {
        this.connections = connections;
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.stored = Counter.builder("connection_health.api_calls.stored")
                .description("API calls stored, in requests that were accepted").register(meters);
        this.duplicates = Counter.builder("connection_health.api_calls.duplicates")
                .description("API calls sent again with a client id already stored (not stored twice)").register(meters);
        this.jobRuns = Counter.builder("connection_health.job_runs.stored").description("Job runs stored")
                .register(meters);
    }

    /** A batch: errors name the position of each bad item. */
    public IngestResult ingestApiCalls(Actor actor, List<ApiCallInput> inputs) {
        return counted(ingest(actor, inputs, true));
    }

    /** Counted once committed, as the events are: a caller's transaction rolled back stored nothing. */
    private IngestResult counted(IngestResult result) {
        AfterCommit.run(() -> {
            stored.increment(result.accepted());
            duplicates.increment(result.duplicates());
        });
        return result;
    }

    /**
     * What the rules find wrong with the well-formed items of a batch whose other items were malformed, so that one
     * answer lists every error; {@code positions} are the items' places in the batch. Stores nothing.
     */
    public List<FieldError> problems(Actor actor, List<ApiCallInput> inputs, List<Integer> positions) {
        actor.requireReporting();
        List<FieldError> errors = new ArrayList<>();
        validateAll(actor.workspaceId(), inputs, refs(actor.workspaceId(), inputs), positions::get,
                Times.micros(clock.instant()), errors);
        return errors;
    }

    /** The connections the inputs name, read at once. */
    private Map<String, ConnectionRef> refs(String workspaceId, List<ApiCallInput> inputs) {
        Set<String> connectionIds = new LinkedHashSet<>();
        for (ApiCallInput in : inputs) {
            if (in.connectionId() != null) {
                connectionIds.add(in.connectionId());
            }
        }
        return connections.refs(workspaceId, connectionIds);
    }

    /** Validates and classifies each input; the errors of input {@code i} carry {@code position.apply(i)}. */
    private List<Classified> validateAll(String workspaceId, List<ApiCallInput> inputs, Map<String, ConnectionRef> refs,
                                         IntFunction<Integer> position, Instant now, List<FieldError> errors) {
        List<Classified> calls = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            calls.add(validate(position.apply(i), inputs.get(i), refs, now, workspaceId, errors));
        }
        return calls;
    }

    /** A single call: errors name no position. */
    public IngestResult ingestApiCall(Actor actor, ApiCallInput input) {
        return counted(ingest(actor, List.of(input), false));
    }

    private IngestResult ingest(Actor actor, List<ApiCallInput> inputs, boolean batch) {
        actor.requireReporting();
        if (inputs.isEmpty()) {
            return new IngestResult(0, 0); // "up to 10,000" (SPEC §5): a client flushing an empty buffer
        }
        if (inputs.size() > MAX_BATCH) {
            throw ValidationException.of("body", "at most " + MAX_BATCH + " API calls per request, got " + inputs.size());
        }
        Instant now = Times.micros(clock.instant());
        List<FieldError> errors = new ArrayList<>();
        Map<String, ConnectionRef> refs = refs(actor.workspaceId(), inputs);
        List<Classified> calls = validateAll(actor.workspaceId(), inputs, refs, i -> batch ? i : null, now, errors);
        if (!errors.isEmpty()) {
            throw ValidationException.invalid(batch ? errors.size() + " error(s) in " + inputs.size() + " API calls"
                    : "The API call is not valid", errors);
        }
        for (int attempt = 1; ; attempt++) {
            // the first attempt stores without looking for ids stored before (a client's retry is rare, and looking
            // cost a quarter of the database's time per batch); a duplicate fails it, and the next attempt looks
            boolean lookFirst = attempt > 1;
            try {
                return Objects.requireNonNull(transactions.execute(tx -> storeCalls(actor, calls, refs, lookFirst)));
            } catch (DuplicateKeyException duplicate) {
                if (attempt == ATTEMPTS) {
                    throw duplicate;
                }
            }
        }
    }

    /**
     * A valid call and the rules' verdict on it, with the connection's enrichment category as read; {@code otherwise}
     * is the verdict had it been the other way, when that differs (ConnectionSignal).
     */
    private record Classified(ApiCall call, Classification rules, boolean enrichment, Classification otherwise) {
    }

    private IngestResult storeCalls(Actor actor, List<Classified> calls, Map<String, ConnectionRef> refs,
                                    boolean lookFirst) {
        Set<String> seen = new HashSet<>();
        List<Classified> unique = new ArrayList<>(calls.size());
        for (Classified c : calls) {
            if (seen.add(c.call().id())) {
                unique.add(c);
            }
        }
        // stored in id order, as every writer does: two batches sharing ids in other orders each waited for a row the
        // other had written and not committed, until the lock timeout (H2 finds no such deadlock: 500s, stalls)
        List<ApiCall> uniqueCalls = unique.stream().map(Classified::call).sorted(Comparator.comparing(ApiCall::id))
                .toList();
        Instant receivedAt = Times.micros(clock.instant());
        List<Classified> fresh;
        if (lookFirst) {
            Set<String> stored = store.insertNewCalls(actor.workspaceId(), uniqueCalls, receivedAt);
            fresh = unique.stream().filter(c -> stored.contains(c.call().id())).toList();
        } else {
            store.insertCalls(uniqueCalls, receivedAt);
            fresh = unique;
        }
        List<ConnectionSignal> signals = new ArrayList<>();
        for (Classified c : fresh) {
            ApiCall call = c.call();
            if (call.connectionId() != null && refs.get(call.connectionId()).active()
                    && (c.rules().effect() != Effect.NONE || c.otherwise() != null)) {
                signals.add(new ConnectionSignal(call.connectionId(), call.createdAt(), c.rules(),
                        new Trigger("api_call", call.id()), c.enrichment(), c.otherwise()));
            }
        }
        List<ConnectionSignal> reclassified = connections.applySignals(actor.workspaceId(), signals);
        if (!reclassified.isEmpty()) {
            // the stored call says what moved the connection
            store.reclassifyCalls(actor.workspaceId(), reclassified.stream().collect(Collectors.toMap(
                    s -> s.trigger().id(), ConnectionSignal::classification)));
        }
        return new IngestResult(fresh.size(), calls.size() - fresh.size());
    }

    public JobRun ingestJobRun(Actor actor, JobRunInput in) {
        actor.requireReporting();
        Instant now = Times.micros(clock.instant());
        List<FieldError> errors = new ArrayList<>();
        ConnectionRef ref = null;
        if (in.connectionId() == null || in.connectionId().isBlank()) {
            errors.add(new FieldError(null, "connection_id", "is required"));
        } else {
            ref = connections.refs(actor.workspaceId(), List.of(in.connectionId())).get(in.connectionId());
            if (ref == null) {
                errors.add(new FieldError(null, "connection_id", "names no connection of this workspace: "
                        + ValidationException.clip(in.connectionId())));
            }
        }
        Instant finished = Times.micros(in.finishedAt());
        Instant started = Times.micros(in.startedAt());
        if (finished == null) {
            errors.add(new FieldError(null, "finished_at", "is required"));
        } else if (finished.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            errors.add(new FieldError(null, "finished_at", "is more than 5 minutes in the future"));
        }
        if (started != null && finished != null && started.isAfter(finished)) {
            errors.add(new FieldError(null, "started_at", "is after finished_at"));
        }
        if (in.error() != null && in.error().isBlank()) {
            // the rules read a blank error as none, while the run would be stored showing one
            errors.add(new FieldError(null, "error", "must not be blank: leave it out when the run had no error"));
        }
        List<ExportInput> exports = in.exports() == null ? List.of() : in.exports();
        if (exports.size() > MAX_EXPORTS) {
            errors.add(new FieldError(null, "exports", "must hold at most " + MAX_EXPORTS + " exports, held "
                    + exports.size()));
        }
        Set<String> exportTypes = new HashSet<>();
        for (int i = 0; i < exports.size(); i++) {
            ExportInput e = exports.get(i);
            String field = "exports[" + i + "]";
            if (e.dataExportType() == null || e.dataExportType().isBlank() || e.dataExportType().length() > 100) {
                errors.add(new FieldError(null, field + ".data_export_type", "is required, at most 100 characters"));
            } else if (!exportTypes.add(e.dataExportType().strip().toLowerCase(Locale.ROOT))) {
                // SPEC §2b: one entry per data export type; two verdicts for one export would contradict each other
                errors.add(new FieldError(null, field + ".data_export_type", "'" + e.dataExportType()
                        + "' appears more than once; send one entry per data export type"));
            }
            if (e.endpoint() != null && e.endpoint().length() > 2048) {
                errors.add(new FieldError(null, field + ".endpoint", "must be at most 2048 characters"));
            }
            if (e.status() == null) {
                // SPEC §2b: each export carries its HTTP status; without one it would silently count as a success
                errors.add(new FieldError(null, field + ".status", "is required: the HTTP status the export got (100-599); "
                        + "report an export that got no answer with the run's error or timed_out"));
            } else if (e.status() < 100 || e.status() > 599) {
                errors.add(new FieldError(null, field + ".status", "must be between 100 and 599, was " + e.status()));
            }
        }
        if (!errors.isEmpty()) {
            throw ValidationException.invalid("The job run is not valid", errors);
        }
        List<ExportInput> cutExports = exports.stream().map(e -> new ExportInput(e.dataExportType(), e.endpoint(),
                e.status(), cut(e.error()))).toList();
        Classification c = JobRunRules.classify(new JobRunFacts(in.timedOut(), in.error() != null && !in.error().isBlank(),
                in.errorOrigin(), cutExports.stream().map(e -> new ExportDetail(e.dataExportType(), e.endpoint(), e.status())).toList()));
        ErrorOrigin origin = in.errorOrigin() == null ? ErrorOrigin.VENDOR : in.errorOrigin();
        JobRun run = new JobRun(Ids.timeOrdered(now), actor.workspaceId(), in.connectionId(), ref.integrationType(), started,
                finished, in.timedOut(), cut(in.error()), origin, cutExports,
                new JobRunClassification(c.healthName(), c.resolutionOwner(), c.effect(), c.rule(), c.explanation(), c.details()));
        boolean moves = ref.active();
        JobRun kept = transactions.execute(tx -> {
            store.insertJobRun(run, c.unhealthyCode(), now);
            if (moves) {
                connections.applySignals(actor.workspaceId(), List.of(new ConnectionSignal(run.connectionId(),
                        run.finishedAt(), c, new Trigger("job_run", run.id()))));
            }
            return run;
        });
        AfterCommit.run(jobRuns::increment);
        return kept;
    }

    private Classified validate(Integer index, ApiCallInput in, Map<String, ConnectionRef> refs, Instant now, String workspaceId,
                             List<FieldError> errors) {
        int before = errors.size();
        if (in.id() != null && (in.id().isBlank() || in.id().length() > 64)) {
            errors.add(new FieldError(index, "id", "must be 1 to 64 characters"));
        }
        ConnectionRef ref = null;
        if (in.connectionId() != null) {
            ref = refs.get(in.connectionId());
            if (ref == null) {
                errors.add(new FieldError(index, "connection_id", "names no connection of this workspace: "
                        + ValidationException.clip(in.connectionId())));
            }
        }
        Instant createdAt = in.createdAt() == null ? now : Times.micros(in.createdAt());
        if (createdAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            errors.add(new FieldError(index, "created_at", "is more than 5 minutes in the future"));
        }
        if (in.status() == null && !in.timedOut()) {
            errors.add(new FieldError(index, "status", "is required unless timed_out is true"));
        } else if (in.status() != null && (in.status() < 100 || in.status() > 599)) {
            errors.add(new FieldError(index, "status", "must be between 100 and 599, was " + in.status()));
        }
        checkLength(errors, index, "method", in.method(), 16);
        checkLength(errors, index, "path", in.path(), 2048);
        checkLength(errors, index, "external_xref", in.externalXref(), 256);
        if (in.durationMs() != null && in.durationMs() < 0) {
            errors.add(new FieldError(index, "duration_ms", "must be 0 or more"));
        }
        if (in.size() != null && in.size() < 0) {
            errors.add(new FieldError(index, "size", "must be 0 or more"));
        }
        if (errors.size() > before) {
            return null;
        }
        ErrorOrigin origin = in.errorOrigin() == null ? ErrorOrigin.VENDOR : in.errorOrigin();
        boolean enrichment = ref != null && ref.enrichment();
        ApiCallFacts facts = new ApiCallFacts(in.timedOut(), in.status(), origin, enrichment);
        Classification c = ApiCallRules.classify(facts);
        Classification otherwise = ref == null || !ApiCallRules.enrichmentMatters(facts) ? null
                : ApiCallRules.classify(new ApiCallFacts(in.timedOut(), in.status(), origin, !enrichment));
        return new Classified(new ApiCall(in.id() == null ? Ids.timeOrdered(createdAt) : in.id(), workspaceId, in.connectionId(),
                ref == null ? null : ref.integrationType(), createdAt, in.type() == null ? ApiCallType.INBOUND : in.type(),
                in.method(), in.path(), in.status(), in.timedOut(), cut(in.error()), origin, in.durationMs(), in.size(),
                in.externalXref(),
                new CallClassification(c.healthName(), c.resolutionOwner(), c.effect(), c.rule(), c.explanation())), c,
                enrichment, c.equals(otherwise) ? null : otherwise);
    }

    private static void checkLength(List<FieldError> errors, Integer index, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(index, field, "must be at most " + max + " characters"));
        }
    }

    /**
     * Errors are kept up to 8 KiB of UTF-8; a longer one is cut, and says so. The cut falls between characters, never
     * inside one (a non-Latin error is cut after fewer characters than a Latin one).
     */
    static String cut(String error) {
        if (error == null || utf8Length(error, 0, error.length()) <= MAX_ERROR_BYTES) {
            return error;
        }
        String marker = "… [cut: " + error.codePointCount(0, error.length()) + " characters in all]";
        int budget = MAX_ERROR_BYTES - utf8Length(marker, 0, marker.length());
        int end = 0;
        for (int used = 0; end < error.length(); ) {
            int next = end + Character.charCount(error.codePointAt(end));
            used += utf8Length(error, end, next);
            if (used > budget) {
                break;
            }
            end = next;
        }
        return error.substring(0, end) + marker;
    }

    /** The UTF-8 length of {@code text[from, to)}, without encoding it (a lone surrogate counts 3, an upper bound). */
    static int utf8Length(String text, int from, int to) {
        int bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
