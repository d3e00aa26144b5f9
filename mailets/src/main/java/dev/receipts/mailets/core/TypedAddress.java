package dev.receipts.mailets.core;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code addr-type; address} value of RFC 3464 / RFC 8098 ({@code Final-Recipient},
 * {@code Original-Recipient}): type lower-cased, address trimmed and without angle brackets,
 * {@code \x{HHHH}} escapes decoded for the {@code utf-8} type (RFC 6533).
 */
public final class TypedAddress {
    public static final String RFC822 = "rfc822";
    public static final String UTF8 = "utf-8";
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\x\\{([0-9A-Fa-f]{1,6})\\}");

    private final String type;
    private final String address;

    public TypedAddress(String type, String address) {
        this.type = Objects.requireNonNull(type, "type");
        this.address = Objects.requireNonNull(address, "address");
    }

    public String type() {
        return type;
    }

    public String address() {
        return address;
    }

    /**
     * Parses a raw field value; a value without a type is read as {@code rfc822} and noted in
     * {@code problems}. Returns null for a null or blank value.
     */
    public static TypedAddress parse(String fieldName, String raw, List<String> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        int semicolon = raw.indexOf(';');
        String type;
        String address;
        if (semicolon < 0) {
            problems.add(fieldName + " has no address type, read as rfc822: [" + raw + "]");
            type = RFC822;
            address = raw;
        } else {
            type = raw.substring(0, semicolon).trim().toLowerCase(Locale.ROOT);
            address = raw.substring(semicolon + 1);
            if (type.isEmpty()) {
                problems.add(fieldName + " has an empty address type, read as rfc822: [" + raw + "]");
                type = RFC822;
            }
        }
        address = stripAngleBrackets(address.trim());
        if (UTF8.equals(type)) {
            address = decodeUnicodeEscapes(address, fieldName, problems);
        }
        return new TypedAddress(type, address);
    }

    private static String stripAngleBrackets(String address) {
        if (address.length() >= 2 && address.startsWith("<") && address.endsWith(">")) {
            return address.substring(1, address.length() - 1).trim();
        }
        return address;
    }

    private static String decodeUnicodeEscapes(String address, String fieldName, List<String> problems) {
        Matcher matcher = UNICODE_ESCAPE.matcher(address);
        StringBuilder decoded = new StringBuilder();
        while (matcher.find()) {
            int codePoint = Integer.parseInt(matcher.group(1), 16);
            String replacement;
            if (Character.isValidCodePoint(codePoint)) {
                replacement = new String(Character.toChars(codePoint));
            } else {
                problems.add(fieldName + " has an invalid \\x{} escape, kept: [" + matcher.group() + "]");
                replacement = matcher.group();
            }
            matcher.appendReplacement(decoded, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(decoded);
        return decoded.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TypedAddress)) {
            return false;
        }
        TypedAddress that = (TypedAddress) o;
        return type.equals(that.type) && address.equals(that.address);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, address);
    }

    @Override
    public String toString() {
        return type + ";" + address;
    }
}
