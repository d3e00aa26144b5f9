package dev.receipts.service.ingest;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An accepted event, stored once under its id (the idempotency key), with its raw JSON. */
@Entity
@Table(name = "ingested_event")
public class IngestedEvent {
    @Id
    @Column(name = "event_id")
    private String eventId;

    @Column(name = "event_type")
    private String eventType;

    private String node;

    @Column(name = "mail_name")
    private String mailName;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    @Column(name = "received_at")
    private Instant receivedAt;

    @Column(columnDefinition = "text")
    private String payload;

    protected IngestedEvent() {
    }

    public IngestedEvent(String eventId, String eventType, String node, String mailName, Instant occurredAt,
                         Instant receivedAt, String payload) {
        this.eventId = eventId;
        this.eventType = eventType;
        this.node = node;
        this.mailName = mailName;
        this.occurredAt = occurredAt;
        this.receivedAt = receivedAt;
        this.payload = payload;
    }

    public String eventId() {
        return eventId;
    }

    public String payload() {
        return payload;
    }
}
