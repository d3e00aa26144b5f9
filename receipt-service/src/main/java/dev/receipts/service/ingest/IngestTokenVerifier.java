package dev.receipts.service.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.receipts.service.common.UnauthenticatedException;
import dev.receipts.service.config.ReceiptsConfig;

/** Checks the mailets' {@code Authorization: Bearer <token>} in constant time. */
@ApplicationScoped
public class IngestTokenVerifier {
    private static final String BEARER = "Bearer ";

    @Inject
    ReceiptsConfig config;

    public void verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthenticatedException("Missing ingest token");
        }
        byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        byte[] expected = config.ingest().token().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expected)) {
            throw new UnauthenticatedException("Invalid ingest token");
        }
    }
}
