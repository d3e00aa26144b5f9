package dev.receipts.service.search;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.receipts.service.search.ReportViews.ReportDetail;
import dev.receipts.service.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** {@code GET /api/v1/me/reports/{id}}: a report about one of the caller's messages; 404 for any other. */
@Path("/api/v1/me/reports")
@RolesAllowed(Roles.EMPLOYEE)
@Blocking
public class MyReportResource {
    @Inject
    SearchService search;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public ReportDetail report(@PathParam("id") long id) {
        return search.ownReport(id, Roles.userOf(identity));
    }
}
