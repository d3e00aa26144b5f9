package dev.receipts.service.ingest;

import java.time.Instant;
import java.util.List;

/** A well-formed event of the ingest contract ({@code docs/events.md}). */
public sealed interface Event permits Event.Submitted, Event.LocalDelivery, Event.Report {

    String id();

    Instant occurredAt();

    /** {@code SUBMITTED}: a local user submitted a message. */
    record Submitted(String id, Instant occurredAt, String messageId, String sender, String authUser,
                     String envelopeId, boolean mdnRequested, List<SubmittedRecipient> recipients) implements Event {
    }

    /** One envelope recipient of a submitted message, with its DSN request. */
    record SubmittedRecipient(String address, List<String> notifyConditions, String orcpt) {
    }

    /** {@code LOCAL_DELIVERY}: James stored the message in local mailboxes. */
    record LocalDelivery(String id, Instant occurredAt, String messageId, String envelopeId,
                         List<String> recipients) implements Event {
    }

    /** {@code REPORT}: an MDN or a DSN arrived; at most one of {@code dsn} and {@code mdn} is set. */
    record Report(String id, Instant occurredAt, String reportType, String authUser, Dsn dsn, Mdn mdn)
        implements Event {
    }

    /** The parsed {@code message/delivery-status} part (RFC 3464). */
    record Dsn(String originalEnvelopeId, String returnedMessageId, List<DsnRecipient> recipients) {
    }

    /** One per-recipient block of a DSN. */
    record DsnRecipient(String finalRecipient, String originalRecipient, String action, String status,
                        String diagnosticCode) {
    }

    /** The parsed {@code message/disposition-notification} part (RFC 8098). */
    record Mdn(String originalMessageId, String originalRecipient, String finalRecipient, String disposition,
               String dispositionType) {
    }
}
