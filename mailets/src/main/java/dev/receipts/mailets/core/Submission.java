package dev.receipts.mailets.core;

import java.util.List;

/**
 * What a local user asked for when submitting a message: the identifiers, the DSN request
 * (ENVID, RET, per-recipient NOTIFY and ORCPT), the subject and the MDN request. Nulls stand for "absent".
 */
public final class Submission {
    private final String messageId;
    private final String sender;
    private final String authUser;
    private final String fromHeader;
    private final String envelopeId;
    private final String ret;
    private final String subject;
    private final MdnRequest mdnRequest;
    private final List<EnvelopeRecipient> recipients;

    public Submission(String messageId, String sender, String authUser, String fromHeader, String envelopeId, String ret,
                      String subject, MdnRequest mdnRequest, List<EnvelopeRecipient> recipients) {
        this.messageId = messageId;
        this.sender = sender;
        this.authUser = authUser;
        this.fromHeader = fromHeader;
        this.envelopeId = envelopeId;
        this.ret = ret;
        this.subject = subject;
        this.mdnRequest = mdnRequest;
        this.recipients = List.copyOf(recipients);
    }

    /** True when the sender asked for an MDN or for any DSN (ENVID, RET, or a NOTIFY other than NEVER). */
    public boolean requestsReceipt() {
        return mdnRequest != null || envelopeId != null || ret != null
            || recipients.stream().anyMatch(EnvelopeRecipient::requestsNotification);
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

    public String envelopeId() {
        return envelopeId;
    }

    public String ret() {
        return ret;
    }

    /** The decoded {@code Subject}. */
    public String subject() {
        return subject;
    }

    public MdnRequest mdnRequest() {
        return mdnRequest;
    }

    public List<EnvelopeRecipient> recipients() {
        return recipients;
    }
}
