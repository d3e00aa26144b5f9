package dev.receipts.service.message;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Sent messages, their recipients and timelines. */
@ApplicationScoped
public class MessageRepository {
    @Inject
    EntityManager em;

    public void persist(Object entity) {
        em.persist(entity);
    }

    public void flush() {
        em.flush();
    }

    /** The most recent message with this normalized Message-ID. */
    public Optional<SentMessage> findByMessageId(String messageIdNorm) {
        if (messageIdNorm == null) {
            return Optional.empty();
        }
        return em.createQuery("from SentMessage m where m.messageIdNorm = :id order by m.id desc", SentMessage.class)
            .setParameter("id", messageIdNorm).setMaxResults(1).getResultStream().findFirst();
    }

    public Optional<SentMessage> findByMessageIdAndOwner(String messageIdNorm, String owner) {
        return em.createQuery("from SentMessage m where m.messageIdNorm = :id and m.owner = :owner order by m.id desc",
                SentMessage.class)
            .setParameter("id", messageIdNorm).setParameter("owner", owner).setMaxResults(1)
            .getResultStream().findFirst();
    }

    /** The most recent message submitted with this DSN {@code ENVID}. */
    public Optional<SentMessage> findByEnvelopeId(String envelopeId) {
        if (envelopeId == null) {
            return Optional.empty();
        }
        return em.createQuery("from SentMessage m where m.envelopeId = :env order by m.id desc", SentMessage.class)
            .setParameter("env", envelopeId).setMaxResults(1).getResultStream().findFirst();
    }

    public List<MessageRecipient> recipientsOf(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("from MessageRecipient r where r.messageId in :ids order by r.messageId, r.position",
                MessageRecipient.class)
            .setParameter("ids", messageIds).getResultList();
    }

    /** The logged reports ({@code received_report}) caused by these events: event id → report id. */
    public Map<String, Long> reportIdsByEventId(Collection<String> eventIds) {
        Map<String, Long> ids = new HashMap<>();
        if (eventIds.isEmpty()) {
            return ids;
        }
        em.createQuery("select r.eventId, r.id from LoggedReport r where r.eventId in :ids", Object[].class)
            .setParameter("ids", eventIds).getResultList()
            .forEach(row -> ids.put((String) row[0], (Long) row[1]));
        return ids;
    }

    public List<TimelineEntry> timelinesOf(Collection<Long> recipientIds) {
        if (recipientIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("from TimelineEntry t where t.recipientId in :ids order by t.at, t.id", TimelineEntry.class)
            .setParameter("ids", recipientIds).getResultList();
    }

    /** The recipients of these messages that James delivered to under this (rewritten) address. */
    public List<Long> recipientsByAlias(Collection<Long> recipientIds, String aliasNorm) {
        if (recipientIds.isEmpty() || aliasNorm == null) {
            return List.of();
        }
        return em.createQuery("select a.recipientId from RecipientAlias a where a.recipientId in :ids"
                + " and a.aliasNorm = :alias order by a.id", Long.class)
            .setParameter("ids", recipientIds).setParameter("alias", aliasNorm).getResultList();
    }

    /** Whether this recipient's timeline already holds the fact (a re-sent copy of a report). */
    public boolean hasFact(Long recipientId, String factKey) {
        return factKey != null && !em.createQuery("select t.id from TimelineEntry t where t.recipientId = :r"
                + " and t.factKey = :k", Long.class)
            .setParameter("r", recipientId).setParameter("k", factKey).setMaxResults(1).getResultList().isEmpty();
    }

    public Optional<SentMessage> findById(Long id) {
        return Optional.ofNullable(em.find(SentMessage.class, id));
    }
}
