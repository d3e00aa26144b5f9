package dev.receipts.mailets.core;

import java.util.Collection;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Who would learn about a read receipt: {@code INTERNAL} when every address concerned is in a
 * domain this James serves, else {@code EXTERNAL}. Policies have one answer for each.
 */
public enum Audience {
    INTERNAL,
    EXTERNAL;

    /**
     * The audience of addresses by their domains. No domain at all (no recipient, or an address
     * without a domain) counts as {@code EXTERNAL}: when in doubt, the stricter rule applies.
     *
     * @param domains       the domains concerned, e.g. an MDN's envelope recipients' domains; null entries for unknown domains
     * @param isLocalDomain whether James serves a domain (given lower case)
     */
    public static Audience of(Collection<String> domains, Predicate<String> isLocalDomain) {
        if (domains.isEmpty()) {
            return EXTERNAL;
        }
        for (String domain : domains) {
            if (domain == null || domain.isBlank() || !isLocalDomain.test(domain.trim().toLowerCase(Locale.ROOT))) {
                return EXTERNAL;
            }
        }
        return INTERNAL;
    }
}
