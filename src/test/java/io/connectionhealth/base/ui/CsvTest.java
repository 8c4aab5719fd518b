package io.connectionhealth.base.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void quotesWhatASpreadsheetWouldSplit() {
        assertThat(Csv.quote("plain")).isEqualTo("plain");
        assertThat(Csv.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.quote("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.quote("cr\r")).isEqualTo("\"cr\r\"");
        assertThat(Csv.quote("")).isEmpty();
        // a spreadsheet splitting on ; or tab would start a cell with the formula inside
        assertThat(Csv.quote("a;=1+2")).isEqualTo("\"a;=1+2\"");
        assertThat(Csv.quote("x\t=1+2")).isEqualTo("\"x\t=1+2\"");
    }

    @Test
    void timesHaveOneWidthSoThatTheySortAsText() {
        assertThat(Csv.value(java.time.Instant.parse("2026-12-06T17:47:53Z"))).isEqualTo("2026-12-06T17:47:53.000000Z");
        assertThat(Csv.value(java.time.Instant.parse("2026-12-06T17:47:53.12Z"))).isEqualTo("2026-12-06T17:47:53.120000Z");
        assertThat(Csv.value(java.time.Instant.parse("2026-12-06T17:47:53.123456Z"))).isEqualTo("2026-12-06T17:47:53.123456Z");
        assertThat(Csv.value(null)).isEmpty();
        assertThat(Csv.value(401)).isEqualTo("401");
    }

    @Test
    void textThatASpreadsheetWouldRunIsDefused() {
        assertThat(Csv.text("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(Csv.text("+1")).isEqualTo("'+1");
        assertThat(Csv.text("-1")).isEqualTo("'-1");
        assertThat(Csv.text("@sum")).isEqualTo("'@sum");
        assertThat(Csv.text(" =1+1")).isEqualTo("' =1+1");
        assertThat(Csv.text("\u00A0=1+1")).isEqualTo("'\u00A0=1+1");
        assertThat(Csv.text("\n=1+1")).isEqualTo("'\n=1+1");
        assertThat(Csv.text("\uFF1D1+1")).isEqualTo("'\uFF1D1+1");
        assertThat(Csv.text("\tplain")).isEqualTo("'\tplain");
        assertThat(Csv.text("  plain")).isEqualTo("  plain");
        assertThat(Csv.text("a-b")).isEqualTo("a-b");
        assertThat(Csv.text("/crm/contacts")).isEqualTo("/crm/contacts");
        assertThat(Csv.text(null)).isEmpty();
        // a spreadsheet splitting on ; or tab starts a field inside the quoted cell: each piece is defused
        assertThat(Csv.text("token revoked;=1+2;")).isEqualTo("token revoked;'=1+2;");
        assertThat(Csv.text("/crm/x; =3+4")).isEqualTo("/crm/x; '=3+4");
        assertThat(Csv.text("x\t=5+6\t")).isEqualTo("x\t'=5+6\t");
        assertThat(Csv.text("=a;@b")).isEqualTo("'=a;'@b");
        assertThat(Csv.text("a;b\tc-d")).isEqualTo("a;b\tc-d");
    }

    @Test
    void linesEndWithCrLf() throws IOException {
        StringWriter out = new StringWriter();
        Csv.line(out, List.of("a", "b,c", ""));
        assertThat(out.toString()).isEqualTo("a,\"b,c\",\r\n");
    }

    @Test
    void rowsAreReadPageByPageUpToTheLimit() throws IOException {
        List<Integer> rows = java.util.stream.IntStream.range(0, 2500).boxed().toList();
        List<String> asked = new java.util.ArrayList<>();
        Csv.Pages<Integer> pages = (page, last) -> {
            assertThat(last).isEqualTo(page.offset() == 0 ? null : rows.get((int) page.offset() - 1));
            asked.add(page.limit() + "@" + page.offset());
            int from = (int) Math.min(page.offset(), rows.size());
            return rows.subList(from, Math.min(from + page.limit(), rows.size()));
        };
        StringWriter out = new StringWriter();
        assertThat(Csv.write(out, List.of("n"), 2100, pages, n -> List.of(n.toString()))).isEqualTo(2100);
        assertThat(asked).containsExactly("1000@0", "1000@1000", "100@2000");
        assertThat(out.toString().split("\r\n")).hasSize(2101).startsWith("n", "0", "1").endsWith("2099");

        asked.clear();
        assertThat(Csv.write(new StringWriter(), List.of("n"), 100_000, pages, n -> List.of(n.toString()))).isEqualTo(2500);
        assertThat(asked).as("a page that is not full is the last").containsExactly("1000@0", "1000@1000", "1000@2000");
    }

    @Test
    void blankTextIsKeptAsItIs() {
        assertThat(Csv.text("")).isEmpty();
        assertThat(Csv.text("  ")).isEqualTo("  ");
    }

    @Test
    void anExportThatEndsOnAFullPageOrHasNoRowsIsComplete() throws IOException {
        List<Integer> rows = java.util.stream.IntStream.range(0, 2000).boxed().toList();
        Csv.Pages<Integer> pages = (page, last) -> {
            int from = (int) Math.min(page.offset(), rows.size());
            return rows.subList(from, Math.min(from + page.limit(), rows.size()));
        };
        StringWriter text = new StringWriter();
        java.io.Writer out = new java.io.BufferedWriter(text);
        assertThat(Csv.write(out, List.of("n"), 100_000, pages, n -> List.of(n.toString()))).isEqualTo(2000);
        assertThat(text.toString().split("\r\n")).as("all written through, not left in a buffer").hasSize(2001)
                .endsWith("1999");
        Csv.Pages<Integer> none = (page, last) -> List.of();
        assertThat(Csv.write(new StringWriter(), List.of("n"), 100, none, n -> List.of(n.toString()))).isZero();
    }
}
