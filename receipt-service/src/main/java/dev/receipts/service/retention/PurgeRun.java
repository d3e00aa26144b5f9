package dev.receipts.service.retention;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One run of the retention purge: who or what started it, its status, and its progress per kind as JSON,
 * written after every batch. While it runs it holds the single running slot (see V4__retention_fixes.sql).
 */
@Entity
@Table(name = "purge_run")
public class PurgeRun {
    /** What started a run. */
    public enum Trigger { MANUAL, SCHEDULED }

    /** Where a run stands. */
    public enum Status { RUNNING, DONE, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "trigger_kind")
    private String trigger;

    @Column(name = "requested_by")
    private String requestedBy;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    private String status;

    private String progress;

    private String error;

    @Column(name = "running_slot")
    private Integer runningSlot;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    protected PurgeRun() {
    }

    public PurgeRun(Trigger trigger, String requestedBy, Instant startedAt, String progress) {
        this.trigger = trigger.name();
        this.requestedBy = requestedBy;
        this.startedAt = startedAt;
        this.heartbeatAt = startedAt;
        this.status = Status.RUNNING.name();
        this.runningSlot = 1;
        this.progress = progress;
    }

    void progress(String progress, Instant at) {
        this.progress = progress;
        this.heartbeatAt = at;
    }

    void finish(Status outcome, String error, Instant at) {
        this.status = outcome.name();
        this.error = error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
        this.finishedAt = at;
        this.heartbeatAt = at;
        this.runningSlot = null;
    }

    public Long id() {
        return id;
    }

    public Trigger trigger() {
        return Trigger.valueOf(trigger);
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Status status() {
        return Status.valueOf(status);
    }

    public String progress() {
        return progress;
    }

    public String error() {
        return error;
    }

    public Instant heartbeatAt() {
        return heartbeatAt;
    }
}
