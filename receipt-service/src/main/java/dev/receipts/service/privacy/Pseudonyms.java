package dev.receipts.service.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.receipts.service.config.ReceiptsConfig;

/**
 * Keyed hashes of addresses and subjects (docs/consent.md, "Minimisation"), and which addresses are external.
 * A pseudonym is {@code ps_} and the first 24 hex digits of HMAC-SHA256(pseudonym key, the lower-case address):
 * the same address always gets the same pseudonym, and without the key nobody can compute one.
 */
@ApplicationScoped
public class Pseudonyms {
    public static final String PREFIX = "ps_";
    private static final int MIN_KEY_LENGTH = 16;

    private final byte[] key;
    private final List<String> localDomains;

    @Inject
    public Pseudonyms(ReceiptsConfig config) {
        this(config.privacy().pseudonymKey(), config.localDomains());
    }

    public Pseudonyms(String key, List<String> localDomains) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException(
                "receipts.privacy.pseudonym-key must be at least " + MIN_KEY_LENGTH + " characters");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.localDomains = localDomains.stream().map(d -> d.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /** The pseudonym of an address; null for null. A value that already is a pseudonym is returned as is. */
    public String of(String address) {
        if (address == null) {
            return null;
        }
        if (isPseudonym(address)) {
            return address;
        }
        return PREFIX + hmacHex(address.trim().toLowerCase(Locale.ROOT)).substring(0, 24);
    }

    /** {@code hmac:} and the full hex HMAC of a text, for subjects stored hashed. */
    public String hash(String text) {
        return text == null ? null : "hmac:" + hmacHex(text);
    }

    public static boolean isPseudonym(String value) {
        return value != null && value.startsWith(PREFIX) && value.length() == PREFIX.length() + 24;
    }

    /** True when the address's domain is not one of {@code receipts.local-domains}; false for null and pseudonyms. */
    public boolean isExternal(String address) {
        if (address == null || isPseudonym(address)) {
            return false;
        }
        String value = address.trim().toLowerCase(Locale.ROOT);
        int at = value.lastIndexOf('@');
        if (at < 0) {
            return true;
        }
        String domain = value.substring(at + 1);
        if (domain.endsWith(">")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return !localDomains.contains(domain);
    }

    /** The address as a compliance officer may see it: external addresses as pseudonyms. */
    public String forCompliance(String address) {
        return isExternal(address) ? of(address) : address;
    }

    private String hmacHex(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
