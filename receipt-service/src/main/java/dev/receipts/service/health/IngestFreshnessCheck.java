package dev.receipts.service.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.receipts.service.config.ReceiptsConfig;

/**
 * Readiness: DOWN when James nodes have reported before but none within {@code receipts.health.ingest-stale-after}
 * (the forwarders send a heartbeat every minute when idle); UP before any node ever reported.
 */
@Readiness
@ApplicationScoped
public class IngestFreshnessCheck implements HealthCheck {
    @Inject
    NodeHealthService nodes;

    @Inject
    ReceiptsConfig config;

    Clock clock = Clock.systemUTC();

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Ingest freshness");
        Optional<Instant> lastSeen = nodes.lastSeen();
        Duration staleAfter = config.health().ingestStaleAfter();
        if (lastSeen.isEmpty()) {
            return response.up().withData("lastSeenAt", "no node has reported yet").build();
        }
        boolean fresh = lastSeen.get().plus(staleAfter).isAfter(clock.instant());
        return response.status(fresh).withData("lastSeenAt", lastSeen.get().toString())
            .withData("staleAfter", staleAfter.toString()).build();
    }
}
