package dev.receipts.mailets.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decoding of RFC 3461 xtext ({@code +XX} hex escapes), used by SMTP's ENVID and ORCPT.
 * A {@code +} not followed by two hex digits is kept as is.
 */
public final class XText {
    private XText() {
    }

    public static String decode(String xtext) {
        if (xtext == null || xtext.indexOf('+') < 0) {
            return xtext;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(xtext.length());
        int i = 0;
        while (i < xtext.length()) {
            int c = xtext.codePointAt(i);
            if (c == '+' && i + 2 < xtext.length() && isHex(xtext.charAt(i + 1)) && isHex(xtext.charAt(i + 2))) {
                bytes.write(Integer.parseInt(xtext.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(c);
            }
        }
        return TextDecoding.decode(bytes.toByteArray());
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }
}
