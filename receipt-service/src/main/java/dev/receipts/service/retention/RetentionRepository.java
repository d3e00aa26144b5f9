package dev.receipts.service.retention;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The purge's and erasure's reads and writes, in native SQL portable between H2 2.x and PostgreSQL (several of
 * the tables belong to other features and have no entity here). Every method joins the caller's transaction:
 * the purge calls them one batch per transaction.
 */
@ApplicationScoped
public class RetentionRepository {
    /**
     * Tables whose rows are deleted by age: table, key column, time column, and what keeps a row anyway. A raw
     * event stays while its report is still pending (correlation reads it when the message arrives); the
     * pending report itself goes after {@code receipts.retention.orphan-reports}, and its event at the next run.
     */
    enum AgedTable {
        RAW_EVENTS("ingested_event", "event_id", "received_at",
            " and not exists (select 1 from pending_report p where p.event_id = ingested_event.event_id"
                + " and p.status = 'PENDING')"),
        REJECTED_EVENTS("rejected_event", "id", "received_at", ""),
        ORPHAN_REPORTS("pending_report", "id", "received_at", ""),
        PIXEL_REPORTS("pixel_report", "id", "occurred_at", ""),
        AUDIT_LOG("audit_log", "id", "at", "");

        final String table;
        final String key;
        final String time;
        final String keep;

        AgedTable(String table, String key, String time, String keep) {
            this.table = table;
            this.key = key;
            this.time = time;
            this.keep = keep;
        }
    }

    /** One keyset batch: rows looked at, the last key seen, rows changed (deleted or rewritten). */
    record Batch(int scanned, long lastId, int changed) {
    }

    /** One recipient row, as needed to pseudonymise it. */
    record RecipientRow(long id, String address, String addressNorm, String orcpt, String orcptNorm,
                        String messageIdNorm, String sender, String owner) {
    }

    /** One ledger row, as needed to decide whether a hold protects it and to rewrite it. */
    record LedgerRow(long id, String employee, String counterpart, String originalMessageId) {
    }

