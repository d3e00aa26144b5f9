package dev.receipts.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How an over-long value is kept (docs/events.md, "Field limits"). Lengths count UTF-16 characters, as the
 * database's {@code varchar(n)} does; a cut never splits a surrogate pair.
 *
 * <ul>
 *   <li>An <b>identifier</b> (Message-ID, envelope id, address) keeps a prefix and the SHA-256 of the whole value:
 *   {@code <prefix>#<64 hex>}, exactly {@code max} characters. The same over-long identifier, bounded on either
 *   side, gives the same result, so that correlation still matches it; two different ones stay different.</li>
 *   <li>A <b>text</b> (a diagnostic, a subject) keeps its beginning and ends with {@value #ELLIPSIS}.</li>
 * </ul>
 */
public final class Bounded {
    /** What ends a cut text. */
    public static final String ELLIPSIS = "…";
    /** Separates the kept prefix of an identifier from the hash of its whole value. */
    public static final char HASH_MARK = '#';
    private static final int HASH_HEX = 64;
    /** The shortest limit an identifier may have: one character of prefix, the mark and the hash. */
    public static final int MIN_IDENTIFIER = HASH_HEX + 2;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Bounded() {
    }

    /** The identifier itself when it fits in {@code max} characters, else its prefix and hash. */
    public static String identifier(String value, int max) {
        if (max < MIN_IDENTIFIER) {
            throw new IllegalArgumentException("an identifier's limit is at least " + MIN_IDENTIFIER + ", got " + max);
        }
        if (value == null || value.length() <= max) {
            return value;
        }
        return prefix(value, max - HASH_HEX - 1) + HASH_MARK + sha256(value);
    }

    /** The text itself when it fits in {@code max} characters, else its beginning and {@value #ELLIPSIS}. */
    public static String text(String value, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("a text's limit is at least 2, got " + max);
        }
        if (value == null || value.length() <= max) {
            return value;
        }
        return prefix(value, max - ELLIPSIS.length()) + ELLIPSIS;
    }

    /** At most {@code length} characters from the start, one fewer if the last would be half a surrogate pair. */
    static String prefix(String value, int length) {
        int end = Math.min(length, value.length());
        if (end > 0 && end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(HASH_HEX);
            for (byte b : digest) {
                hex.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
