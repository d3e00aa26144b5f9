package dev.receipts.service.privacy;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of the audit log: who did what to which data, and why. Never updated. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private Instant at;

    private String actor;

    private String action;

    private String target;

    private String justification;

    private String detail;

    protected AuditEntry() {
    }

    public AuditEntry(Instant at, String actor, String action, String target, String justification, String detail) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.target = AuditLog.clip(target, 1000);
        this.justification = AuditLog.clip(justification, 2000);
        this.detail = AuditLog.clip(detail, 2000);
    }

    public Long id() {
        return id;
    }

    public Instant at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String target() {
        return target;
    }

    public String justification() {
        return justification;
    }

    public String detail() {
        return detail;
    }
}
