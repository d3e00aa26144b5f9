package dev.receipts.service.search;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV (RFC 4180): comma-separated, CRLF line ends, cells with a comma, quote or line break in double
 * quotes. A cell that a spreadsheet would read as a formula (starting with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return) is prefixed with {@code '}.
 */
public final class Csv {
    private Csv() {
    }

    public static void row(Writer out, List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
