package dev.receipts.service.consent;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** Tracking pixels found in one message, in one direction (a {@code PIXELS} event). */
@Entity
@Immutable
@Table(name = "pixel_report")
public class PixelReport {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id")
    private String eventId;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    private String direction;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "sender_domain")
    private String senderDomain;

    private int recipients;

    @Column(name = "pixel_count")
    private int pixelCount;

    private String reasons;

    private String action;

    protected PixelReport() {
    }

    public PixelReport(String eventId, Instant occurredAt, String direction, String messageId, String senderDomain,
                       int recipients, int pixelCount, String reasons, String action) {
        this.eventId = eventId;
        this.occurredAt = occurredAt;
        this.direction = direction;
        this.messageId = messageId;
        this.senderDomain = senderDomain;
        this.recipients = recipients;
        this.pixelCount = pixelCount;
        this.reasons = reasons;
        this.action = action;
    }

    public Long id() {
        return id;
    }

    public String direction() {
        return direction;
    }

    public String senderDomain() {
        return senderDomain;
    }

    public int pixelCount() {
        return pixelCount;
    }

    public String reasons() {
        return reasons;
    }
}
