package io.connectionhealth.signal.ui;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ui.Csv;
import io.connectionhealth.signal.ApiCall;
import io.connectionhealth.signal.ApiCallFilter;
import io.connectionhealth.signal.SignalLog;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import static io.connectionhealth.base.ui.Csv.text;
import static io.connectionhealth.base.ui.Csv.value;

/**
 * The API call log of a filter as CSV, in the grid's order, read page by page so memory stays flat; each page reads on
 * from the last call written, since an offset re-reads every call before it (a filtered export of 63,000 calls took
 * 16 minutes, slowing as it went).
 */
final class ApiCallsCsv {

    static final int MAX_ROWS = 100_000;
    static final List<String> HEADER = List.of("id", "created_at", "connection_id", "integration_type", "type", "method",
            "path", "status", "timed_out", "duration_ms", "size", "external_xref", "error_origin", "health_name",
            "resolution_owner", "effect", "rule", "error");

    private ApiCallsCsv() {
    }

    static int write(Writer out, SignalLog log, Actor actor, ApiCallFilter filter, boolean newestFirst, int maxRows)
            throws IOException {
        return Csv.<ApiCall>write(out, HEADER, maxRows, (page, last) -> last == null
                ? log.list(actor, filter, newestFirst, page) : log.listAfter(actor, filter, newestFirst, last, page.limit()), c -> List.of(text(c.id()),
                value(c.createdAt()), text(c.connectionId()), text(c.integrationType()), c.type().apiName(),
                text(c.method()), text(c.path()), value(c.status()), String.valueOf(c.timedOut()), value(c.durationMs()),
                value(c.size()), text(c.externalXref()), c.errorOrigin().name(), value(c.classification().healthName()),
                value(c.classification().resolutionOwner()), c.classification().effect().name(),
                text(c.classification().rule()), text(c.error())));
    }
}
