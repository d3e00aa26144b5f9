package dev.receipts.service.correlation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import dev.receipts.service.config.ReceiptsConfig;
import dev.receipts.service.message.MessageRecipient;
import dev.receipts.service.message.TimelineEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Honest silence: marks each recipient whose report did not come within its deadline as "no report expected any
 * more", with the reason, beside its state (never instead of it), and shows reports that waited too long for their
 * message as orphans. A report that comes later clears the silence. Rules: receipt-service/README.md, "Silence".
 */
@ApplicationScoped
public class SilenceService {
    public static final String NO_REPORT_EXPECTED = "NO_REPORT_EXPECTED";
    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(SilenceService.class);

    @Inject
    EntityManager em;

    @Inject
    ReportLog reportLog;

    @Inject
    ReceiptsConfig config;

    Clock clock = Clock.systemUTC();

    @Scheduled(every = "${receipts.correlation.silence-interval:1h}", delayed = "${receipts.correlation.silence-interval:1h}",
        concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run(clock.instant());
    }

    /** One pass at {@code now}; returns the recipients marked (delivery and read silences). */
    public int run(Instant now) {
        ReceiptsConfig.Correlation c = config.correlation();
        Instant deliveryCutoff = now.minus(c.reportDeadline());
        Instant readCutoff = now.minus(c.readReceiptDeadline());
        int marked = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> deliveryBatch(deliveryCutoff, c.reportDeadline(), now));
            marked += batch;
        } while (batch >= BATCH);
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> readBatch(readCutoff, c.readReceiptDeadline(), now));
            marked += batch;
        } while (batch >= BATCH);
        int orphans = QuarkusTransaction.requiringNew().call(() -> reportLog.orphanPendingBefore(now.minus(c.orphanAfter())));
        if (marked > 0 || orphans > 0) {
            LOG.infof("Silence: %d recipient(s) marked %s, %d pending report(s) now orphans", marked, NO_REPORT_EXPECTED,
                orphans);
        }
        return marked;
    }

    private int deliveryBatch(Instant cutoff, Duration deadline, Instant now) {
        List<MessageRecipient> silent = em.createQuery("from MessageRecipient r where r.deliverySilence is null"
                + " and r.deliveryState not in :final and r.deliveryAt < :cutoff order by r.id", MessageRecipient.class)
            .setParameter("final", List.of(DeliveryState.DELIVERED, DeliveryState.FAILED))
            .setParameter("cutoff", cutoff).setMaxResults(BATCH).getResultList();
        for (MessageRecipient r : silent) {
            String reason = deliveryReason(r, deadline);
            r.deliverySilence(reason, now);
            em.persist(new TimelineEntry(r.id(), now, TimelineEntry.Kind.SILENCE, NO_REPORT_EXPECTED, null, reason,
                "silence"));
        }
        return silent.size();
    }

    private int readBatch(Instant cutoff, Duration deadline, Instant now) {
        List<MessageRecipient> silent = em.createQuery("from MessageRecipient r where r.requestedMdn = true"
                + " and r.readSilence is null and r.dispositionState = 'NONE'"
                + " and r.deliveryState <> :failed"
                + " and exists (select 1 from SentMessage m where m.id = r.messageId and m.submittedAt < :cutoff)"
                + " order by r.id", MessageRecipient.class)
            .setParameter("failed", DeliveryState.FAILED)
            .setParameter("cutoff", cutoff).setMaxResults(BATCH).getResultList();
        for (MessageRecipient r : silent) {
            String reason = "no read receipt within " + words(deadline) + ": unknown, not unread";
            r.readSilence(reason, now);
            em.persist(new TimelineEntry(r.id(), now, TimelineEntry.Kind.SILENCE, NO_REPORT_EXPECTED, null, reason,
                "silence"));
        }
        return silent.size();
    }

    /** Why no delivery report is expected any more, in the sender's words. */
    static String deliveryReason(MessageRecipient r, Duration deadline) {
        List<String> notify = r.requestedNotify();
        boolean dsnRequested = !notify.isEmpty() && !(notify.size() == 1 && "NEVER".equalsIgnoreCase(notify.get(0)));
        switch (r.deliveryState()) {
            case RELAYED:
                if (Boolean.FALSE.equals(r.relayDsnOffered())) {
                    return "relayed to a host that does not offer DSN: it will not report";
                }
                return "relayed: the remote host accepted the message and said nothing within " + words(deadline);
            case EXPANDED:
                return "expanded by a list or alias: reports, if any, come for its members, not for this address";
            default:
                if (!dsnRequested) {
                    return "no DSN requested, and no report within " + words(deadline);
                }
                return "no report within " + words(deadline);
        }
    }

    static String words(Duration d) {
        if (d.toHours() % 24 == 0 && d.toDays() > 0) {
            return d.toDays() == 1 ? "1 day" : d.toDays() + " days";
        }
        if (d.toMinutes() % 60 == 0 && d.toHours() > 0) {
            return d.toHours() == 1 ? "1 hour" : d.toHours() + " hours";
        }
        return d.toString();
    }
}
