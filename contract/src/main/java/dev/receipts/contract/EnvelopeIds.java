package dev.receipts.contract;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The envelope ids ({@code ENVID}, RFC 3461) the mailet {@code CaptureReceiptRequests} assigns when a sender asks
 * for a DSN without one: {@code rcpt.<32 hex random>.<32 hex HMAC-SHA256 of "rcpt.<random>" with the shared key,
 * truncated to 128 bits>}. Only hexadecimal digits and dots: valid xtext, 70 characters (ENVID allows 100).
 *
 * <p>The one definition: the mailets make them ({@link #next()}), the service checks the ones a DSN echoes in
 * {@code Original-Envelope-Id} ({@link #check(String, Optional)}) with the same key
 * ({@code receipts.correlation.envelope-id-key}), so that a DSN naming one is known to be about a message we sent,
 * and a forged one is rejected.
 */
public final class EnvelopeIds {
    public static final String PREFIX = "rcpt.";
    /** The shortest key accepted. */
    public static final int MIN_KEY_LENGTH = 16;
    private static final Pattern FORMAT = Pattern.compile("rcpt\\.([0-9a-f]{32})\\.([0-9a-f]{32})");
    private static final int MAC_BYTES = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** For checking only: a checker never draws from it. */
    private static final SecureRandom UNUSED_RANDOM = new SecureRandom();

    /** What an envelope id says about itself. */
    public enum Check {
        /** Not one of ours (no {@code rcpt.} prefix): the submitter chose it. */
        NOT_OURS,
        /** Ours, and the signature verifies. */
        VALID,
        /** Claims to be ours, but is malformed or its signature does not verify. */
        FORGED,
        /** Ours by its prefix, but no key is configured to check it. */
        UNCHECKED
    }

    private final byte[] key;
    private final SecureRandom random;

    public EnvelopeIds(String key) {
        this(key, new SecureRandom());
    }

    public EnvelopeIds(String key, SecureRandom random) {
        this.key = Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8);
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new signed envelope id. */
    public String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return sign(hex(bytes, bytes.length));
    }

    /** The signed id for a random part (32 lower-case hex digits). */
    public String sign(String randomPart) {
        String unsigned = PREFIX + randomPart;
        return unsigned + "." + hex(mac(unsigned), MAC_BYTES);
    }

    /** What the id says about itself, checked with this key. */
    public Check check(String envelopeId) {
        if (!claimsToBeOurs(envelopeId)) {
            return Check.NOT_OURS;
        }
        Matcher m = FORMAT.matcher(envelopeId.trim());
        if (!m.matches()) {
            return Check.FORGED;
        }
        byte[] expected = hex(mac(PREFIX + m.group(1)), MAC_BYTES).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, m.group(2).getBytes(StandardCharsets.US_ASCII)) ? Check.VALID : Check.FORGED;
    }

    /** Whether the id is one of ours, signed with this key. */
    public boolean verifies(String envelopeId) {
        return envelopeId != null && envelopeId.equals(envelopeId.trim()) && check(envelopeId) == Check.VALID;
    }

    /** What the id says about itself, checked with the key when there is one. */
    public static Check check(String envelopeId, Optional<String> key) {
        if (!claimsToBeOurs(envelopeId)) {
            return Check.NOT_OURS;
        }
        if (key.isEmpty() || key.get().isBlank()) {
            return Check.UNCHECKED;
        }
        return new EnvelopeIds(key.get(), UNUSED_RANDOM).check(envelopeId);
    }

    private static boolean claimsToBeOurs(String envelopeId) {
        return envelopeId != null && envelopeId.trim().regionMatches(true, 0, PREFIX, 0, PREFIX.length());
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
