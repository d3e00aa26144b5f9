package dev.receipts.service.correlation;

/**
 * How far the origin of a fact is proven (receipt-service/README.md, "Verification levels"). A read receipt is
 * {@code NONE}, {@code AUTHENTICATED} or {@code UNVERIFIED}; a delivery fact is {@code SERVER}, {@code SIGNED_ENVELOPE}
 * or {@code UNVERIFIED}; a DSN that claims one of our envelope ids with a wrong signature is {@code FORGED} and
 * changes nothing.
 */
public enum Verification {
    /** No MDN correlated (read), or nothing but the submission known (delivery). */
    NONE,
    /** The MDN was submitted with SMTP AUTH as the recipient it reports for. */
    AUTHENTICATED,
    /** Our own James recorded the fact (local delivery, hand-over to a remote host). */
    SERVER,
    /** The DSN echoes an envelope id we assigned and signed: it is about a message we sent. */
    SIGNED_ENVELOPE,
    /** Anyone could have sent it. */
    UNVERIFIED,
    /** The DSN names one of our envelope ids with a signature that does not verify: rejected. */
    FORGED
}
