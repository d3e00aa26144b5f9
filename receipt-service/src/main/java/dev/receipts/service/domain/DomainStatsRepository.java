package dev.receipts.service.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * What each destination domain has actually done ({@code domain_stats}), counted at ingest, and the median time
 * to a read receipt, computed from the recipients' timelines (their latest {@value #MEDIAN_SAMPLES} receipts).
 */
@ApplicationScoped
public class DomainStatsRepository {
    static final int MEDIAN_SAMPLES = 501;

    /** A counter of {@code domain_stats}. */
    public enum Counter {
        MESSAGES_SENT("messages_sent"), DSN_SEEN("dsn_seen"), MDN_RETURNED("mdn_returned"), RELAYED("relayed");

        final String column;

        Counter(String column) {
            this.column = column;
        }
    }

    /** One domain's row, and the median. */
    public record Stats(String domain, long messagesSent, long dsnSeen, Instant lastDsnAt, long mdnReturned,
                        long relayed, Duration medianTimeToReceipt, int receiptSamples) {
    }

    @Inject
    EntityManager em;

    /** Adds one to a counter of a domain (creating its row); a DSN also sets {@code last_dsn_at}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void increment(String domain, Counter counter, Instant at) {
        if (domain == null || domain.isBlank()) {
            return;
        }
        String d = domain.length() <= 255 ? domain : domain.substring(0, 255);
        String lastDsn = counter == Counter.DSN_SEEN ? ", last_dsn_at = :at" : "";
        int updated = em.createNativeQuery("update domain_stats set " + counter.column + " = " + counter.column
                + " + 1, updated_at = :at" + lastDsn + " where domain = :d")
            .setParameter("at", at.atOffset(ZoneOffset.UTC)).setParameter("d", d).executeUpdate();
        if (updated == 0) {
            // A concurrent first insert fails on the primary key; the ingest retries the whole event.
            em.createNativeQuery("insert into domain_stats (domain, messages_sent, dsn_seen, last_dsn_at, mdn_returned,"
                    + " relayed, updated_at) values (:d, :sent, :dsn, :lastDsn, :mdn, :relayed, :at)")
                .setParameter("d", d)
                .setParameter("sent", counter == Counter.MESSAGES_SENT ? 1 : 0)
                .setParameter("dsn", counter == Counter.DSN_SEEN ? 1 : 0)
                .setParameter("lastDsn", counter == Counter.DSN_SEEN ? at.atOffset(ZoneOffset.UTC) : null)
                .setParameter("mdn", counter == Counter.MDN_RETURNED ? 1 : 0)
                .setParameter("relayed", counter == Counter.RELAYED ? 1 : 0)
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .executeUpdate();
        }
    }

    @Transactional
    public Optional<Stats> find(String domain) {
        List<?> rows = em.createNativeQuery("select domain, messages_sent, dsn_seen, last_dsn_at, mdn_returned, relayed"
                + " from domain_stats where domain = :d")
            .setParameter("d", domain).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        List<Duration> samples = new ArrayList<>();
        for (Object row : em.createNativeQuery("select m.submitted_at, r.disposition_at from message_recipient r"
                + " join sent_message m on m.id = r.message_id where r.domain = :d and r.disposition_at is not null"
                + " order by r.id desc")
            .setParameter("d", domain).setMaxResults(MEDIAN_SAMPLES).getResultList()) {
            Object[] s = (Object[]) row;
            Duration d = Duration.between(instant(s[0]), instant(s[1]));
            samples.add(d.isNegative() ? Duration.ZERO : d);
        }
        return Optional.of(new Stats((String) r[0], num(r[1]), num(r[2]), r[3] == null ? null : instant(r[3]), num(r[4]),
            num(r[5]), median(samples), samples.size()));
    }

    static Duration median(List<Duration> samples) {
        if (samples.isEmpty()) {
            return null;
        }
        List<Duration> sorted = new ArrayList<>(samples);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    private static long num(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }
}
