package dev.receipts.service.search;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** A row of the report log ({@code received_report}, V5) as the searches read it; written by the correlation. */
@Entity
@Immutable
@Table(name = "received_report")
public class LoggedReport {
    @Id
    private Long id;

    @Column(name = "event_id")
    private String eventId;

    @Column(name = "received_at")
    private Instant receivedAt;

    @Column(name = "report_type")
    private String reportType;

    private boolean heuristic;

    private String reporter;

    @Column(name = "report_sender")
    private String reportSender;

    @Column(name = "original_message_id")
    private String originalMessageId;

    @Column(name = "envelope_id")
    private String envelopeId;

    private String correlation;

    @Column(name = "message_id")
    private Long messageId;

    private String owner;

    private String verification;

    private String fields;

    protected LoggedReport() {
    }

    public Long id() {
        return id;
    }

    public String eventId() {
        return eventId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String reportType() {
        return reportType;
    }

    public boolean heuristic() {
        return heuristic;
    }

    public String reporter() {
        return reporter;
    }

    public String reportSender() {
        return reportSender;
    }

    public String originalMessageId() {
        return originalMessageId;
    }

    public String envelopeId() {
        return envelopeId;
    }

    public String correlation() {
        return correlation;
    }

    public Long messageId() {
        return messageId;
    }

    public String owner() {
        return owner;
    }

    public String verification() {
        return verification;
    }

    public String fields() {
        return fields;
    }
}
