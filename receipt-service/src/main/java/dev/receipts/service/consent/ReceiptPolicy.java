package dev.receipts.service.consent;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One employee's receipt policy; an employee without one has ASK for both audiences. */
@Entity
@Table(name = "receipt_policy")
public class ReceiptPolicy {
    @Id
    private String employee;

    @Enumerated(EnumType.STRING)
    @Column(name = "internal_choice")
    private PolicyChoice internalChoice;

    @Enumerated(EnumType.STRING)
    @Column(name = "external_choice")
    private PolicyChoice externalChoice;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    protected ReceiptPolicy() {
    }

    public ReceiptPolicy(String employee, PolicyChoice internalChoice, PolicyChoice externalChoice, Instant updatedAt,
                         String updatedBy) {
        this.employee = employee;
        change(internalChoice, externalChoice, updatedAt, updatedBy);
    }

    public final void change(PolicyChoice internal, PolicyChoice external, Instant at, String by) {
        this.internalChoice = internal;
        this.externalChoice = external;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    public String employee() {
        return employee;
    }

    public PolicyChoice internalChoice() {
        return internalChoice;
    }

    public PolicyChoice externalChoice() {
        return externalChoice;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
