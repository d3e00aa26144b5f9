package dev.receipts.service.ingest;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

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

    public List<RejectedEvent> rejectedWithEventId(String eventId) {
        return em.createQuery("from RejectedEvent r where r.eventId = :id order by r.id", RejectedEvent.class)
            .setParameter("id", eventId).getResultList();
    }
}
