package dev.receipts.service.message;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A message a local user submitted; the raw Message-ID is kept as evidence, the normalized one for lookup. */
@Entity
@Table(name = "sent_message")
public class SentMessage {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "message_id_norm")
    private String messageIdNorm;

    private String sender;

    private String owner;

    @Column(name = "envelope_id")
    private String envelopeId;

    @Column(name = "submitted_at")
    private Instant submittedAt;

    @Column(name = "event_id")
    private String eventId;

    /** Null, the clear subject or its keyed hash, by {@code receipts.privacy.subjects}. */
    private String subject;

    protected SentMessage() {
    }

    public SentMessage(String messageId, String messageIdNorm, String sender, String owner, String envelopeId,
                       Instant submittedAt, String eventId) {
        this.messageId = messageId;
        this.messageIdNorm = messageIdNorm;
        this.sender = sender;
        this.owner = owner;
        this.envelopeId = envelopeId;
        this.submittedAt = submittedAt;
        this.eventId = eventId;
    }

    public SentMessage(String messageId, String messageIdNorm, String sender, String owner, String envelopeId,
                       Instant submittedAt, String eventId, String subject) {
        this(messageId, messageIdNorm, sender, owner, envelopeId, submittedAt, eventId);
        this.subject = subject;
    }

    public Long id() {
        return id;
    }

    public String messageId() {
        return messageId;
    }

    public String messageIdNorm() {
        return messageIdNorm;
    }

    public String sender() {
        return sender;
    }

    public String owner() {
        return owner;
    }

    public String envelopeId() {
        return envelopeId;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public String subject() {
        return subject;
    }
}
