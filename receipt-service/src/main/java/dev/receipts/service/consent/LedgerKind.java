package dev.receipts.service.consent;

/** The kinds of consent ledger rows (docs/consent.md, "The consent ledger"). */
public enum LedgerKind {
    /** A delivered message asked a local recipient for a read receipt. */
    REQUEST_RECEIVED,
    /** The employee's client sent an MDN and the policy ALWAYS let it through. */
    MDN_SENT,
    /** The employee's client sent an MDN and the policy ASK left it to the client: it went through. */
    MDN_LEFT_TO_CLIENT,
    /** The employee's client sent an MDN and the policy NEVER stopped it at the server. */
    MDN_STOPPED
}