    @Inject
    EntityManager em;

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Deletes up to {@code limit} rows of the table older than the cutoff; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteOlder(AgedTable kind, Instant cutoff, int limit) {
        List<?> keys = em.createNativeQuery("select " + kind.key + " from " + kind.table
                + " where " + kind.time + " < :cutoff" + kind.keep + " order by " + kind.key)
            .setParameter("cutoff", utc(cutoff))
            .setMaxResults(limit)
            .getResultList();
        if (keys.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery("delete from " + kind.table + " where " + kind.key + " in (:keys)")
            .setParameter("keys", keys)
            .executeUpdate();
    }

    /** Up to {@code limit} ids of sent messages submitted before the cutoff that no active legal hold protects. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> unheldMessagesOlderThan(Instant cutoff, int limit) {
        return longs(em.createNativeQuery("select m.id from sent_message m where m.submitted_at < :cutoff"
                + " and not exists (select 1 from legal_hold h where h.released_at is null and ("
                + "(h.kind = 'MESSAGE' and h.value_norm = m.message_id_norm)"
                + " or (h.kind = 'SENDER' and (h.value_norm = lower(m.sender) or h.value_norm = lower(m.owner)))))"
                + " order by m.id")
            .setParameter("cutoff", utc(cutoff))
            .setMaxResults(limit)
            .getResultList());
    }

    /** Ids of the messages an address sent or owns, with their normalised Message-IDs (null when none). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, String[]> messagesOf(String address) {
        Map<Long, String[]> out = new LinkedHashMap<>();
        for (Object row : em.createNativeQuery("select m.id, m.message_id_norm, m.sender, m.owner from sent_message m"
                + " where lower(m.sender) = :a or lower(m.owner) = :a order by m.id")
            .setParameter("a", address)
            .getResultList()) {
            Object[] r = (Object[]) row;
            out.put(((Number) r[0]).longValue(), new String[] {(String) r[1], (String) r[2], (String) r[3]});
        }
        return out;
    }

    /** Deletes messages with their recipients and timelines, children first; returns the messages deleted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteMessages(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        em.createNativeQuery("delete from timeline_entry where recipient_id in"
                + " (select r.id from message_recipient r where r.message_id in (:ids))")
            .setParameter("ids", ids).executeUpdate();
        em.createNativeQuery("delete from recipient_alias where recipient_id in"
                + " (select r.id from message_recipient r where r.message_id in (:ids))")
            .setParameter("ids", ids).executeUpdate();
        em.createNativeQuery("delete from message_recipient where message_id in (:ids)")
            .setParameter("ids", ids).executeUpdate();
        return em.createNativeQuery("delete from sent_message where id in (:ids)")
            .setParameter("ids", ids).executeUpdate();
    }

    /** Recipients of messages submitted before the cutoff, not yet pseudonymised, after a key, in key order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<RecipientRow> unpseudonymisedRecipients(Instant cutoff, long after, int limit) {
        return recipients(em.createNativeQuery(RECIPIENT_SELECT + " where m.submitted_at < :cutoff"
                + " and r.pseudonymised_at is null and r.id > :after order by r.id")
            .setParameter("cutoff", utc(cutoff))
            .setParameter("after", after)
            .setMaxResults(limit)
            .getResultList());
    }

    /** Recipients whose address or ORCPT is the (normalised) address. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<RecipientRow> recipientsAddressed(String address) {
        return recipients(em.createNativeQuery(RECIPIENT_SELECT
                + " where r.address_norm = :a or r.orcpt_norm = :a order by r.id")
            .setParameter("a", address)
            .getResultList());
    }

    private static final String RECIPIENT_SELECT = "select r.id, r.address, r.address_norm, r.orcpt, r.orcpt_norm,"
        + " m.message_id_norm, m.sender, m.owner from message_recipient r join sent_message m on m.id = r.message_id";

    private static List<RecipientRow> recipients(List<?> rows) {
        List<RecipientRow> out = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            out.add(new RecipientRow(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], (String) r[6], (String) r[7]));
        }
        return out;
    }

    /**
     * Rewrites one recipient's addresses (address and ORCPT, each passed through the rewrite as a lower-case
     * address) and every occurrence of them in its timeline's details, and marks it pseudonymised.
     *
     * @return whether anything changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean rewriteRecipient(RecipientRow row, UnaryOperator<String> rewrite, Instant now) {
        String addressNorm = rewrite.apply(row.addressNorm());
        String orcptNorm = row.orcptNorm() == null ? null : rewrite.apply(row.orcptNorm());
        boolean addressChanged = !addressNorm.equals(row.addressNorm());
        boolean orcptChanged = !Objects.equals(orcptNorm, row.orcptNorm());
        if (!addressChanged && !orcptChanged) {
            return false;
        }
        em.createNativeQuery("update message_recipient set address = :address, address_norm = :addressNorm,"
                + " orcpt = :orcpt, orcpt_norm = :orcptNorm, pseudonymised_at = :now where id = :id")
            .setParameter("address", addressChanged ? addressNorm : row.address())
            .setParameter("addressNorm", addressNorm)
            .setParameter("orcpt", orcptChanged ? orcptNorm : row.orcpt())
            .setParameter("orcptNorm", orcptNorm)
            .setParameter("now", utc(now))
            .setParameter("id", row.id())
            .executeUpdate();
        for (Object entry : em.createNativeQuery("select t.id, t.detail from timeline_entry t"
                + " where t.recipient_id = :id and t.detail is not null")
            .setParameter("id", row.id())
            .getResultList()) {
            Object[] e = (Object[]) entry;
            String detail = (String) e[1];
            String rewritten = detail;
            if (addressChanged) {
                rewritten = AddressRewriting.replace(rewritten, row.addressNorm(), addressNorm);
            }
            if (orcptChanged) {
                rewritten = AddressRewriting.replace(rewritten, row.orcptNorm(), orcptNorm);
            }
            if (!rewritten.equals(detail)) {
                updateDetail(((Number) e[0]).longValue(), rewritten);
            }
        }
        return true;
    }

    /**
     * Replaces an address in every timeline detail that mentions it, except on held messages; returns how many
     * details changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int replaceInTimelines(String address, String replacement, HeldData held) {
        int changed = 0;
        for (Object entry : em.createNativeQuery("select t.id, t.detail, m.message_id_norm, m.sender, m.owner"
                + " from timeline_entry t join message_recipient r on r.id = t.recipient_id"
                + " join sent_message m on m.id = r.message_id where lower(t.detail) like :p escape '\\'")
            .setParameter("p", AddressRewriting.containsPattern(address))
            .getResultList()) {
            Object[] e = (Object[]) entry;
            if (held.holdsMessage((String) e[2], (String) e[3], (String) e[4])) {
                continue;
            }
            updateDetail(((Number) e[0]).longValue(), AddressRewriting.replace((String) e[1], address, replacement));
            changed++;
        }
        return changed;
    }

    private void updateDetail(long id, String detail) {
        em.createNativeQuery("update timeline_entry set detail = :detail where id = :id")
            .setParameter("detail", detail.length() <= 2000 ? detail : detail.substring(0, 2000))
            .setParameter("id", id)
            .executeUpdate();
    }

    /** Ledger rows that occurred before the cutoff, after a key, in key order; only those with a counterpart if asked. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<LedgerRow> ledgerOlderThan(Instant cutoff, long after, int limit, boolean withCounterpartOnly) {
        return ledgerRows(em.createNativeQuery(LEDGER_SELECT + " where l.occurred_at < :cutoff and l.id > :after"
                + (withCounterpartOnly ? " and l.counterpart is not null" : "") + " order by l.id")
            .setParameter("cutoff", utc(cutoff))
            .setParameter("after", after)
            .setMaxResults(limit)
            .getResultList());
    }

    /** Ledger rows whose employee is the address or whose counterpart list may name it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<LedgerRow> ledgerAbout(String address) {
        return ledgerRows(em.createNativeQuery(LEDGER_SELECT
                + " where lower(l.employee) = :a or lower(l.counterpart) like :p escape '\\' order by l.id")
            .setParameter("a", address)
            .setParameter("p", AddressRewriting.containsPattern(address))
            .getResultList());
    }

    private static final String LEDGER_SELECT =
        "select l.id, l.employee, l.counterpart, l.original_message_id from consent_ledger l";

    private static List<LedgerRow> ledgerRows(List<?> rows) {
        List<LedgerRow> out = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            out.add(new LedgerRow(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3]));
        }
        return out;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteLedgerRows(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery("delete from consent_ledger where id in (:ids)")
            .setParameter("ids", ids).executeUpdate();
    }

    /** Rewrites a ledger row's employee and counterpart (the erasure and pseudonymisation exceptions to append-only). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rewriteLedgerRow(long id, String employee, String counterpart) {
        em.createNativeQuery("update consent_ledger set employee = :employee, counterpart = :counterpart where id = :id")
            .setParameter("employee", employee)
            .setParameter("counterpart", counterpart)
            .setParameter("id", id)
            .executeUpdate();
    }

    /** Deletes the raw ingested and rejected events whose payload mentions the text, in any case. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int[] deleteRawEventsMentioning(String text) {
        String pattern = AddressRewriting.containsPattern(text);
        int ingested = em.createNativeQuery("delete from ingested_event where lower(payload) like :p escape '\\'")
            .setParameter("p", pattern).executeUpdate();
        int rejected = em.createNativeQuery("delete from rejected_event where lower(payload) like :p escape '\\'")
            .setParameter("p", pattern).executeUpdate();
        return new int[] {ingested, rejected};
    }

    /** Deletes the pending reports whose final or original recipient mentions the address. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deletePendingReportsMentioning(String address) {
        return em.createNativeQuery("delete from pending_report where lower(final_recipient) like :p escape '\\'"
                + " or lower(original_recipient) like :p escape '\\'")
            .setParameter("p", AddressRewriting.containsPattern(address))
            .executeUpdate();
    }

    /** Deletes an employee's receipt policy; returns 1 when there was one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteReceiptPolicy(String address) {
        return em.createNativeQuery("delete from receipt_policy where lower(employee) = :a")
            .setParameter("a", address)
            .executeUpdate();
    }

    /** Reports about no message, or about a message no active legal hold protects. */
    private static final String UNHELD_REPORT = " not exists (select 1 from sent_message m, legal_hold h"
        + " where m.id = r.message_id and h.released_at is null and ((h.kind = 'MESSAGE' and h.value_norm = m.message_id_norm)"
        + " or (h.kind = 'SENDER' and (h.value_norm = lower(m.sender) or h.value_norm = lower(m.owner)))))";

    /** Up to {@code limit} ids of report-log rows received before the cutoff that no active legal hold protects. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> unheldReportsOlderThan(Instant cutoff, int limit) {
        return longs(em.createNativeQuery("select r.id from received_report r where r.received_at < :cutoff and"
                + UNHELD_REPORT + " order by r.id")
            .setParameter("cutoff", utc(cutoff))
            .setMaxResults(limit)
            .getResultList());
    }

    /**
     * Ids of the report-log rows that mention the (normalised) address: as the report's sender or the owner of its
     * message, in a recipient block, or anywhere in its parsed fields; except reports about held messages.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> unheldReportsMentioning(String address) {
        return longs(em.createNativeQuery("select r.id from received_report r where (lower(r.report_sender) = :a"
                + " or lower(r.owner) = :a or lower(r.fields) like :p escape '\\'"
                + " or exists (select 1 from received_report_recipient x where x.report_id = r.id and"
                + " (x.final_recipient_norm = :a or lower(x.original_recipient) like :p escape '\\'"
                + " or lower(x.diagnostic) like :p escape '\\'))) and" + UNHELD_REPORT + " order by r.id")
            .setParameter("a", address)
            .setParameter("p", AddressRewriting.containsPattern(address))
            .getResultList());
    }

    /** Deletes report-log rows with their recipient rows, children first; returns the reports deleted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteReports(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        em.createNativeQuery("delete from received_report_recipient where report_id in (:ids)")
            .setParameter("ids", ids).executeUpdate();
        return em.createNativeQuery("delete from received_report where id in (:ids)")
            .setParameter("ids", ids).executeUpdate();
    }

    /** Deletes the aliases (addresses James delivered to in place of a recipient) that are this address. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteAliases(String address) {
        return em.createNativeQuery("delete from recipient_alias where alias_norm = :a")
            .setParameter("a", address).executeUpdate();
    }

    private static List<Long> longs(List<?> values) {
        return values.stream().map(v -> ((Number) v).longValue()).toList();
    }
}
