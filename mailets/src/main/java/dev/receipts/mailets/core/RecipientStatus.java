package dev.receipts.mailets.core;

/**
 * The per-recipient fields of a DSN (RFC 3464 §2.3). Every field may be null when the report
 * left it out or it could not be read.
 */
public final class RecipientStatus {
    private final TypedAddress finalRecipient;
    private final TypedAddress originalRecipient;
    private final String action;
    private final String status;
    private final String diagnosticCode;
    private final String remoteMta;
    private final String lastAttemptDate;
    private final String willRetryUntil;

    public RecipientStatus(TypedAddress finalRecipient, TypedAddress originalRecipient, String action, String status,
                           String diagnosticCode, String remoteMta, String lastAttemptDate, String willRetryUntil) {
        this.finalRecipient = finalRecipient;
        this.originalRecipient = originalRecipient;
        this.action = action;
        this.status = status;
        this.diagnosticCode = diagnosticCode;
        this.remoteMta = remoteMta;
        this.lastAttemptDate = lastAttemptDate;
        this.willRetryUntil = willRetryUntil;
    }

    public TypedAddress finalRecipient() {
        return finalRecipient;
    }

    public TypedAddress originalRecipient() {
        return originalRecipient;
    }

    /** Lower case, as in RFC 3464: failed, delayed, delivered, relayed, expanded. */
    public String action() {
        return action;
    }

    /** The {@code d.d.d} status code alone. */
    public String status() {
        return status;
    }

    public String diagnosticCode() {
        return diagnosticCode;
    }

    public String remoteMta() {
        return remoteMta;
    }

    public String lastAttemptDate() {
        return lastAttemptDate;
    }

    public String willRetryUntil() {
        return willRetryUntil;
    }
}
