package dev.receipts.service.ingest;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.receipts.contract.EventBounds;
import dev.receipts.service.consent.ConsentIngest;
import dev.receipts.service.correlation.CorrelationService;
import dev.receipts.service.health.IngestMetrics;
import dev.receipts.service.live.MessageChanges;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Stores a batch of events in order, one transaction per event, so that a bad event never rolls back the good
 * ones. The event id is the idempotency key: an event already stored (even by a concurrent request) is a
 * duplicate.
 */
@ApplicationScoped
public class IngestService {
    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private static final int MAX_ATTEMPTS = 3;

    private enum Fate { ACCEPTED, DUPLICATE }

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

    Clock clock = Clock.systemUTC();

    public IngestResult ingest(Iterable<JsonNode> batch) {
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
            if (store(event, node) == Fate.ACCEPTED) {
                metrics.accepted(node.get("type").asText());
                accepted++;
            } else {
                duplicates++;
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
        throw failure;
    }

    private void reject(JsonNode node, String reason) {
        LOG.warnf("Rejected malformed event [%s]: %s", EventParser.idOf(node), reason);
        Instant receivedAt = clock.instant();
        QuarkusTransaction.requiringNew().run(() ->
            repository.persist(new RejectedEvent(EventParser.idOf(node), receivedAt, reason, String.valueOf(node))));
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
