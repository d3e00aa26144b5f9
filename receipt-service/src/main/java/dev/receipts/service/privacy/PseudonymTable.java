package dev.receipts.service.privacy;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

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

    /** The pseudonym of an address, remembered for a later reveal; null for null. */
    @Transactional
    public String remember(String address) {
        if (address == null || Pseudonyms.isPseudonym(address)) {
            return address;
        }
        String normalized = address.trim().toLowerCase(Locale.ROOT);
        String pseudonym = pseudonyms.of(normalized);
        if (em.find(PseudonymEntry.class, pseudonym) == null) {
            em.persist(new PseudonymEntry(pseudonym, normalized, clock.instant()));
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
