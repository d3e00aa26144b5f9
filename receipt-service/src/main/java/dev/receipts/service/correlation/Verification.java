package dev.receipts.service.correlation;

/** How far a read receipt's origin is proven. */
public enum Verification {
    /** No MDN correlated. */
    NONE,
    /** The MDN was submitted with SMTP AUTH as the recipient it reports for. */
    AUTHENTICATED,
    /** Anyone could have sent it. */
    UNVERIFIED
}
