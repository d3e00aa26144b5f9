package dev.receipts.service.consent;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import dev.receipts.service.common.InvalidRequestException;
import dev.receipts.service.consent.ConsentViews.ComplianceLedgerItem;
import dev.receipts.service.consent.ConsentViews.LedgerItem;
import dev.receipts.service.consent.ConsentViews.Page;
import dev.receipts.service.consent.ConsentViews.PolicyView;
import dev.receipts.service.privacy.PseudonymTable;
import dev.receipts.service.privacy.Pseudonyms;

/** Reads the consent ledger: an employee's own rows, and every row for compliance with external addresses hidden. */
@ApplicationScoped
public class LedgerService {
    public static final int MAX_PAGE_SIZE = 200;

    @Inject
    EntityManager em;

    @Inject
    Pseudonyms pseudonyms;

    @Inject
    PseudonymTable pseudonymTable;

    /** "Receipts about me": the employee's rows, newest first. */
    @Transactional
    public Page<LedgerItem> mine(String employee, int page, int size) {
        checkPage(page, size);
        List<LedgerItem> items = em.createQuery(
                "from LedgerEntry l where l.employee = :employee order by l.occurredAt desc, l.id desc", LedgerEntry.class)
            .setParameter("employee", employee).setFirstResult(page * size).setMaxResults(size).getResultList()
            .stream()
            .map(l -> new LedgerItem(l.id(), l.occurredAt(), l.kind().name(), l.counterpart(), l.audience(),
                l.originalMessageId(), l.disposition(), l.decision(), policy(l), l.detail()))
            .toList();
        return new Page<>(items, page, size);
    }

    /** Every row, newest first, optionally of one employee or kind; external counterparts as pseudonyms. */
    @Transactional
    public Page<ComplianceLedgerItem> all(String employee, String kind, int page, int size) {
        checkPage(page, size);
        LedgerKind ledgerKind = null;
        if (kind != null && !kind.isBlank()) {
            try {
                ledgerKind = LedgerKind.valueOf(kind.trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("kind must be one of " + Arrays.toString(LedgerKind.values())
                    + ", got [" + clip(kind) + "]");
            }
        }
        String who = employee == null || employee.isBlank() ? null : employee.trim().toLowerCase(Locale.ROOT);
        StringBuilder jpql = new StringBuilder("from LedgerEntry l where 1 = 1");
        if (who != null) {
            jpql.append(" and l.employee = :employee");
        }
        if (ledgerKind != null) {
            jpql.append(" and l.kind = :kind");
        }
        jpql.append(" order by l.occurredAt desc, l.id desc");
        TypedQuery<LedgerEntry> query = em.createQuery(jpql.toString(), LedgerEntry.class);
        if (who != null) {
            query.setParameter("employee", who);
        }
        if (ledgerKind != null) {
            query.setParameter("kind", ledgerKind);
        }
        List<ComplianceLedgerItem> items = query.setFirstResult(page * size).setMaxResults(size).getResultList()
            .stream()
            .map(l -> new ComplianceLedgerItem(l.id(), l.occurredAt(), l.recordedAt(), l.kind().name(),
                forCompliance(l.employee()), forCompliance(l.counterpart()), l.audience(), l.originalMessageId(),
                l.disposition(), l.decision(), policy(l), l.detail(), l.node()))
            .toList();
        return new Page<>(items, page, size);
    }

    /** Each external address of a comma-separated list as its pseudonym, remembered so that it can be revealed. */
    public String forCompliance(String addresses) {
        if (addresses == null || addresses.isEmpty()) {
            return addresses;
        }
        return Arrays.stream(addresses.split(","))
            .map(String::trim)
            .map(a -> pseudonyms.isExternal(a) ? pseudonymTable.remember(a) : a)
            .collect(Collectors.joining(","));
    }

    private static PolicyView policy(LedgerEntry l) {
        return new PolicyView(l.policySource(), l.policyChoice(), l.policyVersion());
    }

    public static void checkPage(int page, int size) {
        if (page < 0) {
            throw new InvalidRequestException("page must be 0 or more, got [" + page + "]");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("size must be between 1 and " + MAX_PAGE_SIZE + ", got [" + size + "]");
        }
    }

    private static String clip(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
