package dev.receipts.service.ingest;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/** A well-formed event of the ingest contract ({@code docs/events.md}). */
public sealed interface Event
    permits Event.Submitted, Event.LocalDelivery, Event.Report, Event.MdnDecision, Event.Pixels, Event.Relayed {

    String id();

    Instant occurredAt();

    /**
     * {@code SUBMITTED}: a local user submitted a message. {@code subject} is what may be stored of the Subject after
     * minimisation (null, the clear text, or its keyed hash; see {@code SubjectMinimiser}).
     */
    record Submitted(String id, Instant occurredAt, String messageId, String sender, String authUser,
                     String envelopeId, boolean mdnRequested, List<SubmittedRecipient> recipients, String subject)
        implements Event {

        public Submitted withSubject(String newSubject) {
            return new Submitted(id, occurredAt, messageId, sender, authUser, envelopeId, mdnRequested, recipients,
                newSubject);
        }
    }

    /** One envelope recipient of a submitted message, with its DSN request. */
    record SubmittedRecipient(String address, List<String> notifyConditions, String orcpt) {
    }

    /** {@code LOCAL_DELIVERY}: James stored the message in local mailboxes. */
    record LocalDelivery(String id, Instant occurredAt, String messageId, String envelopeId,
                         List<String> recipients, MdnRequest mdnRequest) implements Event {
    }

    /** The read receipt a delivered message asks for: the header found, its address, and the requester's audience. */
    record MdnRequest(String header, String address, Audience audience) {
    }

    /** Whether every envelope recipient of an MDN (or the requester) is in a domain James serves. */
    enum Audience { INTERNAL, EXTERNAL }

    /** {@code MDN_DECISION}: a local user's client sent an MDN and the server let it through or stopped it. */
    record MdnDecision(String id, Instant occurredAt, String node, String author, List<String> recipients,
                       Audience audience, Decision decision, PolicyRef policy, String originalMessageId,
                       String dispositionType, String messageId, boolean noticeSent) implements Event {
    }

    /** What the server did with an MDN. */
    enum Decision { SENT, STOPPED, LEFT_TO_CLIENT }

    /** The policy that decided: {@code source} and {@code choice} as in docs/consent.md, {@code version} or null. */
    record PolicyRef(String source, String choice, String version) {
    }

    /** {@code PIXELS}: tracking pixels found in a message. */
    record Pixels(String id, Instant occurredAt, String direction, String messageId, String senderDomain,
                  List<String> recipients, int count, SortedMap<String, Integer> reasons, String action)
        implements Event {
    }

    /**
     * {@code REPORT}: a report arrived. {@code reportType} is {@code delivery-status}, {@code disposition-notification},
     * {@code non-standard-bounce} ({@code heuristic}, {@code dsn} filled by heuristics), {@code auto-reply} or
     * {@code feedback-report} (neither dsn nor mdn), or another report-type as received. At most one of {@code dsn}
     * and {@code mdn} is set.
     */
    record Report(String id, Instant occurredAt, String reportType, String messageId, String sender, String authUser,
                  String inReplyTo, String references, boolean heuristic, Dsn dsn, Mdn mdn) implements Event {

        /** Report kinds that never change a delivery or read state (kept in the report log only). */
        public boolean notApplicable() {
            return "auto-reply".equals(reportType) || "feedback-report".equals(reportType) || (dsn == null && mdn == null);
        }
    }

    /** The parsed {@code message/delivery-status} part (RFC 3464), or a non-standard bounce read by heuristics. */
    record Dsn(String reportingMta, String originalEnvelopeId, String arrivalDate, String returnedMessageId,
               List<DsnRecipient> recipients) {
    }

    /**
     * One per-recipient block of a DSN; {@code reason} (a taxonomy word) and {@code statusText} come with
     * non-standard bounces only.
     */
    record DsnRecipient(String finalRecipient, String originalRecipient, String action, String status,
                        String diagnosticCode, String remoteMta, String lastAttemptDate, String reason,
                        String statusText) {
    }

    /**
     * The parsed {@code message/disposition-notification} part (RFC 8098); {@code returnedMessageId} is the
     * Message-ID of the returned original headers, when the mailets send it.
     */
    record Mdn(String reportingUa, String originalMessageId, String originalRecipient, String finalRecipient,
               String disposition, String dispositionType, String returnedMessageId) {
    }

    /**
     * {@code RELAYED}: James's RemoteDelivery handed the message to a remote host for these recipients.
     * {@code remoteHost} and {@code dsnOffered} are null when James does not tell (3.8.1 does not).
     */
    record Relayed(String id, Instant occurredAt, String messageId, String envelopeId, String sender,
                   List<String> recipients, String remoteHost, Boolean dsnOffered) implements Event {
    }
}
