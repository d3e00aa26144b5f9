package dev.receipts.service.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

/**
 * Runs the purge every {@code receipts.retention.purge-interval} (first one interval after start); skipped while
 * a run, manual or scheduled, from this or another instance, is in progress.
 */
@ApplicationScoped
public class PurgeSchedule {
    static final String ACTOR = "scheduler";

    @Inject
    PurgeService purges;

    @Scheduled(identity = "retention-purge", every = "${receipts.retention.purge-interval}",
        delayed = "${receipts.retention.purge-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        purges.runNow(PurgeRun.Trigger.SCHEDULED, ACTOR);
    }
}
