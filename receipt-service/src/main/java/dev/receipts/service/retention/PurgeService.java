package dev.receipts.service.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import dev.receipts.service.config.ReceiptsConfig;
import dev.receipts.service.privacy.AuditLog;
import dev.receipts.service.privacy.PseudonymTable;
import dev.receipts.service.privacy.Pseudonyms;
import dev.receipts.service.retention.RetentionRepository.AgedTable;
import dev.receipts.service.retention.RetentionRepository.Batch;
import dev.receipts.service.retention.RetentionRepository.LedgerRow;
import dev.receipts.service.retention.RetentionRepository.RecipientRow;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The retention purge (docs/consent.md, "Retention, legal hold, erasure"): deletes, kind by kind, what is older
 * than its retention, then pseudonymises external addresses older than the pseudonymisation horizon. Each batch
 * of {@code receipts.retention.batch-size} rows is one transaction that also writes the run's progress. Active
 * legal holds protect their messages (and ledger rows about them) from both deletion and pseudonymisation.
 * Only one run at a time, across every instance sharing the database.
 */
@ApplicationScoped
public class PurgeService {
    private static final Logger LOG = Logger.getLogger(PurgeService.class);
    static final String STARTED = "PURGE_STARTED";
    static final String FINISHED = "PURGE_FINISHED";
    /** A RUNNING run without progress for this long was left by a stopped instance. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);

    @Inject
    EntityManager em;

    @Inject
    ReceiptsConfig config;

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

    @Inject
    ManagedExecutor executor;

    Clock clock = Clock.systemUTC();

    /**
     * Starts a run in the background.
     *
     * @throws PurgeAlreadyRunningException when a run is in progress
     */
    public PurgeRun startInBackground(PurgeRun.Trigger trigger, String actor) {
        PurgeRun run = begin(trigger, actor);
        executor.runAsync(() -> execute(run.id()));
        return run;
    }

    /** Runs a purge now, in the caller's thread, unless one is already running. */
    public Optional<PurgeRun> runNow(PurgeRun.Trigger trigger, String actor) {
        PurgeRun run;
        try {
            run = begin(trigger, actor);
        } catch (PurgeAlreadyRunningException e) {
            LOG.infof("Purge not started: run %d is still running", e.runningId());
            return Optional.empty();
        }
        execute(run.id());
        return find(run.id());
    }

    /** The most recent runs, newest first. */
    public List<PurgeRun> recent(int limit) {
        return QuarkusTransaction.requiringNew().call(() ->
            em.createQuery("from PurgeRun r order by r.id desc", PurgeRun.class).setMaxResults(limit).getResultList());
    }

