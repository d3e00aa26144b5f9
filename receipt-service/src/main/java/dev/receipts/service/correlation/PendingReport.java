package dev.receipts.service.correlation;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A report or delivery fact whose message was not known when it arrived, with the keys it will be found by.
 * The event itself stays in {@code ingested_event}.
 */
@Entity
@Table(name = "pending_report")
public class PendingReport {
    /** Where a pending report stands. */
    public enum Status {
        /** Waiting for its message. */
        PENDING,
        /** Applied to its message. */
        CORRELATED,
        /** Its message was found, but none of its recipients. */
        UNMATCHED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id")
    private String eventId;

    private String kind;

    private String status;

    @Column(name = "received_at")
    private Instant receivedAt;

    @Column(name = "message_id_norm")
    private String messageIdNorm;

    @Column(name = "envelope_id")
    private String envelopeId;

    @Column(name = "returned_message_id_norm")
    private String returnedMessageIdNorm;

    @Column(name = "final_recipient")
    private String finalRecipient;

    @Column(name = "original_recipient")
    private String originalRecipient;

    private int attempts;

    @Version
    private int version;

    protected PendingReport() {
    }

    public PendingReport(String eventId, String kind, Instant receivedAt, String messageIdNorm, String envelopeId,
                         String returnedMessageIdNorm, String finalRecipient, String originalRecipient) {
        this.eventId = eventId;
        this.kind = kind;
        this.status = Status.PENDING.name();
        this.receivedAt = receivedAt;
        this.messageIdNorm = messageIdNorm;
        this.envelopeId = envelopeId;
        this.returnedMessageIdNorm = returnedMessageIdNorm;
        this.finalRecipient = truncate(finalRecipient);
        this.originalRecipient = truncate(originalRecipient);
    }

    public void resolve(Status outcome) {
        this.status = outcome.name();
        this.attempts++;
    }

    /** Whether there is anything to find this report's message by. */
    public boolean hasLookupKey() {
        return messageIdNorm != null || envelopeId != null || returnedMessageIdNorm != null;
    }

    public Long id() {
        return id;
    }

    public String eventId() {
        return eventId;
    }

    public Status status() {
        return Status.valueOf(status);
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 1000 ? value : value.substring(0, 1000);
    }
}
