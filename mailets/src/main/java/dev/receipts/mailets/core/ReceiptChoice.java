package dev.receipts.mailets.core;

/**
 * An employee's answer to read-receipt requests from one audience (docs/consent.md): let every
 * MDN through ({@code ALWAYS}), stop every MDN at the server ({@code NEVER}), or leave it to the
 * mail client ({@code ASK}, the default).
 */
public enum ReceiptChoice {
    ALWAYS,
    NEVER,
    ASK
}
