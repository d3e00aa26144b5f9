package dev.receipts.service.retention;

import static dev.receipts.service.support.Events.dsn;
import static dev.receipts.service.support.Events.dsnRecipient;
import static dev.receipts.service.support.Events.post;
import static dev.receipts.service.support.Events.submitted;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Seeds the retention tests' rows: messages through the ingest API (with an old {@code occurredAt}), every other
 * table by native SQL, as the consent feature's tables have no entity on this branch.
 */
@ApplicationScoped
public class RetentionData {
    @Inject
    EntityManager em;

    public static Instant daysAgo(long days) {
        return Instant.now().minus(Duration.ofDays(days));
    }

    public static String unique(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** A message submitted at the given time by the sender; returns its envelope id (for DSNs). */
    public String message(String messageId, String sender, Instant submittedAt, String... recipients) {
        String envelopeId = unique("env");
        Map<String, Object> event = submitted(messageId, sender, envelopeId, true, recipients);
        event.put("occurredAt", submittedAt.toString());
        post(event).statusCode(200);
        return envelopeId;
    }

    /** A failure DSN for one recipient whose diagnostic names that recipient. */
    public void failure(String envelopeId, String recipient, Instant at) {
        Map<String, Object> event = dsn(envelopeId, null,
            List.of(dsnRecipient(recipient, recipient, "failed", "5.1.1", "smtp; 550 5.1.1 <" + recipient + ">: unknown")));
        event.put("occurredAt", at.toString());
        post(event).statusCode(200).body("accepted", equalTo(1));
    }

    public void ingestedEvent(String eventId, Instant receivedAt, String payload) {
        execute("insert into ingested_event (event_id, event_type, occurred_at, received_at, payload)"
            + " values (?1, 'SUBMITTED', ?2, ?2, ?3)", eventId, utc(receivedAt), payload);
    }

    public void rejectedEvent(String eventId, Instant receivedAt, String payload) {
        execute("insert into rejected_event (event_id, received_at, reason, payload) values (?1, ?2, 'test', ?3)",
            eventId, utc(receivedAt), payload);
    }

    public void pendingReport(String eventId, Instant receivedAt, String finalRecipient) {
        execute("insert into pending_report (event_id, kind, status, received_at, message_id_norm, final_recipient,"
            + " attempts, version) values (?1, 'MDN', 'PENDING', ?2, ?3, ?4, 0, 0)",
            eventId, utc(receivedAt), unique("none") + "@corp.example", finalRecipient);
    }

    /** A ledger row; returns its event id. */
    public String ledger(Instant occurredAt, String employee, String counterpart, String originalMessageId) {
        String eventId = unique("ledger");
        execute("insert into consent_ledger (event_id, occurred_at, recorded_at, kind, employee, counterpart, audience,"
            + " original_message_id, decision, policy_source, policy_choice)"
            + " values (?1, ?2, ?2, 'MDN_SENT', ?3, ?4, 'EXTERNAL', ?5, 'SENT', 'DEFAULT', 'ASK')",
            eventId, utc(occurredAt), employee, counterpart, originalMessageId);
        return eventId;
    }

    public String pixelReport(Instant occurredAt) {
        String eventId = unique("pixels");
        execute("insert into pixel_report (event_id, occurred_at, direction, sender_domain, recipients, pixel_count,"
            + " action) values (?1, ?2, 'INCOMING', 'tracker.example', 1, 1, 'NEUTRALIZED')", eventId, utc(occurredAt));
        return eventId;
    }

    public void auditEntry(Instant at, String target) {
        execute("insert into audit_log (at, actor, action, target) values (?1, 'test', 'TEST', ?2)", utc(at), target);
    }

    public void receiptPolicy(String employee) {
        execute("insert into receipt_policy (employee, internal_choice, external_choice, updated_at, updated_by)"
            + " values (?1, 'ALWAYS', 'NEVER', ?2, ?1)", employee, utc(Instant.now()));
    }

    public void execute(String sql, Object... parameters) {
        QuarkusTransaction.requiringNew().run(() -> bind(em.createNativeQuery(sql), parameters).executeUpdate());
    }

    public long count(String sql, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() ->
            ((Number) bind(em.createNativeQuery(sql), parameters).getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> rows(String sql, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() ->
            (List<Object[]>) bind(em.createNativeQuery(sql), parameters).getResultList());
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String sql, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() ->
            (List<String>) bind(em.createNativeQuery(sql), parameters).getResultList());
    }

    private static Query bind(Query query, Object... parameters) {
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }
}
