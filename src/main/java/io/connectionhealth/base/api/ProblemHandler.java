package io.connectionhealth.base.api;

import io.connectionhealth.base.ForbiddenException;
import io.connectionhealth.base.NotFoundException;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.base.sql.DiskFullAlarm;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Every API error as RFC 9457 problem details, with an {@code errors} array for validation failures. */
@RestControllerAdvice(basePackages = "io.connectionhealth")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    /** Where Jackson says it was reading, with its own internals in it: the location is given as line and column. */
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?(start marker )?at \\[Source: [^\\]]*\\]\\)?");
    /**
     * The parser's own names in its reasons ("from `StreamReadConstraints.getMaxNestingDepth()`", "enable
     * `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow", "(bound as `tools.jackson.databind.JsonNode`)"), which
     * tell a client nothing it can act on.
     */
    private static final Pattern INTERNALS = Pattern.compile(",? from `[^`]*`|:? enable `[^`]*` to allow"
            + "| \\(bound as `[^`]*`\\)|:? not allowed as per `[^`]*`| \\(`JsonToken\\.[A-Z_]+`\\)");

    private final DiskFullAlarm diskFullAlarm;

    public ProblemHandler(DiskFullAlarm diskFull) {
        this.diskFullAlarm = diskFull;
    }

    @ExceptionHandler(ValidationException.class)
    ProblemDetail validation(ValidationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("errors", e.errors().stream().map(ProblemHandler::error).toList());
        return problem;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(IdempotencyKeyException.class)
    ProblemDetail idempotencyKey(IdempotencyKeyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        return problem;
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Forbidden");
        return problem;
    }

    /**
     * Tomcat could not read the parameters (a form body; a query string is checked before, by KnownQueryParameters):
     * a broken escape, too many parameters, a body over its limit. Its status (400, or 413) and its reason are kept.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail unreadableParameters(InvalidParameterException e) {
        HttpStatus status = HttpStatus.resolve(e.getErrorCode());
        if (status == null || !status.is4xxClientError()) {
            status = HttpStatus.BAD_REQUEST;
        }
        String reason = e.getMessage() == null ? "" : e.getMessage().split("(?<=\\.) ", 2)[0];
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "The request's parameters could not be read ("
                + reason + "). The API takes bodies as JSON, with Content-Type: application/json");
        problem.setTitle("Invalid request");
        return problem;
    }

    /**
     * The database is unreachable (a pool that gets no connection, also when a transaction begins): a fault of the
     * moment, not of the request. A key checked in the last seconds comes from a cache, so the first failure is
     * often the transaction's.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    public ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        if (diskFullAlarm.check(e)) {
            return diskFull(e);
        }
        log.warn("Answered 503: the database cannot be reached ({})", e.getMessage());
        return unavailable(Problems.DATABASE_UNAVAILABLE);
    }

    /** A fault of the moment too, which a client should hear named: sending again helps only once space is freed. */
    private ResponseEntity<ProblemDetail> diskFull(Exception e) {
        log.warn("Answered 503: the database's disk is full ({})", e.getMessage());
        return unavailable(Problems.DISK_FULL);
    }

    /**
     * The transaction's end failed (its commit or rollback lost the connection): unlike a failure before it, what was
     * written may have been committed. Seen in an outage audit: a 500 saying "stored nothing" for calls that were stored.
     */
    @ExceptionHandler(TransactionSystemException.class)
    public ResponseEntity<ProblemDetail> outcomeUnknown(TransactionSystemException e) {
        if (diskFullAlarm.check(e) || diskFullAlarm.check(e.getApplicationException())) {
            // a full disk wrote nothing: neither the work nor its commit reached the file
            return diskFull(e);
        }
        log.warn("Answered 503: the transaction's end failed, its outcome is unknown ({})", e.getMessage());
        return unavailable(Problems.OUTCOME_UNKNOWN);
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", Problems.RETRY_AFTER_SECONDS)
                .body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (diskFullAlarm.check(e)) {
            return diskFull(e);
        }
        log.error("Unexpected error answering an API request", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred. " + Problems.PARTLY_DONE + " The server log has the details.");
        problem.setTitle("Internal error");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    /**
     * Says what to send: a client that forgot the header (curl -d sends a form) learns the fix from the answer.
     * 400, not HTTP's usual 415: SPEC §5 answers every fault of a request's body with 400, the size alone excepted.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String sent = ex.getContentType() != null ? ex.getContentType().toString() : request.getHeader("Content-Type");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Content-Type '" + sent
                + "' is not accepted here (without the header a body counts as application/octet-stream); "
                + "send the body as JSON with Content-Type: application/json");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(error(new ValidationException.FieldError(null, "Content-Type",
                "must be application/json"))));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = ex;
        while (cause != null) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                        Problems.tooLarge(tooLarge.getMessage(), path(request)));
                problem.setTitle("Payload Too Large");
                return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
            }
            if (cause instanceof BodyEncodingException encoding) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, encoding.getMessage());
                problem.setTitle("Unreadable body");
                problem.setProperty("errors", List.of(error(new ValidationException.FieldError(null, encoding.field(),
                        encoding.problem()))));
                return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
            }
            cause = cause.getCause();
        }
        if (ex.getMostSpecificCause() == ex) {
            // Spring's own message names the controller method's signature
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request has no body; send a JSON body with Content-Type: application/json");
            problem.setTitle("Missing body");
            problem.setProperty("errors",
                    List.of(error(new ValidationException.FieldError(null, "body", "is required"))));
            return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON: " + jsonReason(ex.getMostSpecificCause()));
        problem.setTitle("Malformed JSON");
        problem.setProperty("errors", List.of(error(new ValidationException.FieldError(null, "body", "is not valid JSON"))));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** The parser's reason and where it stopped, without the parser's internals ("Source: REDACTED (…)"). */
    static String jsonReason(Throwable cause) {
        String reason = cause instanceof JacksonException json ? json.getOriginalMessage() : cause.getMessage();
        reason = reason == null ? "unreadable" : INTERNALS.matcher(SOURCE.matcher(reason.split("\n")[0]).replaceAll(""))
                .replaceAll("").strip();
        if (reason.length() > 300) {
            reason = reason.substring(0, 300) + "…";
        }
        if (cause instanceof JacksonException json && json.getLocation() != null
                && json.getLocation().getLineNr() > 0) {
            reason += " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
        }
        return reason;
    }

    private static Map<String, Object> error(ValidationException.FieldError e) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (e.index() != null) {
            map.put("index", e.index());
        }
        map.put("field", e.field());
        map.put("message", e.message());
        return map;
    }
}
