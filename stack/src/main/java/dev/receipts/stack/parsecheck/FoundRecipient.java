package dev.receipts.stack.parsecheck;

/**
 * One recipient as our parser read it from a report: for a DSN the {@code Final-Recipient} (else
 * {@code Original-Recipient}), {@code Action}, {@code Status} and {@code Diagnostic-Code}; for an MDN
 * the {@code Final-Recipient}, the disposition type as the action and the raw {@code Disposition}.
 * Any field may be null.
 */
public record FoundRecipient(String address, String action, String status, String diagnostic) {
}
