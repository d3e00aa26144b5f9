package dev.receipts.stack.parsecheck;

/** What the report parser makes of one message file, in the order the summary lists them. */
public enum Classification {
    /** A {@code multipart/report; report-type=delivery-status} (RFC 3464, or RFC 6533's global form). */
    DSN("DSN"),
    /** A {@code multipart/report; report-type=disposition-notification} (RFC 8098). */
    MDN("MDN"),
    /** A {@code multipart/report} of another type, e.g. {@code feedback-report} (RFC 5965). */
    OTHER_REPORT("other report"),
    /** Anything else: a non-standard bounce in prose, an auto-reply, plain mail. */
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
}
