package dev.receipts.service.search;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.receipts.service.message.SentMessage;

/**
 * Searches sent messages with keyset paging on (submitted_at, id), newest first. The recipient filters are one
 * {@code exists} on {@code message_recipient}; the owner and time filters use the (owner, submitted_at, id) and
 * (submitted_at, id) indexes (V7).
 */
@ApplicationScoped
public class MessageSearch {
    @Inject
    EntityManager em;

    /** Up to {@code limit} messages after the cursor (null: from the newest). */
    public List<SentMessage> find(MessageCriteria criteria, Keyset.Cursor after, int limit) {
        Where where = where(criteria).after(after, "m.submittedAt", "m.id");
        return where.bind(em.createQuery("from SentMessage m where " + where.clause()
                + " order by m.submittedAt desc, m.id desc", SentMessage.class))
            .setMaxResults(limit).getResultList();
    }

    public long count(MessageCriteria criteria) {
        Where where = where(criteria);
        return where.bind(em.createQuery("select count(m) from SentMessage m where " + where.clause(), Long.class))
            .getSingleResult();
    }

    public static Keyset.Cursor cursorOf(SentMessage message) {
        return new Keyset.Cursor(message.submittedAt(), message.id());
    }

    private static Where where(MessageCriteria c) {
        Where where = new Where();
        if (c.owner() != null) {
            where.and("m.owner = :owner", "owner", c.owner());
        }
        if (c.sender() != null) {
            where.and("m.owner = :sender or m.sender = :sender", "sender", c.sender());
        }
        if (c.range().from() != null) {
            where.and("m.submittedAt >= :from", "from", c.range().from());
        }
        if (c.range().until() != null) {
            where.and("m.submittedAt < :until", "until", c.range().until());
        }
        if (c.filtersRecipients()) {
            StringBuilder r = new StringBuilder("select r.id from MessageRecipient r where r.messageId = m.id");
            if (c.recipient() != null) {
                r.append(" and r.addressNorm like :recipient escape '\\'");
                where.parameter("recipient", Filters.contains(c.recipient()));
            }
            if (c.domain() != null) {
                r.append(" and r.addressNorm like :domain escape '\\'");
                where.parameter("domain", Filters.endsWith("@" + c.domain()));
            }
            if (c.deliveryState() != null) {
                r.append(" and r.deliveryState = :deliveryState");
                where.parameter("deliveryState", c.deliveryState());
            }
            if (c.dispositionState() != null) {
                r.append(" and r.dispositionState = :dispositionState");
                where.parameter("dispositionState", c.dispositionState());
            }
            if (c.verification() != null) {
                r.append(" and r.verification = :verification");
                where.parameter("verification", c.verification());
            }
            where.and("exists (" + r + ")");
        }
        if (c.q() != null) {
            where.and("lower(m.messageId) like :q escape '\\' or exists (select r2.id from MessageRecipient r2 "
                + "where r2.messageId = m.id and r2.addressNorm like :q escape '\\')", "q", Filters.contains(c.q()));
        }
        return where;
    }
}
