package dev.receipts.contract;

import java.util.Locale;
import java.util.Optional;

/**
 * RFC 5322 {@code Message-ID} values, as both sides read them.
 *
 * <p>The <b>lookup form</b> is what correlation compares: comments, folding whitespace and angle brackets
 * removed, the domain part (case-insensitive) lower-cased, the local part as written; bounded to
 * {@link FieldLimits#MESSAGE_ID_LOOKUP} characters as an identifier ({@link Bounded#identifier}).
 *
 * <p>The <b>field form</b> is what an event carries: the value as written when it fits in
 * {@link FieldLimits#MESSAGE_ID}, else {@code <lookup form>}, so that the service's lookup form of it is the lookup
 * form of the whole original value.
 */
public final class MessageIds {
    private MessageIds() {
    }

    /** The lookup form of a raw {@code Message-ID} field value, empty when there is no identifier in it. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String withoutComments = stripComments(raw);
        String candidate = withoutComments;
        int open = withoutComments.indexOf('<');
        if (open >= 0) {
            int close = withoutComments.indexOf('>', open + 1);
            candidate = close > open ? withoutComments.substring(open + 1, close) : withoutComments.substring(open + 1);
        }
        StringBuilder compact = new StringBuilder(candidate.length());
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!Character.isWhitespace(c) && c != '<' && c != '>') {
                compact.append(c);
            }
        }
        if (compact.length() == 0) {
            return Optional.empty();
        }
        String id = compact.toString();
        int at = id.lastIndexOf('@');
        if (at >= 0) {
            id = id.substring(0, at + 1) + id.substring(at + 1).toLowerCase(Locale.ROOT);
        }
        return Optional.of(Bounded.identifier(id, FieldLimits.MESSAGE_ID_LOOKUP));
    }

    /** Like {@link #normalize(String)}, or null. */
    public static String normalizeOrNull(String raw) {
        return normalize(raw).orElse(null);
    }

    /** The field form of a raw value: itself when it fits, else its lookup form in angle brackets. */
    public static String fieldForm(String raw) {
        if (raw == null || raw.length() <= FieldLimits.MESSAGE_ID) {
            return raw;
        }
        return normalize(raw).map(id -> "<" + id + ">").orElse(Bounded.text(raw, FieldLimits.MESSAGE_ID));
    }

    private static String stripComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && depth > 0 && i + 1 < value.length()) {
                i++;
                continue;
            }
            if (c == '"' && depth == 0) {
                quoted = !quoted;
            }
            if (!quoted && c == '(') {
                depth++;
                continue;
            }
            if (!quoted && c == ')' && depth > 0) {
                depth--;
                continue;
            }
            if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
