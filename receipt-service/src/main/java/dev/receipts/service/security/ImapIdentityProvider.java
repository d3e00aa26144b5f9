package dev.receipts.service.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.receipts.service.config.ReceiptsConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/**
 * Checks user names and passwords (HTTP Basic and the login form) against James by an IMAP {@code LOGIN}.
 * A successful check is remembered for a short while, keyed by a hash of the credentials; passwords are never
 * logged or kept. A user name locked out by {@link FailedLogins} is refused before James or the cache is asked.
 */
@ApplicationScoped
public class ImapIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private static final Logger LOG = Logger.getLogger(ImapIdentityProvider.class);
    private static final int MAX_CACHED = 10_000;

    @Inject
    ReceiptsConfig config;

    @Inject
    IdentityFactory identities;

    @Inject
    FailedLogins failedLogins;

    Clock clock = Clock.systemUTC();

    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String user = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        return context.runBlocking(() -> {
            if (user == null || user.isBlank() || password.isEmpty()) {
                throw new AuthenticationFailedException();
            }
            Instant locked = failedLogins.lockedUntil(user);
            if (locked != null) {
                throw new AuthenticationFailedException(new LoginLockedException(locked));
            }
            String key = cacheKey(user, password);
            Instant now = clock.instant();
            Instant until = verified.get(key);
            if (until == null || !until.isAfter(now)) {
                if (!checkWithImap(user, password)) {
                    verified.remove(key);
                    failedLogins.failed(user);
                    throw new AuthenticationFailedException();
                }
                failedLogins.succeeded(user);
                if (verified.size() >= MAX_CACHED) {
                    verified.values().removeIf(expiry -> !expiry.isAfter(now));
                }
                verified.put(key, now.plus(config.identity().cacheTtl()));
            }
            return identities.identityOf(user);
        });
    }

    private boolean checkWithImap(String user, String password) {
        ImapCredentialChecker checker = new ImapCredentialChecker(config.identity().imapHost(),
            config.identity().imapPort(), config.identity().connectTimeout(), config.identity().readTimeout());
        try {
            boolean accepted = checker.check(Roles.canonical(user), password);
            if (!accepted) {
                LOG.infof("IMAP refused the credentials of [%s]", user);
            }
            return accepted;
        } catch (IOException e) {
            LOG.warnf("Cannot check the credentials of [%s] with IMAP at %s:%d: %s", user,
                config.identity().imapHost(), config.identity().imapPort(), e.getMessage());
            return false;
        }
    }

    static String cacheKey(String user, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Roles.canonical(user).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
