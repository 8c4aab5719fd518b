package io.connectionhealth.base.api;

import io.connectionhealth.base.sql.DatabaseDown;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes a minimal problem+json answer where no controller runs (filters, the security entry point). */
public final class Problems {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /** What to do about a body over the limit: for the API call batches, send fewer calls at a time. */
    static String tooLarge(String reason, String path) {
        return reason + (path != null && path.endsWith("/apicalls")
                ? ". Send fewer API calls per request (at most 10,000), or shorter ones." : ".");
    }

    /**
     * What a failed request may have done: a write of one thing is one transaction, but a replay, a re-enabling and a
     * new webhook URL commit their change and then queue the events in chunks, each in a transaction of its own.
     */
    static final String PARTLY_DONE = "A request that stores signals, a connection or a setting stored nothing of it; "
            + "a replay, a re-enabling or a new webhook URL may have been done in part (read the settings and the "
            + "events again: sending it again is safe).";
    static final String DATABASE_UNAVAILABLE = "The database cannot be reached. " + PARTLY_DONE + " Send it again "
            + "shortly.";
    static final String OUTCOME_UNKNOWN = "The connection to the database was lost as the request ended, so it may "
            + "have been stored or not. Signals sent again with the same ids count as duplicates if they were, and a "
            + "connection or job run sent again with the same Idempotency-Key is created once; read a connection or the "
            + "settings before sending a change of them again.";
    static final String DISK_FULL = "The database's disk is full, so nothing more can be stored until space is "
            + "freed. " + PARTLY_DONE + " Send it again later.";
    public static final String RETRY_AFTER_SECONDS = "30";

    /** 503 with Retry-After, for a request that found the database unreachable. */
    public static void databaseUnavailable(HttpServletRequest request, HttpServletResponse response, Exception cause)
            throws IOException {
        boolean diskFull = DatabaseDown.diskFull(cause);
        LOG.warn("Answered 503: {} ({})", diskFull ? "the database's disk is full" : "the database cannot be reached",
                cause.getMessage());
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        write(response, 503, "Service unavailable", diskFull ? DISK_FULL : DATABASE_UNAVAILABLE,
                request.getRequestURI());
    }

    /**
     * A problem written before or outside Spring MVC, shaped as the problem handler's are: no {@code type} (it would be
     * "about:blank"), and the request's path as {@code instance} unless null (a path the firewall refused).
     */
    public static void write(HttpServletResponse response, int status, String title, String detail, String instance)
            throws IOException {
        write(response, status, title, detail, instance, null, null);
    }

    /** The same with one entry in {@code errors}, the field (a header's name here) and what it must be. */
    static void write(HttpServletResponse response, int status, String title, String detail, String instance,
                      String field, String message) throws IOException {
        response.setStatus(status);
        // as Spring MVC's problems: JSON is UTF-8 and takes no charset parameter (RFC 8259), so the type is exactly this
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"title\":\"" + escape(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + escape(detail) + "\""
                + (instance == null ? "" : ",\"instance\":\"" + escape(instance) + "\"")
                + (field == null ? "" : ",\"errors\":[{\"field\":\"" + escape(field) + "\",\"message\":\""
                + escape(message) + "\"}]") + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The page a browser gets for an address the application cannot take: the status, why, and a way back. */
    public static String htmlPage(int status, String detail) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " · Connection Health"
                + "</title></head><body style=\"font-family:sans-serif;margin:3em\"><main><h1>" + status + "</h1><p>"
                + detail.replace("&", "&amp;").replace("<", "&lt;")
                + "</p><p><a href=\"/\">Open the dashboard</a></p></main></body></html>";
    }
}
