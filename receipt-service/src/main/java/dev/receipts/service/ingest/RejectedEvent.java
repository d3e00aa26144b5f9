package dev.receipts.service.ingest;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A malformed event, kept raw with the reason it was rejected. */
@Entity
@Table(name = "rejected_event")
public class RejectedEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id")
    private String eventId;

    @Column(name = "received_at")
    private Instant receivedAt;

    private String reason;

    @Column(columnDefinition = "text")
    private String payload;

    protected RejectedEvent() {
    }

    public RejectedEvent(String eventId, Instant receivedAt, String reason, String payload) {
        this.eventId = eventId;
        this.receivedAt = receivedAt;
        this.reason = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        this.payload = payload;
    }

    public String eventId() {
        return eventId;
    }

    public String reason() {
        return reason;
    }

    public String payload() {
        return payload;
    }
}
