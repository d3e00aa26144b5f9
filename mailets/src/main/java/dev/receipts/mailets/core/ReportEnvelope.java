package dev.receipts.mailets.core;

import java.util.List;

/**
 * How a report reached James: its own identifiers and threading headers, and its envelope.
 */
public final class ReportEnvelope {
    private final String messageId;
    private final String sender;
    private final String authUser;
    private final String fromHeader;
    private final List<String> recipients;
    private final String inReplyTo;
    private final String references;

    public ReportEnvelope(String messageId, String sender, String authUser, String fromHeader, List<String> recipients,
                          String inReplyTo, String references) {
        this.messageId = messageId;
        this.sender = sender;
        this.authUser = authUser;
        this.fromHeader = fromHeader;
        this.recipients = List.copyOf(recipients);
        this.inReplyTo = inReplyTo;
        this.references = references;
    }

    public String messageId() {
        return messageId;
    }

    public String sender() {
        return sender;
    }

    public String authUser() {
        return authUser;
    }

    public String fromHeader() {
        return fromHeader;
    }

    public List<String> recipients() {
        return recipients;
    }

    public String inReplyTo() {
        return inReplyTo;
    }

    public String references() {
        return references;
    }
}
