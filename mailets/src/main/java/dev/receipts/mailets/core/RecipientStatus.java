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
    private final String finalLogId;
    private final BounceReason reason;

    public RecipientStatus(TypedAddress finalRecipient, TypedAddress originalRecipient, String action, String status,
                           String diagnosticCode, String remoteMta, String lastAttemptDate, String willRetryUntil) {
        this(finalRecipient, originalRecipient, action, status, diagnosticCode, remoteMta, lastAttemptDate, willRetryUntil, null, null);
    }

    /**
     * Every field; {@code reason} null means: classify the action, status and diagnostic code with
     * {@link BounceReason#classify}.
     */
    public RecipientStatus(TypedAddress finalRecipient, TypedAddress originalRecipient, String action, String status,
                           String diagnosticCode, String remoteMta, String lastAttemptDate, String willRetryUntil,
                           String finalLogId, BounceReason reason) {
        this.finalLogId = finalLogId;
        this.reason = reason != null ? reason : BounceReason.classify(action, status, diagnosticCode);
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

    /** The {@code Final-Log-ID}: the reporting MTA's own id for the message, for its logs. */
    public String finalLogId() {
        return finalLogId;
    }

    /** Why, in the taxonomy of {@link BounceReason}; read from the wording and codes, so heuristic. */
    public BounceReason reason() {
        return reason;
    }

    /** The status code in plain words ({@link StatusCodes}), or null without a valid code. */
    public String statusText() {
        return StatusCodes.explain(status).orElse(null);
    }
}
