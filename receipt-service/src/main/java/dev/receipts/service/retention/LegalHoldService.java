package dev.receipts.service.retention;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.receipts.contract.MessageIds;
import dev.receipts.service.common.InvalidRequestException;
import dev.receipts.service.common.NotFoundException;
import dev.receipts.service.privacy.AuditLog;

/** Places, releases and lists legal holds, and tells the purge and erasure what the active ones protect. */
@ApplicationScoped
public class LegalHoldService {
    static final String PLACED = "LEGAL_HOLD_PLACED";
    static final String RELEASED = "LEGAL_HOLD_RELEASED";

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    Clock clock = Clock.systemUTC();

    /** Every hold, active and released, newest first. */
    @Transactional
    public List<LegalHold> list() {
        return em.createQuery("from LegalHold h order by h.id desc", LegalHold.class).getResultList();
    }

    /**
     * Places a hold; {@code kind} is {@code MESSAGE} or {@code SENDER}, {@code value} a Message-ID or an address.
     *
     * @throws InvalidRequestException when the kind is unknown, or the value or the reason is missing
     */
    @Transactional
    public LegalHold place(String kind, String value, String reason, String actor) {
        LegalHold.Kind holdKind = parseKind(kind);
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException("value is required: a Message-ID for MESSAGE, an address for SENDER");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("reason is required");
        }
        if (reason.length() > 1000) {
            throw new InvalidRequestException("reason must be at most 1000 characters, got " + reason.length());
        }
        if (value.length() > 998) {
            throw new InvalidRequestException("value must be at most 998 characters, got " + value.length());
        }
        String norm = normalize(holdKind, value);
        LegalHold hold = new LegalHold(holdKind, value.trim(), norm, reason.trim(), actor, clock.instant());
        em.persist(hold);
        em.flush();
        audit.record(actor, PLACED, holdKind + " " + norm, hold.reason(), "legal hold " + hold.id());
        return hold;
    }

    /**
     * Releases a hold (the row stays, with who released it and when). Releasing a released hold changes nothing.
     *
     * @throws NotFoundException when there is no hold with that id
     */
    @Transactional
    public LegalHold release(long id, String actor) {
        LegalHold hold = em.find(LegalHold.class, id);
        if (hold == null) {
            throw new NotFoundException("Legal hold [" + id + "] not found");
        }
        if (hold.release(actor, clock.instant())) {
            audit.record(actor, RELEASED, hold.kind() + " " + hold.valueNorm(), null, "legal hold " + hold.id());
        }
        return hold;
    }

    /** What the active holds protect now: held Message-IDs (including every message of a held sender) and addresses. */
    @Transactional
    public HeldData held() {
        Set<String> messageIds = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (LegalHold hold : em.createQuery("from LegalHold h where h.releasedAt is null", LegalHold.class)
            .getResultList()) {
            (hold.kind() == LegalHold.Kind.MESSAGE ? messageIds : addresses).add(hold.valueNorm());
        }
        if (!addresses.isEmpty()) {
            List<?> ids = em.createNativeQuery("select m.message_id_norm from sent_message m"
                    + " where m.message_id_norm is not null and (lower(m.sender) in (:a) or lower(m.owner) in (:a))")
                .setParameter("a", addresses)
                .getResultList();
            ids.forEach(id -> messageIds.add((String) id));
        }
        return new HeldData(messageIds, addresses);
    }

    static LegalHold.Kind parseKind(String kind) {
        if (kind != null) {
            for (LegalHold.Kind k : LegalHold.Kind.values()) {
                if (k.name().equalsIgnoreCase(kind.trim())) {
                    return k;
                }
            }
        }
        throw new InvalidRequestException("kind must be MESSAGE or SENDER, got [" + kind + "]");
    }

    static String normalize(LegalHold.Kind kind, String value) {
        if (kind == LegalHold.Kind.MESSAGE) {
            return MessageIds.normalize(value)
                .orElseThrow(() -> new InvalidRequestException("value is not a Message-ID: [" + value + "]"));
        }
        String address = value.trim().toLowerCase(Locale.ROOT);
        if (address.indexOf('@') <= 0 || address.endsWith("@") || address.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidRequestException("value is not an address: [" + value + "]");
        }
        return address;
    }
}
