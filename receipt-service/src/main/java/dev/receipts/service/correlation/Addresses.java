package dev.receipts.service.correlation;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.receipts.contract.XText;

/**
 * Normalizes recipient addresses as they appear in SMTP ({@code ORCPT}) and in reports
 * ({@code Final-Recipient}, {@code Original-Recipient}): the {@code addr-type;} prefix, angle brackets and
 * surrounding space are removed, xtext ({@code +2B}, RFC 3461) and {@code \x{..}} escapes (RFC 6533) are
 * decoded, and the result is lower-cased.
 */
public final class Addresses {
    private static final Pattern TYPE_PREFIX = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9-]*)\\s*;(.*)$", Pattern.DOTALL);
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\x\\{([0-9A-Fa-f]{1,6})}");

    private Addresses() {
    }

    /** The comparable form of an address, or null when there is none. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw;
        // Some reporters repeat the type ("rfc822;rfc822;bob@…"): strip every leading addr-type.
        Matcher prefix = TYPE_PREFIX.matcher(value);
        while (prefix.matches()) {
            value = prefix.group(2);
            prefix = TYPE_PREFIX.matcher(value);
        }
        value = value.trim();
        if (value.startsWith("<") && value.endsWith(">")) {
            value = value.substring(1, value.length() - 1).trim();
        }
        value = XText.decode(value);
        value = decodeUnicodeEscapes(value);
        value = value.trim().toLowerCase(Locale.ROOT);
        return value.isEmpty() ? null : value;
    }

    private static String decodeUnicodeEscapes(String value) {
        if (!value.contains("\\x{")) {
            return value;
        }
        Matcher m = UNICODE_ESCAPE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(new String(Character.toChars(Integer.parseInt(m.group(1), 16)))));
        }
        m.appendTail(out);
        return out.toString();
    }

}
