package dev.receipts.service.correlation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The envelope ids the mailet {@code CaptureReceiptRequests} assigns when a sender asks for a DSN without an
 * {@code ENVID}: {@code rcpt.<32 hex random>.<32 hex HMAC-SHA256 of "rcpt.<random>", truncated to 128 bits>}. A DSN
 * echoing such an id in {@code Original-Envelope-Id} is checked against the shared key.
 */
public final class EnvelopeIds {
    public static final String PREFIX = "rcpt.";
    private static final Pattern FORMAT = Pattern.compile("rcpt\\.([0-9a-f]{32})\\.([0-9a-f]{32})");

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

    private EnvelopeIds() {
    }

    public static Check check(String envelopeId, Optional<String> key) {
        if (envelopeId == null || !envelopeId.trim().regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Check.NOT_OURS;
        }
        if (key.isEmpty() || key.get().isBlank()) {
            return Check.UNCHECKED;
        }
        var m = FORMAT.matcher(envelopeId.trim());
        if (!m.matches()) {
            return Check.FORGED;
        }
        byte[] expected = mac(key.get(), PREFIX + m.group(1));
        byte[] given = HexFormat.of().parseHex(m.group(2));
        return MessageDigest.isEqual(expected, given) ? Check.VALID : Check.FORGED;
    }

    /** The signed id for a random part (32 lower-case hex digits). */
    public static String sign(String random, String key) {
        return PREFIX + random + "." + HexFormat.of().formatHex(mac(key, PREFIX + random));
    }

    private static byte[] mac(String key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] full = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] truncated = new byte[16];
            System.arraycopy(full, 0, truncated, 0, truncated.length);
            return truncated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
