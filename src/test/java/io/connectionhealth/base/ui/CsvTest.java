package io.connectionhealth.base.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void quotesOnlyWhatNeedsQuoting() {
        assertThat(Csv.quote("plain")).isEqualTo("plain");
        assertThat(Csv.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.quote("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.quote("cr\r")).isEqualTo("\"cr\r\"");
        assertThat(Csv.quote("")).isEmpty();
    }

    @Test
    void textThatASpreadsheetWouldRunIsDefused() {
        assertThat(Csv.text("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(Csv.text("+1")).isEqualTo("'+1");
        assertThat(Csv.text("-1")).isEqualTo("'-1");
        assertThat(Csv.text("@sum")).isEqualTo("'@sum");
        assertThat(Csv.text("/crm/contacts")).isEqualTo("/crm/contacts");
        assertThat(Csv.text(null)).isEmpty();
    }

    @Test
    void linesEndWithCrLf() throws IOException {
        StringWriter out = new StringWriter();
        Csv.line(out, List.of("a", "b,c", ""));
        assertThat(out.toString()).isEqualTo("a,\"b,c\",\r\n");
    }
}
