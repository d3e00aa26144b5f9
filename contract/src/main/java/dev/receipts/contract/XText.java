package dev.receipts.contract;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3461 xtext ({@code +XX} hex escapes), as SMTP's {@code ENVID} and {@code ORCPT} and a DSN's
 * {@code Original-Envelope-Id} and {@code Original-Recipient} carry it. A {@code +} not followed by two hex digits
 * is kept as is; the decoded bytes are read as UTF-8 when they are valid UTF-8, else as ISO-8859-1, so that any
 * value decodes.
 */
public final class XText {
    private XText() {
    }

    /** The decoded value; null for null. */
    public static String decode(String xtext) {
        if (xtext == null || xtext.indexOf('+') < 0) {
            return xtext;
        }
        byte[] bytes = xtext.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '+' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.write(Character.digit(bytes[i + 1], 16) << 4 | Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return utf8OrLatin1(out.toByteArray());
    }

    /** UTF-8 if the bytes are valid UTF-8, else ISO-8859-1 (never fails). */
    public static String utf8OrLatin1(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'F') || (b >= 'a' && b <= 'f');
    }
}
