package dev.receipts.service.correlation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.receipts.contract.MessageIds;
import dev.receipts.service.ingest.Event;

/**
 * Writes the report log (V5, {@code received_report} and {@code received_report_recipient}): one row per
 * {@code REPORT} event, whatever became of it, with its parsed fields ({@code dsn} and {@code mdn} as received,
 * never a body) and the correlation outcome, which a pending report's later fate updates.
 */
@ApplicationScoped
public class ReportLog {
    /** What became of a report, as the log and the compliance search show it. */
    public enum Correlation {
        /** Applied to a sent message (its id and owner are set). */
        CORRELATED,
        /** Waiting for its message (it may arrive later). */
        PENDING,
        /**
         * Can never be applied, as far as we know: nothing to find its message by, its message was found but none of
         * its recipients, or it waited {@code receipts.correlation.orphan-after} in vain (it still correlates if the
         * message comes before the purge removes it).
         */
        ORPHAN,
        /** A DSN naming one of our envelope ids with a bad signature: changes nothing. */
        FORGED,
        /** An auto-reply or feedback report (or a report with neither DSN nor MDN): never changes a state. */
        NOT_APPLICABLE
    }

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper objectMapper;

    /** Records a report; {@code payload} is the stored raw event (only its dsn and mdn objects are kept). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Event.Report report, JsonNode payload, Instant receivedAt, Correlation correlation,
                       Long messageId, String owner, Verification verification) {
        ObjectNode fields = objectMapper.createObjectNode();
        fields.set("dsn", payload == null || payload.get("dsn") == null ? fields.nullNode() : payload.get("dsn"));
        fields.set("mdn", payload == null || payload.get("mdn") == null ? fields.nullNode() : payload.get("mdn"));
        String reporter = report.dsn() != null ? report.dsn().reportingMta()
            : report.mdn() != null ? report.mdn().reportingUa() : null;
        String original = report.mdn() != null ? report.mdn().originalMessageId()
            : report.dsn() != null ? report.dsn().returnedMessageId() : null;
        em.createNativeQuery("insert into received_report (event_id, received_at, report_type, heuristic, reporter,"
                + " report_sender, original_message_id, original_message_id_norm, envelope_id, correlation, message_id,"
                + " owner, verification, fields) values (:event, :at, :type, :heuristic, :reporter, :sender, :original,"
                + " :originalNorm, :envelope, :correlation, :message, :owner, :verification, :fields)")
            .setParameter("event", report.id())
            .setParameter("at", receivedAt.atOffset(ZoneOffset.UTC))
            .setParameter("type", cut(report.reportType(), 64))
            .setParameter("heuristic", report.heuristic())
            .setParameter("reporter", cut(reporter, 1000))
            .setParameter("sender", cut(report.sender(), 512))
            .setParameter("original", cut(original, 998))
            .setParameter("originalNorm", cut(MessageIds.normalizeOrNull(original), 998))
            .setParameter("envelope", report.dsn() == null ? null : cut(report.dsn().originalEnvelopeId(), 512))
            .setParameter("correlation", correlation.name())
            .setParameter("message", messageId)
            .setParameter("owner", cut(owner, 512))
            .setParameter("verification", verification == null ? null : verification.name())
            .setParameter("fields", fields.toString())
            .executeUpdate();
        Long reportId = ((Number) em.createNativeQuery("select id from received_report where event_id = :event")
            .setParameter("event", report.id()).getSingleResult()).longValue();
        int position = 0;
        if (report.dsn() != null) {
            for (Event.DsnRecipient r : report.dsn().recipients()) {
                recipient(reportId, position++, r.finalRecipient(), r.originalRecipient(), r.action(), r.status(),
                    r.reason(), null, r.diagnosticCode() != null ? r.diagnosticCode() : r.statusText());
            }
        } else if (report.mdn() != null) {
            Event.Mdn mdn = report.mdn();
            recipient(reportId, position, mdn.finalRecipient(), mdn.originalRecipient(), null, null, null,
                mdn.dispositionType(), null);
        }
    }

    /** A pending report's fate, once known. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resolve(String eventId, Correlation correlation, Long messageId, String owner,
                        Verification verification) {
        em.createNativeQuery("update received_report set correlation = :correlation, message_id = :message,"
                + " owner = :owner, verification = coalesce(:verification, verification) where event_id = :event")
            .setParameter("correlation", correlation.name())
            .setParameter("message", messageId)
            .setParameter("owner", cut(owner, 512))
            .setParameter("verification", verification == null ? null : verification.name())
            .setParameter("event", eventId)
            .executeUpdate();
    }

    /** Reports still pending after the cutoff become orphans; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int orphanPendingBefore(Instant cutoff) {
        return em.createNativeQuery("update received_report set correlation = 'ORPHAN'"
                + " where correlation = 'PENDING' and received_at < :cutoff")
            .setParameter("cutoff", cutoff.atOffset(ZoneOffset.UTC))
            .executeUpdate();
    }

    /** The correlation of the report with this event id (tests, compliance). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<?> row(String eventId) {
        return em.createNativeQuery("select correlation, message_id, owner, verification, heuristic, fields, report_type"
                + " from received_report where event_id = :event")
            .setParameter("event", eventId).getResultList();
    }

    private void recipient(Long reportId, int position, String finalRecipient, String originalRecipient, String action,
                           String status, String reason, String disposition, String diagnostic) {
        String norm = Addresses.normalize(finalRecipient);
        int at = norm == null ? -1 : norm.lastIndexOf('@');
        em.createNativeQuery("insert into received_report_recipient (report_id, position, final_recipient,"
                + " final_recipient_norm, recipient_domain, original_recipient, action, status, reason, disposition,"
                + " diagnostic) values (:report, :position, :final, :finalNorm, :domain, :original, :action, :status,"
                + " :reason, :disposition, :diagnostic)")
            .setParameter("report", reportId)
            .setParameter("position", position)
            .setParameter("final", cut(finalRecipient, 1000))
            .setParameter("finalNorm", cut(norm, 1000))
            .setParameter("domain", at < 0 ? null : cut(norm.substring(at + 1), 255))
            .setParameter("original", cut(originalRecipient, 1000))
            .setParameter("action", action == null ? null : cut(action.trim().toLowerCase(Locale.ROOT), 32))
            .setParameter("status", cut(status, 32))
            .setParameter("reason", cut(reason, 64))
            .setParameter("disposition", cut(disposition, 64))
            .setParameter("diagnostic", cut(diagnostic, 2000))
            .executeUpdate();
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
