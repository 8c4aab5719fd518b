package io.connectionhealth.signal.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvExportTest {

    @Test
    void quotesOnlyWhatNeedsQuoting() {
        assertThat(CsvExport.quote("plain")).isEqualTo("plain");
        assertThat(CsvExport.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvExport.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvExport.quote("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvExport.quote("cr\r")).isEqualTo("\"cr\r\"");
        assertThat(CsvExport.quote("")).isEmpty();
    }

    @Test
    void textThatASpreadsheetWouldRunIsDefused() {
        assertThat(CsvExport.text("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(CsvExport.text("+1")).isEqualTo("'+1");
        assertThat(CsvExport.text("-1")).isEqualTo("'-1");
        assertThat(CsvExport.text("@sum")).isEqualTo("'@sum");
        assertThat(CsvExport.text("/crm/contacts")).isEqualTo("/crm/contacts");
        assertThat(CsvExport.text(null)).isEmpty();
    }

    @Test
    void linesEndWithCrLf() throws IOException {
        StringWriter out = new StringWriter();
        CsvExport.line(out, List.of("a", "b,c", ""));
        assertThat(out.toString()).isEqualTo("a,\"b,c\",\r\n");
    }
}
