package dev.receipts.mailets.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes the envelope ids ({@code ENVID}, RFC 3461) assigned to submissions that ask for a DSN without one:
 * {@code rcpt.<32 hex random>.<32 hex HMAC-SHA256 of "rcpt.<random>" with the shared key, truncated to 128 bits>}.
 * Only hexadecimal digits and dots: valid xtext, 70 characters (ENVID allows 100). The receipt service checks the
 * signature with the same key ({@code receipts.correlation.envelope-id-key}), so that a DSN naming one of these ids
 * is known to be about a message we sent, and a forged one is rejected.
 */
public final class EnvelopeIds {
    public static final String PREFIX = "rcpt.";
    /** The shortest key accepted. */
    public static final int MIN_KEY_LENGTH = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte[] key;
    private final SecureRandom random;

    public EnvelopeIds(String key) {
        this(key, new SecureRandom());
    }

    EnvelopeIds(String key, SecureRandom random) {
        this.key = Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8);
        this.random = random;
    }

    /** A new signed envelope id. */
    public String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String unsigned = PREFIX + hex(bytes, bytes.length);
        return unsigned + "." + hex(mac(unsigned), 16);
    }

    /** Whether the id is one of ours, signed with this key. */
    public boolean verifies(String envelopeId) {
        if (envelopeId == null || !envelopeId.matches("rcpt\\.[0-9a-f]{32}\\.[0-9a-f]{32}")) {
            return false;
        }
        int dot = envelopeId.lastIndexOf('.');
        return java.security.MessageDigest.isEqual(
            hex(mac(envelopeId.substring(0, dot)), 16).getBytes(StandardCharsets.US_ASCII),
            envelopeId.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] mac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String hex(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++) {
            out.append(HEX[(bytes[i] >> 4) & 0xf]).append(HEX[bytes[i] & 0xf]);
        }
        return out.toString();
    }
}
