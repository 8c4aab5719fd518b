package io.connectionhealth.signal.ui;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.signal.ApiCall;
import io.connectionhealth.signal.ApiCallFilter;
import io.connectionhealth.signal.ApiCallLog;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The API call log of a filter as CSV (RFC 4180 quoting), newest first, read page by page so memory stays flat.
 * Text cells that a spreadsheet would run as a formula (starting with = + - @) get a leading apostrophe.
 */
final class CsvExport {

    static final int MAX_ROWS = 100_000;
    static final List<String> HEADER = List.of("id", "created_at", "connection_id", "integration_type", "type", "method",
            "path", "status", "timed_out", "duration_ms", "size", "external_xref", "error_origin", "health_name",
            "resolution_owner", "effect", "rule", "error");

    private CsvExport() {
    }

    static int write(Writer out, ApiCallLog log, Actor actor, ApiCallFilter filter, int maxRows) throws IOException {
        line(out, HEADER);
        int written = 0;
        while (written < maxRows) {
            int size = Math.min(PageRequest.MAX_LIMIT, maxRows - written);
            List<ApiCall> page = log.list(actor, filter, true, PageRequest.of(size, written));
            for (ApiCall c : page) {
                line(out, List.of(c.id(), String.valueOf(c.createdAt()), text(c.connectionId()), text(c.integrationType()),
                        c.type().apiName(), text(c.method()), text(c.path()), c.status() == null ? "" : c.status().toString(),
                        String.valueOf(c.timedOut()), c.durationMs() == null ? "" : c.durationMs().toString(),
                        c.size() == null ? "" : c.size().toString(), text(c.externalXref()), c.errorOrigin().name(),
                        c.classification().healthName() == null ? "" : c.classification().healthName().name(),
                        c.classification().resolutionOwner() == null ? "" : c.classification().resolutionOwner().name(),
                        c.classification().effect().name(), text(c.classification().rule()), text(c.error())));
            }
            written += page.size();
            if (page.size() < size) {
                break;
            }
        }
        out.flush();
        return written;
    }

    static String text(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
