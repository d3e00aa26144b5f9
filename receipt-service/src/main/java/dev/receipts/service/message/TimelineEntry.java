package dev.receipts.service.message;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One fact about one recipient (submission, local delivery, DSN, MDN), kept whatever the precedence decided. */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry {
    /** What produced the entry. */
    public enum Kind { SUBMITTED, LOCAL_DELIVERY, DSN, MDN, RELAYED, SILENCE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "recipient_id")
    private Long recipientId;

    private Instant at;

    private String kind;

    private String state;

    private String status;

    private String detail;

    @Column(name = "event_id")
    private String eventId;

    /** Read by heuristics from a non-standard bounce. */
    private boolean heuristic;

    /** Identifies the reported fact across re-sent copies of one report (null when it cannot be told). */
    @Column(name = "fact_key")
    private String factKey;

    protected TimelineEntry() {
    }

    public TimelineEntry(Long recipientId, Instant at, Kind kind, String state, String status, String detail,
                         String eventId) {
        this.recipientId = recipientId;
        this.at = at;
        this.kind = kind.name();
        this.state = MessageRecipient.truncate(state, 32);
        this.status = MessageRecipient.truncate(status, 32);
        this.detail = MessageRecipient.truncate(detail, 2000);
        this.eventId = eventId;
    }

    public TimelineEntry(Long recipientId, Instant at, Kind kind, String state, String status, String detail,
                         String eventId, boolean heuristic, String factKey) {
        this(recipientId, at, kind, state, status, detail, eventId);
        this.heuristic = heuristic;
        this.factKey = factKey;
    }

    public boolean heuristic() {
        return heuristic;
    }

    public Long id() {
        return id;
    }

    public Long recipientId() {
        return recipientId;
    }

    public Instant at() {
        return at;
    }

    public String kind() {
        return kind;
    }

    public String state() {
        return state;
    }

    public String status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    /** The event that caused this fact. */
    public String eventId() {
        return eventId;
    }
}
