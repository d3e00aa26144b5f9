package dev.receipts.service.correlation;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Reports waiting for their message. */
@ApplicationScoped
public class PendingReportRepository {
    @Inject
    EntityManager em;

    public void persist(PendingReport report) {
        em.persist(report);
    }

    public Optional<PendingReport> findById(Long id) {
        return Optional.ofNullable(em.find(PendingReport.class, id));
    }

    /** Pending reports that a message with these keys may resolve, in the order they were received. */
    public List<PendingReport> findPendingFor(String messageIdNorm, String envelopeId) {
        return em.createQuery("from PendingReport p where p.status = 'PENDING' and ("
                    + "(p.messageIdNorm is not null and p.messageIdNorm = :mid)"
                    + " or (p.returnedMessageIdNorm is not null and p.returnedMessageIdNorm = :mid)"
                    + " or (p.envelopeId is not null and p.envelopeId = :env)) order by p.id",
                PendingReport.class)
            .setParameter("mid", messageIdNorm == null ? "" : messageIdNorm)
            .setParameter("env", envelopeId == null ? "" : envelopeId)
            .getResultList();
    }

    /** Ids of pending reports whose message now exists, oldest first. */
    public List<Long> findResolvable(int limit) {
        return em.createQuery("select p.id from PendingReport p where p.status = 'PENDING' and exists ("
                    + "select 1 from SentMessage m where m.messageIdNorm = p.messageIdNorm"
                    + " or m.messageIdNorm = p.returnedMessageIdNorm or m.envelopeId = p.envelopeId) order by p.id",
                Long.class)
            .setMaxResults(limit).getResultList();
    }

    public long countPending() {
        return em.createQuery("select count(p) from PendingReport p where p.status = 'PENDING'", Long.class)
            .getSingleResult();
    }
}
