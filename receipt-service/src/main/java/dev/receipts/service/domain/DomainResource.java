package dev.receipts.service.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.receipts.service.common.InvalidRequestException;
import dev.receipts.service.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** {@code GET /api/v1/domains/{domain}}: what a destination domain has actually done with our reports. */
@Path("/api/v1/domains")
@RolesAllowed(Roles.EMPLOYEE)
@Blocking
public class DomainResource {
    /** The API's view of one domain; zeros and nulls for a domain never written to. */
    public record DomainView(String domain, long messagesSent, long dsnSeen, Instant lastDsnAt, long mdnsReturned,
                             long relayed, String medianTimeToReceipt, int receiptSamples) {
    }

    @Inject
    DomainStatsRepository stats;

    @GET
    @Path("{domain}")
    @Produces(MediaType.APPLICATION_JSON)
    public DomainView domain(@PathParam("domain") String raw) {
        String domain = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (domain.isEmpty() || domain.length() > 255 || !domain.matches("[\\p{L}\\p{N}.-]+")) {
            throw new InvalidRequestException("domain must be a domain name, got [" + raw + "]");
        }
        return stats.find(domain)
            .map(s -> new DomainView(s.domain(), s.messagesSent(), s.dsnSeen(), s.lastDsnAt(), s.mdnReturned(),
                s.relayed(), iso(s.medianTimeToReceipt()), s.receiptSamples()))
            .orElse(new DomainView(domain, 0, 0, null, 0, 0, null, 0));
    }

    /** ISO-8601, to the second ({@code PT3H12M}), or null. */
    public static String iso(Duration duration) {
        return duration == null ? null : duration.withNanos(0).toString();
    }
}
