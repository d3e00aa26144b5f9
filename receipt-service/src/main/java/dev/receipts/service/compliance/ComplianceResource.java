package dev.receipts.service.compliance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.receipts.service.compliance.ComplianceViews.PixelSummary;
import dev.receipts.service.compliance.ComplianceViews.RevealRequest;
import dev.receipts.service.compliance.ComplianceViews.Revealed;
import dev.receipts.service.consent.ConsentViews.ComplianceLedgerItem;
import dev.receipts.service.consent.ConsentViews.Page;
import dev.receipts.service.consent.LedgerService;
import dev.receipts.service.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** {@code /api/v1/compliance/*}: the whole ledger with pseudonyms, pixel counts, and justified reveals. */
@Path("/api/v1/compliance")
@RolesAllowed(Roles.COMPLIANCE)
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class ComplianceResource {
    @Inject
    LedgerService ledger;

    @Inject
    ComplianceService compliance;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/ledger")
    public Page<ComplianceLedgerItem> ledger(@QueryParam("employee") String employee, @QueryParam("kind") String kind,
                                             @QueryParam("page") @DefaultValue("0") int page,
                                             @QueryParam("size") @DefaultValue("50") int size) {
        return ledger.all(employee, kind, page, size);
    }

    @GET
    @Path("/pixels")
    public PixelSummary pixels(@QueryParam("days") @DefaultValue("30") int days) {
        return compliance.pixels(days);
    }

    @POST
    @Path("/reveal")
    @Consumes(MediaType.APPLICATION_JSON)
    public Revealed reveal(RevealRequest request) {
        return compliance.reveal(Roles.userOf(identity), request);
    }
}
