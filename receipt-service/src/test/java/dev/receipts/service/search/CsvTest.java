package dev.receipts.service.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void rowShouldQuoteCommasQuotesAndLineBreaksAndEndWithCrlf() throws IOException {
        StringWriter out = new StringWriter();

        Csv.row(out, Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", null, 42));

        assertThat(out).hasToString("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,42\r\n");
    }

    @Test
    void cellShouldDefuseEveryFormulaPrefix() {
        assertThat(Csv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(Csv.cell("+1")).isEqualTo("'+1");
        assertThat(Csv.cell("-1")).isEqualTo("'-1");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.cell("\tx")).isEqualTo("'\tx");
        assertThat(Csv.cell("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
        assertThat(Csv.cell("a=b")).isEqualTo("a=b");
    }
}
