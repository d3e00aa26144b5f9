package dev.receipts.service.consent;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The organisation's policy: exactly one row, id 1, one rule per audience. */
@Entity
@Table(name = "organisation_policy")
public class OrganisationPolicy {
    public static final int ID = 1;

    @Id
    private Integer id;

    @Enumerated(EnumType.STRING)
    @Column(name = "internal_rule")
    private OrganisationRule internalRule;

    @Enumerated(EnumType.STRING)
    @Column(name = "external_rule")
    private OrganisationRule externalRule;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    protected OrganisationPolicy() {
    }

    public OrganisationPolicy(OrganisationRule internalRule, OrganisationRule externalRule, Instant updatedAt,
                              String updatedBy) {
        this.id = ID;
        change(internalRule, externalRule, updatedAt, updatedBy);
    }

    public final void change(OrganisationRule internal, OrganisationRule external, Instant at, String by) {
        this.internalRule = internal;
        this.externalRule = external;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    public OrganisationRule internalRule() {
        return internalRule;
    }

    public OrganisationRule externalRule() {
        return externalRule;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
