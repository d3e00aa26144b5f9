package dev.receipts.service.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.receipts.service.message.SentMessage;
import dev.receipts.service.search.ReportViews.CorrelatedMessage;
import dev.receipts.service.search.ReportViews.ReportDetail;
import dev.receipts.service.search.ReportViews.ReportItem;
import dev.receipts.service.search.ReportViews.ReportRecipientDetail;
import dev.receipts.service.search.ReportViews.ReportRecipientView;

/**
 * Searches the report log ({@code received_report}, written by the correlation) with keyset paging on
 * (received_at, id), newest first, and reads one report in full. {@code shown} turns each address (or text
 * holding addresses) into what the caller may see: clear for the owner, pseudonyms for compliance.
 */
@ApplicationScoped
public class ReportSearch {
    @Inject
    EntityManager em;

    @Inject
    ObjectMapper objectMapper;

    public List<LoggedReport> find(ReportCriteria criteria, Keyset.Cursor after, int limit) {
        Where where = where(criteria).after(after, "r.receivedAt", "r.id");
        return where.bind(em.createQuery("from LoggedReport r where " + where.clause()
                + " order by r.receivedAt desc, r.id desc", LoggedReport.class))
            .setMaxResults(limit).getResultList();
    }

    public long count(ReportCriteria criteria) {
        Where where = where(criteria);
        return where.bind(em.createQuery("select count(r) from LoggedReport r where " + where.clause(), Long.class))
            .getSingleResult();
    }

    public static Keyset.Cursor cursorOf(LoggedReport report) {
        return new Keyset.Cursor(report.receivedAt(), report.id());
    }

    public List<ReportItem> items(List<LoggedReport> reports, UnaryOperator<String> shown) {
        Map<Long, List<LoggedReportRecipient>> recipients = recipientsOf(reports.stream().map(LoggedReport::id).toList());
        return reports.stream().map(r -> new ReportItem(r.id(), r.receivedAt(), r.reportType(), r.heuristic(),
                shown.apply(r.reporter()), r.originalMessageId(), r.envelopeId(), r.correlation(), shown.apply(r.owner()),
                r.verification(),
                recipients.getOrDefault(r.id(), List.of()).stream()
                    .map(x -> new ReportRecipientView(shown.apply(x.finalRecipient()), shown.apply(x.originalRecipient()),
                        x.action(), x.status(), x.reason(), x.disposition()))
                    .toList()))
            .toList();
    }

    /** One report; when {@code owner} is given, only if the report is about one of that owner's messages. */
    public Optional<ReportDetail> detail(long id, String owner, UnaryOperator<String> shown) {
        LoggedReport r = em.find(LoggedReport.class, id);
        if (r == null || (owner != null && !owner.equals(r.owner()))) {
            return Optional.empty();
        }
        CorrelatedMessage message = null;
        if (r.messageId() != null) {
            SentMessage m = em.find(SentMessage.class, r.messageId());
            if (m != null) {
                message = new CorrelatedMessage(m.messageId(), shown.apply(m.owner()), m.submittedAt());
            }
        }
        List<ReportRecipientDetail> recipients = recipientsOf(List.of(r.id())).getOrDefault(r.id(), List.of()).stream()
            .map(x -> new ReportRecipientDetail(shown.apply(x.finalRecipient()), shown.apply(x.originalRecipient()),
                x.action(), x.status(), x.reason(), x.disposition(), shown.apply(x.diagnostic())))
            .toList();
        return Optional.of(new ReportDetail(r.id(), r.receivedAt(), r.reportType(), r.heuristic(),
            shown.apply(r.reporter()), shown.apply(r.reportSender()), r.originalMessageId(), r.envelopeId(),
            r.correlation(), shown.apply(r.owner()), r.verification(), recipients, message,
            fields(shown.apply(r.fields()))));
    }

    /** The parsed fields as stored (JSON); a value that is not JSON is returned as a string. */
    private JsonNode fields(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return objectMapper.readTree(stored);
        } catch (JsonProcessingException e) {
            return objectMapper.getNodeFactory().textNode(stored);
        }
    }

    private Map<Long, List<LoggedReportRecipient>> recipientsOf(Collection<Long> reportIds) {
        Map<Long, List<LoggedReportRecipient>> byReport = new LinkedHashMap<>();
        if (reportIds.isEmpty()) {
            return byReport;
        }
        for (LoggedReportRecipient x : em.createQuery("from LoggedReportRecipient x where x.reportId in :ids "
                + "order by x.reportId, x.position", LoggedReportRecipient.class)
            .setParameter("ids", reportIds).getResultList()) {
            byReport.computeIfAbsent(x.reportId(), k -> new ArrayList<>()).add(x);
        }
        return byReport;
    }

    private static Where where(ReportCriteria c) {
        Where where = new Where();
        if (c.sender() != null) {
            where.and("r.reportSender = :sender or r.owner = :sender", "sender", c.sender());
        }
        if (c.range().from() != null) {
            where.and("r.receivedAt >= :from", "from", c.range().from());
        }
        if (c.range().until() != null) {
            where.and("r.receivedAt < :until", "until", c.range().until());
        }
        if (c.type() != null) {
            where.and("r.reportType = :type", "type", c.type());
        }
        if (c.correlation() != null) {
            where.and("r.correlation = :correlation", "correlation", c.correlation());
        }
        if (c.verification() != null) {
            where.and("r.verification = :verification", "verification", c.verification());
        }
        if (c.filtersRecipients()) {
            StringBuilder x = new StringBuilder("select x.id from LoggedReportRecipient x where x.reportId = r.id");
            if (c.recipient() != null) {
                x.append(" and (x.finalRecipientNorm like :recipient escape '\\'"
                    + " or lower(x.originalRecipient) like :recipient escape '\\')");
                where.parameter("recipient", Filters.contains(c.recipient()));
            }
            if (c.domain() != null) {
                x.append(" and x.recipientDomain = :domain");
                where.parameter("domain", c.domain());
            }
            if (c.status() != null) {
                x.append(" and x.status like :status escape '\\'");
                where.parameter("status", Filters.startsWith(c.status()));
            }
            where.and("exists (" + x + ")");
        }
        return where;
    }
}
