package dev.receipts.service.consent;

/** The organisation's rule for one audience (docs/consent.md). */
public enum OrganisationRule {
    /** The employee's choice applies (the default). */
    EMPLOYEE_CHOICE,
    /** No read receipt goes to that audience, whatever the employee chose. */
    NEVER
}
