package dev.receipts.service.privacy;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The re-identification table (docs/consent.md): every pseudonym the service shows or stores is remembered here
 * with its address, so that a compliance officer with a justification can reveal it, until the address is erased.
 */
@ApplicationScoped
public class PseudonymTable {
    @Inject
    EntityManager em;

    @Inject
    Pseudonyms pseudonyms;

    Clock clock = Clock.systemUTC();

    /**
     * The pseudonym of an address, remembered for a later reveal; null for null. The line is written in its own
     * transaction, so that two requests remembering the same new address at once (a unique violation for the
     * second) never fail their callers' transactions: the loser finds the winner's line.
     */
    public String remember(String address) {
        if (address == null || Pseudonyms.isPseudonym(address)) {
            return address;
        }
        String normalized = address.trim().toLowerCase(Locale.ROOT);
        String pseudonym = pseudonyms.of(normalized);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (em.find(PseudonymEntry.class, pseudonym) == null) {
                    em.persist(new PseudonymEntry(pseudonym, normalized, clock.instant()));
                }
            });
        } catch (RuntimeException e) {
            boolean known = QuarkusTransaction.requiringNew()
                .call(() -> em.find(PseudonymEntry.class, pseudonym) != null);
            if (!known) {
                throw e;
            }
        }
        return pseudonym;
    }

    /** The address behind a pseudonym, unless it was erased or never shown. */
    @Transactional
    public Optional<String> reveal(String pseudonym) {
        return Optional.ofNullable(em.find(PseudonymEntry.class, pseudonym)).map(PseudonymEntry::address);
    }

    /** Forgets an address's pseudonym: after this it cannot be revealed. Returns whether it was known. */
    @Transactional
    public boolean forget(String address) {
        PseudonymEntry entry = em.find(PseudonymEntry.class, pseudonyms.of(address.trim().toLowerCase(Locale.ROOT)));
        if (entry == null) {
            return false;
        }
        em.remove(entry);
        return true;
    }
}
