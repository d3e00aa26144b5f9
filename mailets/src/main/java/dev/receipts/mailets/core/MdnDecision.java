package dev.receipts.mailets.core;

import java.util.List;
import java.util.Objects;

/**
 * What the server decided about one MDN a local user's client sent: who sent it to whom, the
 * audience, the policy that decided, the report's identifiers, and whether the author was told.
 * The content of an {@code MDN_DECISION} event; nulls stand for "absent".
 */
public final class MdnDecision {
    private final String author;
    private final List<String> recipients;
    private final Audience audience;
    private final PolicyDecision policy;
    private final String originalMessageId;
    private final String dispositionType;
    private final String messageId;
    private final boolean noticeSent;

    public MdnDecision(String author, List<String> recipients, Audience audience, PolicyDecision policy,
                       String originalMessageId, String dispositionType, String messageId, boolean noticeSent) {
        this.author = author;
        this.recipients = List.copyOf(recipients);
        this.audience = Objects.requireNonNull(audience, "audience");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.originalMessageId = originalMessageId;
        this.dispositionType = dispositionType;
        this.messageId = messageId;
        this.noticeSent = noticeSent;
    }

    /** The same decision, saying whether the author was sent a notice. */
    public MdnDecision withNoticeSent(boolean sent) {
        return new MdnDecision(author, recipients, audience, policy, originalMessageId, dispositionType, messageId, sent);
    }

    /** What the server does with the MDN. */
    public PolicyDecision.Outcome outcome() {
        return policy.outcome();
    }

    /** The employee whose client sent the MDN, lower case; null when neither SMTP AUTH user nor envelope sender is known. */
    public String author() {
        return author;
    }

    /** The MDN's envelope recipients: who would learn the disposition. */
    public List<String> recipients() {
        return recipients;
    }

    public Audience audience() {
        return audience;
    }

    public PolicyDecision policy() {
        return policy;
    }

    /** The MDN's {@code Original-Message-ID}. */
    public String originalMessageId() {
        return originalMessageId;
    }

    /** e.g. {@code displayed}, lower case. */
    public String dispositionType() {
        return dispositionType;
    }

    /** The MDN's own {@code Message-ID}. */
    public String messageId() {
        return messageId;
    }

    public boolean noticeSent() {
        return noticeSent;
    }
}
