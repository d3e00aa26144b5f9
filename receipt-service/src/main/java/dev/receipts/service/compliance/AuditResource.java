package dev.receipts.service.compliance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.receipts.service.compliance.ComplianceViews.AuditPage;
import dev.receipts.service.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** {@code GET /api/v1/admin/audit}: the audit log, newest first (admin). */
@Path("/api/v1/admin/audit")
@RolesAllowed(Roles.ADMIN)
@Blocking
public class AuditResource {
    @Inject
    ComplianceService compliance;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AuditPage audit(@QueryParam("page") @DefaultValue("0") int page,
                           @QueryParam("size") @DefaultValue("50") int size) {
        return compliance.audit(page, size);
    }
}
