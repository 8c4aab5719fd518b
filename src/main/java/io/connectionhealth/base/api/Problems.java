package io.connectionhealth.base.api;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes a minimal problem+json answer where no controller runs (filters, the security entry point). */
public final class Problems {

    private Problems() {
    }

    /** What to do about a body over the limit: for the API call batches, send fewer calls at a time. */
    static String tooLarge(String reason, String path) {
        return reason + (path != null && path.endsWith("/apicalls") ? ". Send at most 10,000 API calls per request."
                : ". The limit is 16 MiB.");
    }

    public static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + escape(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + escape(detail) + "\"}");
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
