package dev.receipts.service.health;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code X-Receipts-Node-Status: node=<n>; backlog=<ready files>; dead=<dead files>; errors=<send failures since
 * start>[; lastDead=<why the last event went to dead/, percent-encoded>]} (docs/events.md). Parameters in any
 * order, separated by {@code ;}; {@code node} is required, the counts default to 0, {@code lastDead} to null.
 */
public record NodeStatusHeader(String node, long backlog, long dead, long errors, String lastDead) {
    public static final String NAME = "X-Receipts-Node-Status";
    private static final int MAX_NODE = 255;
    /** The width of {@code node_status.last_dead_reason}. */
    static final int MAX_LAST_DEAD = 500;

    public NodeStatusHeader(String node, long backlog, long dead, long errors) {
        this(node, backlog, dead, errors, null);
    }

    /** The header's content, or empty when it is absent or cannot be read (a bad header never fails ingest). */
    public static Optional<NodeStatusHeader> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parameters.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
            }
        }
        String node = parameters.get("node");
        if (node == null || node.isEmpty() || node.length() > MAX_NODE) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NodeStatusHeader(node, count(parameters.get("backlog")), count(parameters.get("dead")),
                count(parameters.get("errors")), reason(parameters.get("lastdead"))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String reason(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = value;
        }
        return decoded.length() > MAX_LAST_DEAD ? decoded.substring(0, MAX_LAST_DEAD) : decoded;
    }

    private static long count(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        long n = Long.parseLong(value);
        if (n < 0) {
            throw new NumberFormatException("negative");
        }
        return n;
    }
}
