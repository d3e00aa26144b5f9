package dev.receipts.stack.parsecheck;

/** What the report reader makes of one message file, in the order the summary lists them. */
public enum Classification {
    /** A {@code multipart/report; report-type=delivery-status} (RFC 3464, or RFC 6533's global form). */
    DSN("DSN"),
    /** A bounce that is no {@code multipart/report}, its recipients and reasons read from the prose (heuristic). */
    NON_STANDARD_BOUNCE("non-std bounce"),
    /** A {@code multipart/report; report-type=disposition-notification} (RFC 8098): another report. */
    MDN("MDN"),
    /** An automatic reply (RFC 3834): another report, never a delivery fact. */
    AUTO_REPLY("auto-reply"),
    /** A {@code multipart/report} of another type, e.g. {@code feedback-report} (RFC 5965). */
    OTHER_REPORT("other report"),
    /** Anything else: plain mail, or a bounce the heuristics could not read. */
    NOT_A_REPORT("not a report"),
    /** The file could not be read as a message at all. */
    UNREADABLE("unreadable");

    private final String label;

    Classification(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** MDNs, auto-replies, feedback and other reports: the "other report" category of the summary. */
    public boolean isOtherReport() {
        return this == MDN || this == AUTO_REPLY || this == OTHER_REPORT;
    }
}
