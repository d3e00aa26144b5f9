package dev.receipts.stack.parsecheck;

/**
 * One recipient as our parser read it from a report: for a DSN or a non-standard bounce the
 * {@code Final-Recipient} (else {@code Original-Recipient}), {@code Action}, {@code Status},
 * {@code Diagnostic-Code} (for a bounce, the reason text) and the reason in the taxonomy
 * ({@code userunknown}, …); for an MDN the {@code Final-Recipient}, the disposition type as the
 * action and the raw {@code Disposition}. Any field may be null.
 */
public record FoundRecipient(String address, String action, String status, String diagnostic, String reason) {

    /** A recipient without a reason (MDNs, and tests of the older columns). */
    public FoundRecipient(String address, String action, String status, String diagnostic) {
        this(address, action, status, diagnostic, null);
    }
}
