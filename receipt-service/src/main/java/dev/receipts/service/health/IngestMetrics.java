package dev.receipts.service.health;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The service's Prometheus metrics (docs/web-api.md, "Admin"): {@code receipts_events_ingested_total{type}},
 * {@code receipts_events_rejected_total}, {@code receipts_node_spool_backlog{node}},
 * {@code receipts_node_errors{node}}, {@code receipts_pending_reports}.
 */
@ApplicationScoped
public class IngestMetrics {
    private final MeterRegistry registry;
    private final Counter rejected;
    private final AtomicLong pendingReports = new AtomicLong();
    private final Map<String, NodeGauges> nodes = new ConcurrentHashMap<>();

    private record NodeGauges(AtomicLong backlog, AtomicLong errors) {
    }

    @Inject
    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rejected = Counter.builder("receipts.events.rejected").description("Malformed events kept raw")
            .register(registry);
        Gauge.builder("receipts.pending.reports", pendingReports, AtomicLong::get)
            .description("Reports and delivery facts waiting for their message").register(registry);
    }

    public void accepted(String type) {
        Counter.builder("receipts.events.ingested").description("Events stored").tag("type", type)
            .register(registry).increment();
    }

    public void rejected() {
        rejected.increment();
    }

    public void pendingReports(long count) {
        pendingReports.set(count);
    }

    public void node(String node, long backlog, long errors) {
        NodeGauges gauges = nodes.computeIfAbsent(node, n -> {
            NodeGauges g = new NodeGauges(new AtomicLong(), new AtomicLong());
            Gauge.builder("receipts.node.spool.backlog", g.backlog(), AtomicLong::get)
                .description("Events waiting in the node's spool").tag("node", n).register(registry);
            Gauge.builder("receipts.node.errors", g.errors(), AtomicLong::get)
                .description("Failed sends of the node's forwarder since it started").tag("node", n).register(registry);
            return g;
        });
        gauges.backlog().set(backlog);
        gauges.errors().set(errors);
    }
}