    public Optional<PurgeRun> find(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(em.find(PurgeRun.class, id)));
    }

    PurgeRun begin(PurgeRun.Trigger trigger, String actor) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Instant now = clock.instant();
                for (PurgeRun running : running()) {
                    Instant lastSign = running.heartbeatAt() != null ? running.heartbeatAt() : running.startedAt();
                    if (lastSign.isBefore(now.minus(ABANDONED_AFTER))) {
                        running.finish(PurgeRun.Status.FAILED, "abandoned: no progress since " + lastSign, now);
                        em.flush();
                    } else {
                        throw new PurgeAlreadyRunningException(running.id());
                    }
                }
                PurgeRun run = new PurgeRun(trigger, actor, now, new PurgeProgress().toJson());
                em.persist(run);
                em.flush();
                audit.record(actor, STARTED, "purge run " + run.id(), null, trigger.name());
                return run;
            });
        } catch (PersistenceException e) {
            // Another instance took the running slot between our check and our insert.
            Long id = QuarkusTransaction.requiringNew().call(() -> running().stream().findFirst().map(PurgeRun::id)
                .orElse(null));
            if (id == null) {
                throw e;
            }
            throw new PurgeAlreadyRunningException(id);
        }
    }

    private List<PurgeRun> running() {
        return em.createQuery("from PurgeRun r where r.status = 'RUNNING'", PurgeRun.class).getResultList();
    }

    void execute(long runId) {
        PurgeProgress progress = new PurgeProgress();
        Instant now = clock.instant();
        ReceiptsConfig.Retention retention = config.retention();
        int size = retention.batchSize();
        try {
            deleting(runId, progress, PurgeProgress.MESSAGES, size, () ->
                repository.deleteMessages(repository.unheldMessagesOlderThan(now.minus(retention.messages()), size)));
            // The report log is kept as long as the messages, children first; reports about held messages stay.
            deleting(runId, progress, PurgeProgress.REPORTS, size, () ->
                repository.deleteReports(repository.unheldReportsOlderThan(now.minus(retention.messages()), size)));
            // Orphan reports before raw events: an expired pending report no longer keeps its event.
            deleteAged(runId, progress, PurgeProgress.ORPHAN_REPORTS, AgedTable.ORPHAN_REPORTS,
                now.minus(retention.orphanReports()));
            deleteAged(runId, progress, PurgeProgress.RAW_EVENTS, AgedTable.RAW_EVENTS, now.minus(retention.rawEvents()));
            deleteAged(runId, progress, PurgeProgress.REJECTED_EVENTS, AgedTable.REJECTED_EVENTS,
                now.minus(retention.rawEvents()));
            Instant ledgerCutoff = now.minus(retention.ledger());
            keyset(runId, progress, PurgeProgress.LEDGER, true, size, after -> deleteLedgerBatch(ledgerCutoff, after, size));
            deleteAged(runId, progress, PurgeProgress.PIXEL_REPORTS, AgedTable.PIXEL_REPORTS,
                now.minus(retention.pixelReports()));
            deleteAged(runId, progress, PurgeProgress.AUDIT_LOG, AgedTable.AUDIT_LOG, now.minus(retention.auditLog()));
            Instant horizon = now.minus(config.privacy().pseudonymiseExternalAfter());
            keyset(runId, progress, PurgeProgress.PSEUDONYMISED, false, size,
                after -> pseudonymiseRecipientBatch(horizon, after, size, now));
            // Counted under the same kind: the ledger's counterparts past the same horizon.
            keyset(runId, progress, PurgeProgress.PSEUDONYMISED, true, size,
                after -> pseudonymiseLedgerBatch(horizon, after, size));
            finish(runId, progress, PurgeRun.Status.DONE, null);
            LOG.infof("Purge run %d done: %s", runId, progress.toJson());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Purge run %d failed", runId);
            finish(runId, progress, PurgeRun.Status.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void deleteAged(long runId, PurgeProgress progress, String kind, AgedTable table, Instant cutoff) {
        int size = config.retention().batchSize();
        deleting(runId, progress, kind, size, () -> repository.deleteOlder(table, cutoff, size));
    }

    /** Batches that never skip a row: done when a batch deletes fewer than a full batch. */
    private void deleting(long runId, PurgeProgress progress, String kind, int size, Supplier<Integer> batch) {
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> {
                int n = batch.get();
                progress.add(kind, n);
                if (n < size) {
                    progress.done(kind);
                }
                writeProgress(runId, progress);
                return n;
            });
        } while (deleted >= size);
    }

    /**
     * Batches that may skip rows (held, internal): walk the table by key, adding each batch's changed rows to the
     * kind; the walk ends when a batch reads less than a full one, and then the kind is done if {@code lastWalk}.
     */
    private void keyset(long runId, PurgeProgress progress, String kind, boolean lastWalk, int size,
                        LongFunction<Batch> batch) {
        long after = 0;
        boolean more = true;
        while (more) {
            long from = after;
            Batch b = QuarkusTransaction.requiringNew().call(() -> {
                Batch result = batch.apply(from);
                progress.add(kind, result.changed());
                if (result.scanned() < size && lastWalk) {
                    progress.done(kind);
                }
                writeProgress(runId, progress);
                return result;
            });
            after = b.lastId();
            more = b.scanned() >= size;
        }
    }

    private Batch deleteLedgerBatch(Instant cutoff, long after, int size) {
        HeldData held = holds.held();
        List<LedgerRow> rows = repository.ledgerOlderThan(cutoff, after, size, false);
        List<Long> ids = new ArrayList<>();
        for (LedgerRow row : rows) {
            if (!held.holdsLedgerRow(row.originalMessageId(), row.employee())) {
                ids.add(row.id());
            }
        }
        return new Batch(rows.size(), lastId(rows.stream().map(LedgerRow::id).toList(), after),
            repository.deleteLedgerRows(ids));
    }

    private Batch pseudonymiseRecipientBatch(Instant horizon, long after, int size, Instant now) {
        HeldData held = holds.held();
        List<RecipientRow> rows = repository.unpseudonymisedRecipients(horizon, after, size);
        int changed = 0;
        for (RecipientRow row : rows) {
            if (!held.holdsMessage(row.messageIdNorm(), row.sender(), row.owner()) && pseudonyms.isExternal(row.addressNorm())
                && repository.rewriteRecipient(row, this::pseudonymOfExternal, now)) {
                changed++;
            }
        }
        return new Batch(rows.size(), lastId(rows.stream().map(RecipientRow::id).toList(), after), changed);
    }

    private Batch pseudonymiseLedgerBatch(Instant horizon, long after, int size) {
        HeldData held = holds.held();
        List<LedgerRow> rows = repository.ledgerOlderThan(horizon, after, size, true);
        int changed = 0;
        for (LedgerRow row : rows) {
            if (held.holdsLedgerRow(row.originalMessageId(), row.employee())) {
                continue;
            }
            String counterpart = AddressRewriting.mapList(row.counterpart(), this::pseudonymOfExternal);
            if (!counterpart.equals(row.counterpart())) {
                repository.rewriteLedgerRow(row.id(), row.employee(), counterpart);
                changed++;
            }
        }
        return new Batch(rows.size(), lastId(rows.stream().map(LedgerRow::id).toList(), after), changed);
    }

    /** The pseudonym of an external address, remembered so that compliance can reveal it; other addresses as they are. */
    private String pseudonymOfExternal(String address) {
        return pseudonyms.isExternal(address) ? pseudonymTable.remember(address) : address;
    }

    private static long lastId(List<Long> ids, long after) {
        return ids.isEmpty() ? after : ids.get(ids.size() - 1);
    }

    private void writeProgress(long runId, PurgeProgress progress) {
        em.find(PurgeRun.class, runId).progress(progress.toJson(), clock.instant());
    }

    private void finish(long runId, PurgeProgress progress, PurgeRun.Status status, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            PurgeRun run = em.find(PurgeRun.class, runId);
            run.progress(progress.toJson(), clock.instant());
            run.finish(status, error, clock.instant());
            audit.record(run.requestedBy(), FINISHED, "purge run " + runId, null,
                status + " " + progress.toJson());
        });
    }
}
