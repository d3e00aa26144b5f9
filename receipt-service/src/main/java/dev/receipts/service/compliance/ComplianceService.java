package dev.receipts.service.compliance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.receipts.service.common.InvalidRequestException;
import dev.receipts.service.common.NotFoundException;
import dev.receipts.service.compliance.ComplianceViews.AuditItem;
import dev.receipts.service.compliance.ComplianceViews.AuditPage;
import dev.receipts.service.compliance.ComplianceViews.PixelRow;
import dev.receipts.service.compliance.ComplianceViews.PixelSummary;
import dev.receipts.service.compliance.ComplianceViews.PixelTotals;
import dev.receipts.service.compliance.ComplianceViews.RevealRequest;
import dev.receipts.service.compliance.ComplianceViews.Revealed;
import dev.receipts.service.consent.LedgerService;
import dev.receipts.service.privacy.AuditLog;
import dev.receipts.service.privacy.PseudonymTable;
import dev.receipts.service.privacy.Pseudonyms;

/** Reveals of pseudonyms (justified and audited, successful or not), pixel counts and the audit log. */
@ApplicationScoped
public class ComplianceService {
    public static final String REVEAL = "REVEAL";
    public static final String REVEAL_REFUSED = "REVEAL_REFUSED";
    public static final String REVEAL_UNKNOWN = "REVEAL_UNKNOWN";
    static final int MIN_JUSTIFICATION = 10;
    static final int MAX_JUSTIFICATION = 2000;
    static final int MAX_DAYS = 3660;

    @Inject
    EntityManager em;

    @Inject
    PseudonymTable pseudonymTable;

    @Inject
    AuditLog auditLog;

    Clock clock = Clock.systemUTC();

    /**
     * The address behind a pseudonym. Not one transaction on purpose: every attempt, refused or failed, is
     * audited in its own transaction, which an error answer must not roll back.
     */
    public Revealed reveal(String actor, RevealRequest request) {
        String pseudonym = request == null ? null : request.pseudonym();
        String justification = request == null ? null : request.justification();
        String target = pseudonym == null ? null : clip(pseudonym, 100);
        if (pseudonym == null || !Pseudonyms.isPseudonym(pseudonym.trim())) {
            auditLog.record(actor, REVEAL_REFUSED, target, justification, "not a pseudonym");
            throw new InvalidRequestException("pseudonym must be ps_ and 24 hex digits, got ["
                + (pseudonym == null ? "missing" : clip(pseudonym, 80)) + "]");
        }
        pseudonym = pseudonym.trim();
        long meaningful = justification == null ? 0 : justification.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        if (meaningful < MIN_JUSTIFICATION) {
            auditLog.record(actor, REVEAL_REFUSED, pseudonym, justification, "justification too short");
            throw new InvalidRequestException("justification is required: at least " + MIN_JUSTIFICATION
                + " non-blank characters, got [" + meaningful + "]");
        }
        if (justification.length() > MAX_JUSTIFICATION) {
            auditLog.record(actor, REVEAL_REFUSED, pseudonym, justification, "justification too long");
            throw new InvalidRequestException("justification must be at most " + MAX_JUSTIFICATION
                + " characters, got [" + justification.length() + "]");
        }
        String address = pseudonymTable.reveal(pseudonym).orElse(null);
        if (address == null) {
            auditLog.record(actor, REVEAL_UNKNOWN, pseudonym, justification, "unknown or erased");
            throw new NotFoundException("Pseudonym [" + pseudonym + "] is unknown or was erased");
        }
        auditLog.record(actor, REVEAL, pseudonym, justification, null);
        return new Revealed(pseudonym, address);
    }

    /** Pixels found in the last {@code days} days: totals, and by sender domain and direction. */
    @Transactional
    public PixelSummary pixels(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidRequestException("days must be between 1 and " + MAX_DAYS + ", got [" + days + "]");
        }
        Instant since = clock.instant().minus(Duration.ofDays(days));
        List<Object[]> grouped = em.createQuery("select p.senderDomain, p.direction, count(p), sum(p.pixelCount) "
                + "from PixelReport p where p.occurredAt >= :since group by p.senderDomain, p.direction "
                + "order by sum(p.pixelCount) desc, p.senderDomain, p.direction", Object[].class)
            .setParameter("since", since).getResultList();
        long messages = 0;
        long pixels = 0;
        List<PixelRow> rows = new ArrayList<>();
        for (Object[] row : grouped) {
            long count = ((Number) row[2]).longValue();
            long sum = row[3] == null ? 0 : ((Number) row[3]).longValue();
            messages += count;
            pixels += sum;
            rows.add(new PixelRow((String) row[0], (String) row[1], count, sum));
        }
        return new PixelSummary(days, since, new PixelTotals(messages, pixels), rows);
    }

    /** The audit log, newest first. */
    public AuditPage audit(int page, int size) {
        LedgerService.checkPage(page, size);
        List<AuditItem> items = auditLog.page(page, size).stream()
            .map(a -> new AuditItem(a.id(), a.at(), a.actor(), a.action(), a.target(), a.justification(), a.detail()))
            .toList();
        return new AuditPage(items, page, size);
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max) + "…";
    }
}
