package dev.receipts.service.ingest;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Accepted and rejected events. */
@ApplicationScoped
public class IngestRepository {
    @Inject
    EntityManager em;

    public boolean exists(String eventId) {
        return em.find(IngestedEvent.class, eventId) != null;
    }

    public Optional<IngestedEvent> find(String eventId) {
        return Optional.ofNullable(em.find(IngestedEvent.class, eventId));
    }

    public void persist(Object entity) {
        em.persist(entity);
    }

    public void flush() {
        em.flush();
    }

    /** Whether the database answers a trivial query, in a transaction of its own. */
    public boolean databaseAnswers() {
        try {
            return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select 1").getSingleResult() != null);
        } catch (RuntimeException e) {
            return false;
        }
    }

    public List<RejectedEvent> rejectedWithEventId(String eventId) {
        return em.createQuery("from RejectedEvent r where r.eventId = :id order by r.id", RejectedEvent.class)
            .setParameter("id", eventId).getResultList();
    }
}
