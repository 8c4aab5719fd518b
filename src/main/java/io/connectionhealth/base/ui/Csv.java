package io.connectionhealth.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.connectionhealth.base.PageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * CSV exports (RFC 4180 quoting, CRLF lines) and the link that downloads one. Text cells that a spreadsheet would run
 * as a formula (starting with = + - @, after any blanks) get a leading apostrophe.
 */
public final class Csv {

    private static final Logger LOG = LoggerFactory.getLogger(Csv.class);

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
            try {
                body.write(out);
                out.flush();
            } catch (IOException gone) {
                // the browser cancelled the download or went away: not the server's error (it had logged ~180 lines)
                LOG.info("A CSV export ({}) ended early: the download was cancelled or its connection lost ({})",
                        stem, gone.toString());
            }
        };
        Anchor link = new Anchor(csv, AttachmentType.DOWNLOAD, "Export CSV");
        link.setId(id);
        // The download starts only once the server has the click: a filter typed just before it (its field sends the
        // value lazily) reaches the server first, where the browser's own download had raced it and exported the
        // filter before the typing (one export in three by hand: 150 rows for a search that showed 6). And where the session ended
        // meanwhile (the user removed, or their password changed), the page goes to the sign-in page saying why
        // instead of a download that could only fail unexplained.
        link.getElement().addEventListener("click", click -> link.getElement().executeJs("""
                const a = document.createElement('a');
                a.href = this.href;
                a.download = '';
                document.body.appendChild(a);
                a.click();
                a.remove();""")).preventDefault();
        link.setTitle(what + " (at most " + String.format(Locale.ROOT, "%,d", maxRows) + "; times in UTC, ISO 8601)");
        var icon = VaadinIcon.DOWNLOAD.create();
        icon.setSize("var(--lumo-icon-size-s)");
        link.getElement().insertChild(0, icon.getElement());
        return link;
    }

    /**
     * Reads one page of the rows to export: {@code page} counts from the first row, {@code last} is the last row
     * written (null before the first page), for a list that can read on from a row instead of skipping an offset.
     */
    @FunctionalInterface
    public interface Pages<T> {
        List<T> fetch(PageRequest page, T last);
    }

    /**
     * Writes the header and then the rows, a page of {@link PageRequest#MAX_LIMIT} at a time so that memory stays
     * flat, at most {@code maxRows} of them. Returns how many rows were written.
     */
    public static <T> int write(Writer out, List<String> header, int maxRows, Pages<T> pages,
                                Function<T, List<String>> cells) throws IOException {
        line(out, header);
        int written = 0;
        T last = null;
        while (written < maxRows) {
            int size = Math.min(PageRequest.MAX_LIMIT, maxRows - written);
            List<T> page = pages.fetch(PageRequest.of(size, written), last);
            for (T row : page) {
                line(out, cells.apply(row));
            }
            written += page.size();
            last = page.isEmpty() ? last : page.getLast();
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
        // and inside: a spreadsheet splitting on ; or tab honours the quotes only at the start of its own field, so
        // "a;=1+2;" gave it a cell =1+2 that ran (an audit, in LibreOffice): each such piece gets its apostrophe too
        String inside = value.indexOf(';') < 0 && value.indexOf('\t') < 0 ? value
                : FORMULA_AFTER_SEPARATOR.matcher(value).replaceAll("$1'$2");
        return formula || leadingControl ? "'" + inside : inside;
    }

    private static final java.util.regex.Pattern FORMULA_AFTER_SEPARATOR =
            java.util.regex.Pattern.compile("([;\t][\\s\\p{Zs}]*)([=+\\-@\uFF1D\uFF0B\uFF0D\uFF20])");

    public static String value(Object value) {
        if (value instanceof Instant at) {
            return TIMESTAMP.format(at);
        }
        return value == null ? "" : value.toString();
    }

    /**
     * Always six fraction digits (what is stored): Instant's own text drops zeros, so "…:53Z" came after "…:53.999Z"
     * when a column was sorted as text, and the call and connection exports differed in width (an audit).
     */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    public static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(cells.get(i)));
        }
        out.write("\r\n");
    }

    /**
     * Quoted when it holds a comma, a quote or a line break (RFC 4180), and also a semicolon or a tab: a spreadsheet set
     * to split on those (Excel does in many locales) would otherwise start a new cell inside it, one that could begin
     * with a formula ({@code a;=1+2}) the apostrophe of {@link #text} does not reach.
     */
    static String quote(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            if (",\"\n\r;\t".indexOf(cell.charAt(i)) >= 0) {
                return '"' + cell.replace("\"", "\"\"") + '"';
            }
        }
        return cell;
    }
}
