package dev.receipts.service.retention;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The progress of one purge run, per kind: rows deleted (or pseudonymised) so far and whether the kind is done.
 * Rendered as {@code {"messages":{"deleted":1200,"done":true},…,"pseudonymised":{"pseudonymised":3,"done":false}}}.
 */
final class PurgeProgress {
    static final String MESSAGES = "messages";
    static final String REPORTS = "reports";
    static final String RAW_EVENTS = "rawEvents";
    static final String REJECTED_EVENTS = "rejectedEvents";
    static final String ORPHAN_REPORTS = "orphanReports";
    static final String LEDGER = "ledger";
    static final String PIXEL_REPORTS = "pixelReports";
    static final String AUDIT_LOG = "auditLog";
    static final String PSEUDONYMISED = "pseudonymised";

    /** The kinds in the order a run works through them. */
    static final List<String> KINDS = List.of(MESSAGES, REPORTS, RAW_EVENTS, REJECTED_EVENTS, ORPHAN_REPORTS, LEDGER,
        PIXEL_REPORTS, AUDIT_LOG, PSEUDONYMISED);

    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, Boolean> done = new LinkedHashMap<>();

    PurgeProgress() {
        for (String kind : KINDS) {
            counts.put(kind, new long[1]);
            done.put(kind, false);
        }
    }

    void add(String kind, long rows) {
        counts.get(kind)[0] += rows;
    }

    void done(String kind) {
        done.put(kind, true);
    }

    long count(String kind) {
        return counts.get(kind)[0];
    }

    String toJson() {
        StringBuilder json = new StringBuilder("{");
        for (String kind : KINDS) {
            if (json.length() > 1) {
                json.append(',');
            }
            String counted = PSEUDONYMISED.equals(kind) ? "pseudonymised" : "deleted";
            json.append('"').append(kind).append("\":{\"").append(counted).append("\":").append(count(kind))
                .append(",\"done\":").append(done.get(kind)).append('}');
        }
        return json.append('}').toString();
    }
}
