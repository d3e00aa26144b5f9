package dev.receipts.service.health;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What one James node last said about its spool (the {@code X-Receipts-Node-Status} header), and when. */
@Entity
@Table(name = "node_status")
public class NodeStatus {
    @Id
    private String node;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    @Column(name = "last_event_at")
    private Instant lastEventAt;

    @Column(name = "spool_backlog")
    private long spoolBacklog;

    @Column(name = "dead_letters")
    private long deadLetters;

    private long errors;

    @Column(name = "last_dead_reason")
    private String lastDeadReason;

    protected NodeStatus() {
    }

    public NodeStatus(String node) {
        this.node = node;
    }

    /** Records a report; {@code events} is the size of the batch it came with (0 for a heartbeat). */
    public void seen(NodeStatusHeader header, int events, Instant at) {
        this.lastSeenAt = at;
        if (events > 0) {
            this.lastEventAt = at;
        }
        this.spoolBacklog = header.backlog();
        this.deadLetters = header.dead();
        this.errors = header.errors();
        if (header.lastDead() != null) {
            this.lastDeadReason = header.lastDead();
        }
    }

    /** Why the node's last event went to its {@code dead/}, as it said; null when none did. */
    public String lastDeadReason() {
        return lastDeadReason;
    }

    public String node() {
        return node;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant lastEventAt() {
        return lastEventAt;
    }

    public long spoolBacklog() {
        return spoolBacklog;
    }

    public long deadLetters() {
        return deadLetters;
    }

    public long errors() {
        return errors;
    }
}
