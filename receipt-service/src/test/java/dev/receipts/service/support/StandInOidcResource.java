package dev.receipts.service.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts a {@link StandInOidcProvider} and turns OIDC on against it. */
public class StandInOidcResource implements QuarkusTestResourceLifecycleManager {
    private static StandInOidcProvider provider;

    public static StandInOidcProvider provider() {
        return provider;
    }

    @Override
    public Map<String, String> start() {
        try {
            provider = new StandInOidcProvider();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.oidc.tenant-enabled", "true",
            "quarkus.oidc.auth-server-url", provider.issuer(),
            "quarkus.oidc.client-id", StandInOidcProvider.CLIENT_ID,
            "quarkus.oidc.credentials.secret", StandInOidcProvider.CLIENT_SECRET);
    }

    @Override
    public void stop() {
        provider.close();
    }
}
