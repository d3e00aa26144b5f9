package dev.receipts.service.retention;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A legal hold on one message (by Message-ID) or on every message of one sender. While active, the purge and
 * erasure keep what it names; releasing it records who and when, the row itself is never deleted.
 */
@Entity
@Table(name = "legal_hold")
public class LegalHold {
    /** What a hold names. */
    public enum Kind {
        /** One message, by its normalised Message-ID. */
        MESSAGE,
        /** Every message sent (or owned) by one address, lower case. */
        SENDER
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    @Column(name = "hold_value")
    private String value;

    @Column(name = "value_norm")
    private String valueNorm;

    private String reason;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "released_by")
    private String releasedBy;

    @Column(name = "released_at")
    private Instant releasedAt;

    protected LegalHold() {
    }

    public LegalHold(Kind kind, String value, String valueNorm, String reason, String createdBy, Instant createdAt) {
        this.kind = kind;
        this.value = value;
        this.valueNorm = valueNorm;
        this.reason = reason;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /** Releases the hold; a hold already released stays as it was. Returns whether this call released it. */
    public boolean release(String by, Instant at) {
        if (!isActive()) {
            return false;
        }
        this.releasedBy = by;
        this.releasedAt = at;
        return true;
    }

    public boolean isActive() {
        return releasedAt == null;
    }

    public Long id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public String value() {
        return value;
    }

    public String valueNorm() {
        return valueNorm;
    }

    public String reason() {
        return reason;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String releasedBy() {
        return releasedBy;
    }

    public Instant releasedAt() {
        return releasedAt;
    }
}
