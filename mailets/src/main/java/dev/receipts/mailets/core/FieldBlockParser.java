package dev.receipts.mailets.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 822-style field blocks ({@code name: value} lines, folded continuation lines, blocks
 * separated by blank lines) as found in {@code message/delivery-status} (RFC 3464),
 * {@code message/disposition-notification} (RFC 8098) and header sections.
 *
 * <p>Lenient and total: CR, LF and CRLF line endings are all accepted, leading blank lines are
 * ignored, lines that are not fields are skipped and reported as problems. It never throws.
 */
public final class FieldBlockParser {
    private static final int MAX_PROBLEM_LINE = 80;

    private FieldBlockParser() {
    }

    /** Every block of the text. */
    public static FieldBlocks parse(String text) {
        return parse(text, false);
    }

    /** Only the first block: a message's header section, the body after it is ignored. */
    public static FieldBlocks parseHeaderSection(String text) {
        return parse(text, true);
    }

    private static FieldBlocks parse(String text, boolean firstBlockOnly) {
        List<FieldBlock> blocks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Field> current = new ArrayList<>();
        String name = null;
        StringBuilder value = null;
        int lineNumber = 0;
        for (String line : lines(text == null ? "" : text)) {
            lineNumber++;
            if (line.isBlank()) {
                if (name != null) {
                    current.add(new Field(name, value.toString().trim()));
                    name = null;
                }
                if (!current.isEmpty()) {
                    blocks.add(new FieldBlock(current));
                    current = new ArrayList<>();
                    if (firstBlockOnly) {
                        break;
                    }
                }
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (name != null) {
                    value.append(' ').append(line.trim());
                } else {
                    problems.add("line " + lineNumber + ": continuation without a field, skipped: [" + shorten(line) + "]");
                }
                continue;
            }
            if (name != null) {
                current.add(new Field(name, value.toString().trim()));
                name = null;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.substring(0, colon).isBlank()) {
                problems.add("line " + lineNumber + ": not a field, skipped: [" + shorten(line) + "]");
                continue;
            }
            name = line.substring(0, colon).trim();
            value = new StringBuilder(line.substring(colon + 1));
        }
        if (name != null) {
            current.add(new Field(name, value.toString().trim()));
        }
        if (!current.isEmpty()) {
            blocks.add(new FieldBlock(current));
        }
        return new FieldBlocks(blocks, problems);
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
            i++;
        }
        if (start < length) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static String shorten(String line) {
        return line.length() <= MAX_PROBLEM_LINE ? line : line.substring(0, MAX_PROBLEM_LINE) + "…";
    }
}
