package dev.receipts.service.health;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The effective settings an admin may see: {@code receipts.*}, {@code quarkus.datasource.*}, {@code quarkus.http.*}
 * and {@code quarkus.oidc.*}, with every secret (tokens, keys, passwords, secrets, credentials) as {@code ****}.
 */
@ApplicationScoped
public class EffectiveConfig {
    static final String MASK = "****";
    private static final List<String> PREFIXES = List.of("receipts.", "quarkus.datasource.", "quarkus.http.",
        "quarkus.oidc.");

    public Map<String, String> settings() {
        Config config = ConfigProvider.getConfig();
        Map<String, String> settings = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (PREFIXES.stream().noneMatch(name::startsWith)) {
                continue;
            }
            String value;
            try {
                value = config.getOptionalValue(name, String.class).orElse(null);
            } catch (RuntimeException e) {
                value = "(unresolvable)";
            }
            settings.put(name, isSecret(name) && value != null ? MASK : value);
        }
        return settings;
    }

    /**
     * A secret: a name with a segment that mentions a password, secret or credentials, or whose last segment is a
     * token or a key ({@code receipts.ingest.token}, {@code …session.encryption-key}, {@code …pseudonym-key}).
     */
    static boolean isSecret(String name) {
        String[] segments = name.toLowerCase(Locale.ROOT).split("\\.");
        for (String segment : segments) {
            if (segment.contains("password") || segment.contains("secret") || segment.contains("credentials")) {
                return true;
            }
        }
        String last = segments[segments.length - 1];
        return last.equals("token") || last.endsWith("-token") || last.equals("key") || last.endsWith("-key");
    }
}
