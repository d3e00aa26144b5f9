package dev.receipts.service.retention;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One erasure request: the erased address only as its pseudonym, who asked and why, and what was done. */
@Entity
@Table(name = "erasure_request")
public class ErasureRequest {
    /** Where a request stands. */
    public enum Status { DONE, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "address_pseudonym")
    private String addressPseudonym;

    @Column(name = "requested_by")
    private String requestedBy;

    @Column(name = "requested_at")
    private Instant requestedAt;

    private String reason;

    private String status;

    @Column(name = "finished_at")
    private Instant finishedAt;

    private String counts;

    private String error;

    protected ErasureRequest() {
    }

    public ErasureRequest(String addressPseudonym, String requestedBy, Instant requestedAt, String reason,
                          Status status, Instant finishedAt, String counts, String error) {
        this.addressPseudonym = addressPseudonym;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
        this.reason = reason;
        this.status = status.name();
        this.finishedAt = finishedAt;
        this.counts = counts;
        this.error = error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    public Long id() {
        return id;
    }

    public String addressPseudonym() {
        return addressPseudonym;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public String reason() {
        return reason;
    }

    public Status status() {
        return Status.valueOf(status);
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public String counts() {
        return counts;
    }

    public String error() {
        return error;
    }
}
