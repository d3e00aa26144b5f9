package dev.receipts.service.consent;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * One row of the consent ledger: what was asked of or disclosed about one employee, and the policy that decided.
 * Append-only: Hibernate never updates it; only the retention purge deletes and erasure pseudonymises (native SQL).
 */
@Entity
@Immutable
@Table(name = "consent_ledger")
public class LedgerEntry {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id")
    private String eventId;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    @Enumerated(EnumType.STRING)
    private LedgerKind kind;

    private String employee;

    private String counterpart;

    private String audience;

    @Column(name = "original_message_id")
    private String originalMessageId;

    private String disposition;

    private String decision;

    @Column(name = "policy_source")
    private String policySource;

    @Column(name = "policy_choice")
    private String policyChoice;

    @Column(name = "policy_version")
    private String policyVersion;

    private String detail;

    private String node;

    protected LedgerEntry() {
    }

    public LedgerEntry(String eventId, Instant occurredAt, Instant recordedAt, LedgerKind kind, String employee,
                       String counterpart, String audience, String originalMessageId, String disposition,
                       String decision, String policySource, String policyChoice, String policyVersion, String detail,
                       String node) {
        this.eventId = eventId;
        this.occurredAt = occurredAt;
        this.recordedAt = recordedAt;
        this.kind = kind;
        this.employee = employee;
        this.counterpart = clip(counterpart, 2000);
        this.audience = audience;
        this.originalMessageId = clip(originalMessageId, 998);
        this.disposition = clip(disposition, 64);
        this.decision = decision;
        this.policySource = policySource;
        this.policyChoice = policyChoice;
        this.policyVersion = clip(policyVersion, 64);
        this.detail = clip(detail, 1000);
        this.node = clip(node, 255);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    public Long id() {
        return id;
    }

    public String eventId() {
        return eventId;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public LedgerKind kind() {
        return kind;
    }

    public String employee() {
        return employee;
    }

    public String counterpart() {
        return counterpart;
    }

    public String audience() {
        return audience;
    }

    public String originalMessageId() {
        return originalMessageId;
    }

    public String disposition() {
        return disposition;
    }

    public String decision() {
        return decision;
    }

    public String policySource() {
        return policySource;
    }

    public String policyChoice() {
        return policyChoice;
    }

    public String policyVersion() {
        return policyVersion;
    }

    public String detail() {
        return detail;
    }

    public String node() {
        return node;
    }
}
