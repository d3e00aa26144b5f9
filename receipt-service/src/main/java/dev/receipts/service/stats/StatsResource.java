package dev.receipts.service.stats;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.receipts.service.security.Roles;
import dev.receipts.service.stats.StatsService.Failures;
import dev.receipts.service.stats.StatsService.Outcomes;
import dev.receipts.service.stats.StatsService.TimeToDisplayed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** {@code /api/v1/stats/*}: chart figures; an employee's own messages, everyone's for compliance and admin. */
@Path("/api/v1/stats")
@RolesAllowed(Roles.EMPLOYEE)
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {
    @Inject
    StatsService stats;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/outcomes")
    public Outcomes outcomes(@QueryParam("days") Integer days) {
        return stats.outcomes(StatsService.days(days), scope());
    }

    @GET
    @Path("/failures")
    public Failures failures(@QueryParam("days") Integer days) {
        return stats.failures(StatsService.days(days), scope());
    }

    @GET
    @Path("/time-to-displayed")
    public TimeToDisplayed timeToDisplayed(@QueryParam("days") Integer days) {
        return stats.timeToDisplayed(StatsService.days(days), scope());
    }

    /** Null (everyone) for compliance and admin, else the caller. */
    private String scope() {
        return identity.hasRole(Roles.COMPLIANCE) || identity.hasRole(Roles.ADMIN) ? null : Roles.userOf(identity);
    }
}
