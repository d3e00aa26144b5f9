package dev.receipts.service.correlation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

import dev.receipts.service.config.ReceiptsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Safety net for concurrent ingest: a report stored in one transaction while its message was being stored in
 * another stays pending; the sweep applies it once its message is visible.
 */
@ApplicationScoped
public class CorrelationSweep {
    private static final Logger LOG = Logger.getLogger(CorrelationSweep.class);

    @Inject
    PendingReportRepository pendingReports;

    @Inject
    CorrelationService correlation;

    @Inject
    ReceiptsConfig config;

    @Scheduled(every = "${receipts.correlation.sweep-interval}", delayed = "${receipts.correlation.sweep-interval}",
        concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        sweep();
    }

    /** Retries the pending reports whose message now exists; returns how many were resolved. */
    public int sweep() {
        int resolved = 0;
        for (Long id : QuarkusTransaction.requiringNew()
            .call(() -> pendingReports.findResolvable(config.correlation().sweepBatchSize()))) {
            try {
                if (correlation.retry(id)) {
                    resolved++;
                }
            } catch (OptimisticLockException | StaleStateException e) {
                LOG.debugf("Pending report %s was resolved concurrently", id);
            } catch (RuntimeException e) {
                if (isStale(e)) {
                    LOG.debugf("Pending report %s was resolved concurrently", id);
                } else {
                    LOG.warnf(e, "Pending report %s could not be retried", id);
                }
            }
        }
        if (resolved > 0) {
            LOG.infof("Correlation sweep resolved %d pending report(s)", resolved);
        }
        return resolved;
    }

    private static boolean isStale(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }
}
