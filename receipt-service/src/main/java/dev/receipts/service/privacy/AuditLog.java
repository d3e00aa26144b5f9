package dev.receipts.service.privacy;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The audit log: every reveal of a pseudonym, legal hold, erasure, purge and policy change is written here, in
 * the caller's transaction, so that the action and its record commit together.
 */
@ApplicationScoped
public class AuditLog {
    @Inject
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** Records an action; joins the caller's transaction (or starts one). */
    @Transactional
    public AuditEntry record(String actor, String action, String target, String justification, String detail) {
        AuditEntry entry = new AuditEntry(clock.instant(), actor, action, target, justification, detail);
        em.persist(entry);
        return entry;
    }

    /** Newest first. */
    @Transactional
    public List<AuditEntry> page(int page, int size) {
        return em.createQuery("from AuditEntry a order by a.id desc", AuditEntry.class)
            .setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
