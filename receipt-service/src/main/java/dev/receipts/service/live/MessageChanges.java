package dev.receipts.service.live;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.receipts.service.live.MessageChanged.Change;

/**
 * The ingest path's one hook for live updates: after an event is stored and correlated, tells which recipients it
 * changed (by the timeline entries it wrote) as a {@link MessageChanged} that {@link LiveEvents} sends once the
 * transaction commits.
 */
@ApplicationScoped
public class MessageChanges {
    @Inject
    EntityManager em;

    @Inject
    Event<MessageChanged> changed;

    @Transactional(Transactional.TxType.MANDATORY)
    public void causedBy(String eventId) {
        List<Change> changes = em.createQuery("select distinct new dev.receipts.service.live.MessageChanged$Change("
                + "m.owner, m.messageId, r.address) from TimelineEntry t, MessageRecipient r, SentMessage m "
                + "where t.eventId = :id and r.id = t.recipientId and m.id = r.messageId", Change.class)
            .setParameter("id", eventId).getResultList();
        if (!changes.isEmpty()) {
            changed.fire(new MessageChanged(changes));
        }
    }
}
