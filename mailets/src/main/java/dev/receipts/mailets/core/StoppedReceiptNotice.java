package dev.receipts.mailets.core;

import java.util.Objects;

/**
 * The plain-text notice that tells an employee that a read receipt their mail program sent was
 * stopped at the server: to whom, about which message, and which rule stopped it. It names no
 * message content beyond the Message-ID.
 */
public final class StoppedReceiptNotice {
    public static final String SUBJECT = "Read receipt not sent";

    private StoppedReceiptNotice() {
    }

    /** The body of the notice for a stopped MDN. */
    public static String text(MdnDecision decision) {
        Objects.requireNonNull(decision, "decision");
        String recipients = decision.recipients().isEmpty() ? "(no recipient)" : String.join(", ", decision.recipients());
        String about = decision.originalMessageId() == null
            ? "a message that the receipt does not identify (no Original-Message-ID)"
            : "the message " + decision.originalMessageId();
        String kind = decision.dispositionType() == null ? "A read receipt" : "A read receipt (" + decision.dispositionType() + ")";
        String audience = decision.audience() == Audience.INTERNAL ? "internal senders" : "external senders";
        String rule = decision.policy().source() == PolicyDecision.Source.ORGANISATION
            ? "the organisation's policy: no read receipt goes to " + audience + "."
            : "your policy for " + audience + " is NEVER.";
        return kind + " that your mail program sent to " + recipients + "\r\n"
            + "about " + about + " was not sent.\r\n"
            + "\r\n"
            + "It was stopped by " + rule + "\r\n"
            + "\r\n"
            + "Nothing was delivered to " + recipients + ".\r\n"
            + "This notice was sent automatically; there is no need to answer it.\r\n";
    }
}
