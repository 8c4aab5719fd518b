package io.connectionhealth.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.connectionhealth.base.PageRequest;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * CSV exports (RFC 4180 quoting, CRLF lines) and the link that downloads one. Text cells that a spreadsheet would run
 * as a formula (starting with = + - @, after any blanks) get a leading apostrophe.
 */
public final class Csv {

    /** Writes the rows of an export, page by page, so that memory stays flat. */
    @FunctionalInterface
    public interface Body {
        void write(Writer out) throws IOException;
    }

    private Csv() {
    }

    /** An "Export CSV" link; the file is named after {@code stem} and the time of the download. */
    public static Anchor downloadLink(String id, String stem, int maxRows, String what, Clock clock, Body body) {
        DownloadHandler csv = event -> {
            event.setFileName(stem + "-" + Instant.now(clock).truncatedTo(ChronoUnit.SECONDS)
                    .toString().replace(":", "") + ".csv");
            event.setContentType("text/csv; charset=utf-8");
            Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8);
            body.write(out);
            out.flush();
        };
        Anchor link = new Anchor(csv, AttachmentType.DOWNLOAD, "Export CSV");
        link.setId(id);
        link.setTitle(what + " (at most " + String.format(Locale.ROOT, "%,d", maxRows) + "; times in UTC, ISO 8601)");
        var icon = VaadinIcon.DOWNLOAD.create();
        icon.setSize("var(--lumo-icon-size-s)");
        link.getElement().insertChild(0, icon.getElement());
        return link;
    }

    /** Reads one page of the rows to export. */
    @FunctionalInterface
    public interface Pages<T> {
        List<T> fetch(PageRequest page);
    }

    /**
     * Writes the header and then the rows, a page of {@link PageRequest#MAX_LIMIT} at a time so that memory stays
     * flat, at most {@code maxRows} of them. Returns how many rows were written.
     */
    public static <T> int write(Writer out, List<String> header, int maxRows, Pages<T> pages,
                                Function<T, List<String>> cells) throws IOException {
        line(out, header);
        int written = 0;
        while (written < maxRows) {
            int size = Math.min(PageRequest.MAX_LIMIT, maxRows - written);
            List<T> page = pages.fetch(PageRequest.of(size, written));
            for (T row : page) {
                line(out, cells.apply(row));
            }
            written += page.size();
            if (page.size() < size) {
                break;
            }
        }
        out.flush();
        return written;
    }

    public static String text(String value) {
        if (value == null) {
            return "";
        }
        // spreadsheets skip leading blanks and line breaks before reading a formula, and take the full-width signs too
        int first = 0;
        while (first < value.length() && (Character.isWhitespace(value.charAt(first))
                || Character.isSpaceChar(value.charAt(first)))) {
            first++;
        }
        boolean formula = first < value.length() && "=+-@\uFF1D\uFF0B\uFF0D\uFF20".indexOf(value.charAt(first)) >= 0;
        boolean leadingControl = !value.isEmpty() && "\t\r".indexOf(value.charAt(0)) >= 0;
        return formula || leadingControl ? "'" + value : value;
    }

    public static String value(Object value) {
        return value == null ? "" : value.toString();
    }

    public static void line(Writer out, List<String> cells) throws IOException {
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
