package dev.receipts.service.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import dev.receipts.service.common.InvalidRequestException;
import dev.receipts.service.correlation.Addresses;
import dev.receipts.service.privacy.AuditLog;
import dev.receipts.service.privacy.PseudonymTable;
import dev.receipts.service.privacy.Pseudonyms;
import dev.receipts.service.retention.RetentionRepository.LedgerRow;
import dev.receipts.service.retention.RetentionRepository.RecipientRow;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Erases one address (docs/consent.md, "Retention, legal hold, erasure"), synchronously and in one transaction:
 * deletes the messages it sent, pseudonymises it as a recipient, in timelines and in the ledger, deletes the raw
 * events and orphan reports that mention it and its receipt policy, and forgets its pseudonym. Legally held
 * messages, and the ledger rows about them, are kept as they are. The request is recorded with the pseudonym only.
 */
@ApplicationScoped
public class ErasureService {
    private static final Logger LOG = Logger.getLogger(ErasureService.class);
    static final String ERASURE = "ERASURE";
    static final String ERASURE_FAILED = "ERASURE_FAILED";

    @Inject
    EntityManager em;

    @Inject
    RetentionRepository repository;

    @Inject
    LegalHoldService holds;

    @Inject
    Pseudonyms pseudonyms;

    @Inject
    PseudonymTable pseudonymTable;

    @Inject
    AuditLog audit;

    Clock clock = Clock.systemUTC();

    /**
     * Erases an address now.
     *
     * @throws InvalidRequestException when the address or the reason is missing, or the address is not one
     */
    public ErasureRequest erase(String rawAddress, String reason, String actor) {
        String address = Addresses.normalize(rawAddress);
        if (address == null) {
            throw new InvalidRequestException("address is required");
        }
        if (address.indexOf('@') <= 0 || address.endsWith("@") || Pseudonyms.isPseudonym(address)) {
            throw new InvalidRequestException("address is not an address: [" + rawAddress + "]");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("reason is required");
        }
        if (reason.length() > 1000) {
            throw new InvalidRequestException("reason must be at most 1000 characters, got " + reason.length());
        }
        String pseudonym = pseudonyms.of(address);
        Instant requestedAt = clock.instant();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                String counts = toJson(apply(address, pseudonym, requestedAt));
                ErasureRequest request = new ErasureRequest(pseudonym, actor, requestedAt, reason.trim(),
                    ErasureRequest.Status.DONE, clock.instant(), counts, null);
                em.persist(request);
                audit.record(actor, ERASURE, pseudonym, reason.trim(), counts);
                return request;
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "Erasure of %s failed", pseudonym);
            QuarkusTransaction.requiringNew().run(() -> {
                em.persist(new ErasureRequest(pseudonym, actor, requestedAt, reason.trim(),
                    ErasureRequest.Status.FAILED, clock.instant(), null, e.getClass().getSimpleName()));
                audit.record(actor, ERASURE_FAILED, pseudonym, reason.trim(), null);
            });
            throw e;
        }
    }

    /** Every request, newest first. */
    public List<ErasureRequest> list() {
        return QuarkusTransaction.requiringNew().call(() ->
            em.createQuery("from ErasureRequest r order by r.id desc", ErasureRequest.class).getResultList());
    }

    private Map<String, Object> apply(String address, String pseudonym, Instant now) {
        HeldData held = holds.held();
        Map<String, Object> counts = new LinkedHashMap<>();

        List<Long> deletable = new ArrayList<>();
        int messagesHeld = 0;
        for (Map.Entry<Long, String[]> m : repository.messagesOf(address).entrySet()) {
            String[] keys = m.getValue();
            if (held.holdsMessage(keys[0], keys[1], keys[2])) {
                messagesHeld++;
            } else {
                deletable.add(m.getKey());
            }
        }
        counts.put("messagesDeleted", repository.deleteMessages(deletable));
        counts.put("messagesHeld", messagesHeld);

        UnaryOperator<String> erase = a -> a.equals(address) ? pseudonym : a;
        int recipients = 0;
        int recipientsHeld = 0;
        for (RecipientRow row : repository.recipientsAddressed(address)) {
            if (held.holdsMessage(row.messageIdNorm(), row.sender(), row.owner())) {
                recipientsHeld++;
            } else if (repository.rewriteRecipient(row, erase, now)) {
                recipients++;
            }
        }
        counts.put("recipientsPseudonymised", recipients);
        counts.put("recipientsHeld", recipientsHeld);
        counts.put("timelineDetailsPseudonymised", repository.replaceInTimelines(address, pseudonym, held));

        int ledger = 0;
        int ledgerHeld = 0;
        for (LedgerRow row : repository.ledgerAbout(address)) {
            if (held.holdsLedgerRow(row.originalMessageId(), row.employee())) {
                ledgerHeld++;
                continue;
            }
            String employee = row.employee().equalsIgnoreCase(address) ? pseudonym : row.employee();
            String counterpart = AddressRewriting.mapList(row.counterpart(), erase);
            if (!employee.equals(row.employee()) || !Objects.equals(counterpart, row.counterpart())) {
                repository.rewriteLedgerRow(row.id(), employee, counterpart);
                ledger++;
            }
        }
        counts.put("ledgerPseudonymised", ledger);
        counts.put("ledgerHeld", ledgerHeld);

        int[] raw = repository.deleteRawEventsMentioning(address);
        counts.put("rawEventsDeleted", raw[0]);
        counts.put("rejectedEventsDeleted", raw[1]);
        counts.put("orphanReportsDeleted", repository.deletePendingReportsMentioning(address));
        counts.put("reportsDeleted", repository.deleteReports(repository.unheldReportsMentioning(address)));
        counts.put("aliasesDeleted", repository.deleteAliases(address));
        counts.put("receiptPolicyDeleted", repository.deleteReceiptPolicy(address));
        counts.put("pseudonymForgotten", pseudonymTable.forget(address));
        return counts;
    }

    static String toJson(Map<String, Object> counts) {
        StringBuilder json = new StringBuilder("{");
        counts.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(key).append("\":").append(value);
        });
        return json.append('}').toString();
    }
}
