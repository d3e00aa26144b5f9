package dev.receipts.service.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Seeds the report log (received_report, received_report_recipient) with native SQL, as the correlation writes it
 * at ingest: the web API only reads it.
 */
public final class ReportLog {
    private ReportLog() {
    }

    /** The id of the report the correlation logged for this event at ingest. */
    public static long idOf(String eventId) {
        EntityManager em = CDI.current().select(EntityManager.class).get();
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select id from received_report where event_id = :event")
            .setParameter("event", eventId).getSingleResult()).longValue());
    }

    /** One report with one recipient block; returns its id. */
    public static long insert(String eventId, String type, String correlation, String owner, String originalMessageId,
                              String verification, String finalRecipient, String status, String disposition) {
        return insert(eventId, Instant.now(), type, correlation, owner, null, originalMessageId, verification,
            finalRecipient, status, disposition);
    }

    public static long insert(String eventId, Instant receivedAt, String type, String correlation, String owner,
                              String sender, String originalMessageId, String verification, String finalRecipient,
                              String status, String disposition) {
        EntityManager em = CDI.current().select(EntityManager.class).get();
        return QuarkusTransaction.requiringNew().call(() -> {
            Object found = originalMessageId == null ? null : em.createNativeQuery(
                    "select max(id) from sent_message where message_id = :id")
                .setParameter("id", originalMessageId).getSingleResult();
            Long messageId = found == null ? null : ((Number) found).longValue();
            em.createNativeQuery("insert into received_report (event_id, received_at, report_type, heuristic, reporter, "
                    + "report_sender, original_message_id, original_message_id_norm, envelope_id, correlation, message_id, "
                    + "owner, verification, fields) values (:event, :at, :type, false, :reporter, :sender, :omid, :omidNorm, "
                    + "null, :correlation, :message, :owner, :verification, :fields)")
                .setParameter("event", eventId).setParameter("at", Timestamp.from(receivedAt))
                .setParameter("type", type).setParameter("reporter", "dns; mx.partner.example")
                .setParameter("sender", sender)
                .setParameter("omid", originalMessageId)
                .setParameter("omidNorm", originalMessageId == null ? null
                    : originalMessageId.replaceAll("[<>]", "").toLowerCase(Locale.ROOT))
                .setParameter("correlation", correlation).setParameter("message", messageId)
                .setParameter("owner", owner).setParameter("verification", verification)
                .setParameter("fields", "{\"finalRecipient\":\"rfc822;" + finalRecipient + "\",\"status\":"
                    + (status == null ? "null" : "\"" + status + "\"") + ",\"dispositionType\":"
                    + (disposition == null ? "null" : "\"" + disposition + "\"") + "}")
                .executeUpdate();
            long id = ((Number) em.createNativeQuery("select id from received_report where event_id = :event")
                .setParameter("event", eventId).getSingleResult()).longValue();
            String domain = finalRecipient.substring(finalRecipient.indexOf('@') + 1);
            em.createNativeQuery("insert into received_report_recipient (report_id, position, final_recipient, "
                    + "final_recipient_norm, recipient_domain, original_recipient, action, status, reason, disposition, "
                    + "diagnostic) values (:report, 0, :final, :finalNorm, :domain, :original, :action, :status, null, "
                    + ":disposition, :diagnostic)")
                .setParameter("report", id).setParameter("final", "rfc822;" + finalRecipient)
                .setParameter("finalNorm", finalRecipient.toLowerCase(Locale.ROOT)).setParameter("domain", domain)
                .setParameter("original", finalRecipient)
                .setParameter("action", status == null ? null : status.startsWith("5") ? "failed" : "delivered")
                .setParameter("status", status).setParameter("disposition", disposition)
                .setParameter("diagnostic", status == null ? null : "smtp; 550 " + finalRecipient + " unknown")
                .executeUpdate();
            return id;
        });
    }
}
