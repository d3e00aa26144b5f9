package dev.receipts.stack.parsecheck;

import java.util.List;

/**
 * What a corpus says one sample should yield, from its {@code expected.json}.
 *
 * @param engine    the Sisimai engine that recognised the sample (e.g. {@code Postfix}, {@code ARF}), or null
 * @param extracted the per-recipient DSN fields a simple script pulled out of the machine-readable
 *                  part; empty when the sample has none (a convenience, not ground truth)
 * @param sisimai   what the Sisimai test suite asserts, recipient by recipient; empty when it has no opinion
 */
public record Expectation(String engine, List<ExtractedRecipient> extracted, List<SisimaiRecipient> sisimai) {
    public Expectation {
        extracted = List.copyOf(extracted);
        sisimai = List.copyOf(sisimai);
    }

    /** Sisimai's reasons for messages that are reports or replies but not bounces. */
    private static final List<String> NOT_BOUNCE_REASONS = List.of("feedback", "vacation");

    /** A recipient as the corpus's script read it: raw {@code Final-Recipient}, {@code Action}, {@code Status}. */
    public record ExtractedRecipient(String finalRecipient, String action, String status) {
    }

    /**
     * A recipient as Sisimai sees it: its status code (its own {@code x.0.9xx} codes included),
     * its reason (userunknown, mailboxfull, …) and whether the bounce is hard.
     */
    public record SisimaiRecipient(String status, String reason, boolean hardBounce) {
    }

    /** True when Sisimai reads the sample as a bounce: it names recipients, and not as feedback or an auto-reply. */
    public boolean sisimaiSeesBounce() {
        return !sisimai.isEmpty() && sisimai.stream().noneMatch(r -> NOT_BOUNCE_REASONS.contains(r.reason()));
    }
}
