package dev.receipts.service.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/** Records what the nodes report about themselves, and answers the admin's health view. */
@ApplicationScoped
public class NodeHealthService {
    private static final Logger LOG = Logger.getLogger(NodeHealthService.class);

    @Inject
    EntityManager em;

    @Inject
    IngestMetrics metrics;

    Clock clock = Clock.systemUTC();

    /** One node as the admin sees it. */
    public record NodeView(String node, Instant lastEventAt, Instant lastSeenAt, long spoolBacklog, long deadLetters,
                           String lastDeadReason, long errors, long eventsLastHour) {
    }

    public record IngestView(long eventsLastMinute, long eventsLastHour, long rejectedLastHour, long rejectedTotal) {
    }

    /** A rejected event as the admin sees it: never its payload (it may hold subjects and addresses). */
    public record RejectedView(String eventId, Instant receivedAt, String reason) {
    }

    /** {@code GET /api/v1/admin/health}. */
    public record HealthView(List<NodeView> nodes, IngestView ingest, long pendingReports, List<RejectedView> recentRejected) {
    }

    /** How many of the latest rejected events the health view lists. */
    static final int RECENT_REJECTED = 20;

    /**
     * Records a node's status header, in its own transaction; a failure is logged and never fails the ingest
     * (the events matter more than the status).
     */
    public void record(NodeStatusHeader header, int events) {
        metrics.node(header.node(), header.backlog(), header.errors());
        Instant now = clock.instant();
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    NodeStatus status = em.find(NodeStatus.class, header.node());
                    if (status == null) {
                        status = new NodeStatus(header.node());
                        status.seen(header, events, now);
                        em.persist(status);
                    } else {
                        status.seen(header, events, now);
                    }
                });
                return;
            } catch (RuntimeException e) {
                // Two requests of a new node at once: the second insert fails; the retry updates.
                LOG.debugf("Recording the status of node [%s] failed (attempt %d): %s", header.node(), attempt,
                    e.getMessage());
            }
        }
    }

    @Transactional
    public HealthView health() {
        Instant now = clock.instant();
        Instant hourAgo = now.minus(Duration.ofHours(1));
        Map<String, Long> perNode = new HashMap<>();
        em.createQuery("select e.node, count(e) from IngestedEvent e where e.receivedAt >= :since group by e.node",
                Object[].class)
            .setParameter("since", hourAgo).getResultList()
            .forEach(row -> perNode.put((String) row[0], ((Number) row[1]).longValue()));
        List<NodeView> nodes = em.createQuery("from NodeStatus n order by n.node", NodeStatus.class).getResultList()
            .stream()
            .map(n -> new NodeView(n.node(), n.lastEventAt(), n.lastSeenAt(), n.spoolBacklog(), n.deadLetters(),
                n.lastDeadReason(), n.errors(), perNode.getOrDefault(n.node(), 0L)))
            .toList();
        IngestView ingest = new IngestView(countSince("IngestedEvent", now.minus(Duration.ofMinutes(1))),
            countSince("IngestedEvent", hourAgo), countSince("RejectedEvent", hourAgo),
            em.createQuery("select count(r) from RejectedEvent r", Long.class).getSingleResult());
        List<RejectedView> rejected = em.createQuery(
                "select r.eventId, r.receivedAt, r.reason from RejectedEvent r order by r.id desc", Object[].class)
            .setMaxResults(RECENT_REJECTED).getResultList().stream()
            .map(row -> new RejectedView((String) row[0], (Instant) row[1], (String) row[2]))
            .toList();
        return new HealthView(nodes, ingest, pendingReports(), rejected);
    }

    /** When any node was last heard from (an ingest POST or a heartbeat); empty when none ever was. */
    @Transactional
    public Optional<Instant> lastSeen() {
        return Optional.ofNullable(em.createQuery("select max(n.lastSeenAt) from NodeStatus n", Instant.class)
            .getSingleResult());
    }

    /** Reports waiting for their message; also refreshes the gauge. */
    @Transactional
    public long pendingReports() {
        long pending = em.createQuery("select count(p) from PendingReport p where p.status = 'PENDING'", Long.class)
            .getSingleResult();
        metrics.pendingReports(pending);
        return pending;
    }

    @Scheduled(every = "60s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshGauges() {
        pendingReports();
    }

    void onStart(@Observes StartupEvent start) {
        QuarkusTransaction.requiringNew().run(() ->
            em.createQuery("from NodeStatus n", NodeStatus.class).getResultList()
                .forEach(n -> metrics.node(n.node(), n.spoolBacklog(), n.errors())));
    }

    private long countSince(String entity, Instant since) {
        return em.createQuery("select count(e) from " + entity + " e where e.receivedAt >= :since", Long.class)
            .setParameter("since", since).getSingleResult();
    }
}
