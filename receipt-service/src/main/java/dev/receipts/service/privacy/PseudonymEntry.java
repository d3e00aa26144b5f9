package dev.receipts.service.privacy;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of the re-identification table: a pseudonym and the address it stands for. */
@Entity
@Table(name = "pseudonym")
public class PseudonymEntry {
    @Id
    private String pseudonym;

    private String address;

    @Column(name = "created_at")
    private Instant createdAt;

    protected PseudonymEntry() {
    }

    public PseudonymEntry(String pseudonym, String address, Instant createdAt) {
        this.pseudonym = pseudonym;
        this.address = address;
        this.createdAt = createdAt;
    }

    public String pseudonym() {
        return pseudonym;
    }

    public String address() {
        return address;
    }
}
