package dev.receipts.service.ingest;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.receipts.contract.EventBounds;
import dev.receipts.service.common.StorageUnavailableException;
import dev.receipts.service.consent.ConsentIngest;
import dev.receipts.service.correlation.CorrelationService;
import dev.receipts.service.health.IngestMetrics;
import dev.receipts.service.live.MessageChanges;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Stores a batch of events in order, one transaction per event, so that a bad event never rolls back the good
 * ones. The event id is the idempotency key: an event already stored (even by a concurrent request) is a
 * duplicate.
 *
 * <p>No event can fail the batch: an event that is malformed, or that cannot be stored while the database
 * answers (a value a column refuses, a bug in correlation: {@link StoreFailures}), is kept raw in
 * {@code rejected_event} with the reason and counted as rejected. Only a failure of the service itself (the
 * database not answering, a lock or serialization conflict that outlasts the retries) fails the batch, with
 * {@link StorageUnavailableException} (503 and {@code Retry-After}): the forwarder keeps the batch and retries it.
 */
@ApplicationScoped
public class IngestService {
    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private static final int MAX_ATTEMPTS = 3;

    private enum Fate { ACCEPTED, DUPLICATE, REJECTED }

    @Inject
    IngestRepository repository;

    @Inject
    CorrelationService correlation;

    @Inject
    ConsentIngest consent;

    @Inject
    SubjectMinimiser minimiser;

    @Inject
    MessageChanges changes;

    @Inject
    IngestMetrics metrics;

    @Inject
    DurableCommits durableCommits;

    Clock clock = Clock.systemUTC();

    public IngestResult ingest(Iterable<JsonNode> batch) {
        durableCommits.ensure();
        if (!durableCommits.ensured()) {
            throw new StorageUnavailableException("the database's durability settings could not be applied", null);
        }
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        for (JsonNode arrived : batch) {
            // Bound every field by the contract's limits (as the mailets already did): what is stored always fits.
            JsonNode received = EventBounds.apply(arrived);
            // Minimise first: what is dropped must reach neither ingested_event nor rejected_event.
            JsonNode node = minimiser.minimise(received);
            Event event;
            try {
                event = minimiser.minimise(EventParser.parse(received));
            } catch (MalformedEventException e) {
                reject(node, e.getMessage());
                metrics.rejected();
                rejected++;
                continue;
            }
            switch (store(event, node)) {
                case ACCEPTED -> {
                    metrics.accepted(node.get("type").asText());
                    accepted++;
                }
                case DUPLICATE -> duplicates++;
                case REJECTED -> {
                    metrics.rejected();
                    rejected++;
                }
            }
        }
        return new IngestResult(accepted, duplicates, rejected);
    }

    private Fate store(Event event, JsonNode node) {
        Instant receivedAt = clock.instant();
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    if (repository.exists(event.id())) {
                        return Fate.DUPLICATE;
                    }
                    repository.persist(new IngestedEvent(event.id(), node.get("type").asText(), text(node, "node"),
                        text(node, "mailName"), event.occurredAt(), receivedAt, node.toString()));
                    repository.flush();
                    if (!(event instanceof Event.MdnDecision || event instanceof Event.Pixels)) {
                        correlation.handle(event);
                    }
                    consent.handle(event);
                    changes.causedBy(event.id());
                    return Fate.ACCEPTED;
                });
            } catch (RuntimeException e) {
                // Most likely a concurrent request (another James node, a retry) storing the same event: a unique
                // violation or a lock timeout. The next attempt sees the stored event and counts a duplicate.
                LOG.debugf("Storing event [%s] failed (attempt %d): %s", event.id(), attempt, e.getMessage());
                failure = e;
            }
        }
        if (StoreFailures.isTransient(failure) || !repository.databaseAnswers()) {
            throw new StorageUnavailableException("the database does not answer or is busy", failure);
        }
        // The database answers, yet this event cannot be stored: its data is the problem, not the service.
        LOG.errorf(failure, "Event [%s] could not be stored; kept as rejected", event.id());
        reject(node, "could not be stored: " + describe(failure));
        return Fate.REJECTED;
    }

    private void reject(JsonNode node, String reason) {
        LOG.warnf("Rejected event [%s]: %s", EventParser.idOf(node), reason);
        Instant receivedAt = clock.instant();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                String eventId = EventParser.idOf(node);
                // A batch retried after a 503 brings the same rejected event again: kept once.
                if (eventId == null || repository.rejectedWithEventId(eventId).isEmpty()) {
                    repository.persist(new RejectedEvent(eventId, receivedAt, reason, String.valueOf(node)));
                }
            });
        } catch (RuntimeException e) {
            throw new StorageUnavailableException("a rejected event could not be kept", e);
        }
    }

    /** The failure in words: the deepest cause's message, without stack or class names of ours. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 800 ? message.substring(0, 800) + "…" : message;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.asText();
        return text.length() > 255 ? text.substring(0, 255) : text;
    }
}
