package dev.receipts.service.consent;

/** Where an effective choice comes from. */
public enum PolicySource {
    /** The organisation's rule is NEVER: it wins over any employee choice. */
    ORGANISATION,
    /** The employee's own choice. */
    EMPLOYEE,
    /** The employee never chose: ASK. */
    DEFAULT
}
