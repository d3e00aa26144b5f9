package dev.receipts.service.consent;

/** An employee's answer to read-receipt requests from one audience (docs/consent.md). */
public enum PolicyChoice {
    /** Every MDN the employee's client sends is let through. */
    ALWAYS,
    /** Every MDN the employee's client sends is stopped at the server. */
    NEVER,
    /** The server leaves it to the client (the default). */
    ASK
}
