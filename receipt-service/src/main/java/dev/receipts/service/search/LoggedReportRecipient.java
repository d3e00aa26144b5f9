package dev.receipts.service.search;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** One recipient block of a logged report ({@code received_report_recipient}, V5). */
@Entity
@Immutable
@Table(name = "received_report_recipient")
public class LoggedReportRecipient {
    @Id
    private Long id;

    @Column(name = "report_id")
    private Long reportId;

    private int position;

    @Column(name = "final_recipient")
    private String finalRecipient;

    @Column(name = "final_recipient_norm")
    private String finalRecipientNorm;

    @Column(name = "recipient_domain")
    private String recipientDomain;

    @Column(name = "original_recipient")
    private String originalRecipient;

    private String action;

    private String status;

    private String reason;

    private String disposition;

    private String diagnostic;

    protected LoggedReportRecipient() {
    }

    public Long reportId() {
        return reportId;
    }

    public int position() {
        return position;
    }

    public String finalRecipient() {
        return finalRecipient;
    }

    public String originalRecipient() {
        return originalRecipient;
    }

    public String action() {
        return action;
    }

    public String status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String disposition() {
        return disposition;
    }

    public String diagnostic() {
        return diagnostic;
    }
}
