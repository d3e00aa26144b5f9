package dev.receipts.service.correlation;

import java.util.Locale;
import java.util.Set;

/** RFC 8098 disposition types as stored: the standard ones upper-cased, legacy ones as received. */
public final class Dispositions {
    /** No MDN correlated yet: unknown, never "unread". */
    public static final String NONE = "NONE";
    private static final Set<String> STANDARD = Set.of("displayed", "deleted", "dispatched", "processed");

    private Dispositions() {
    }

    public static String stateOf(String dispositionType) {
        String type = dispositionType.trim().toLowerCase(Locale.ROOT);
        return STANDARD.contains(type) ? type.toUpperCase(Locale.ROOT) : type;
    }
}
