package dev.receipts.service.consent;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.receipts.service.consent.ConsentViews.LedgerItem;
import dev.receipts.service.consent.ConsentViews.MyPolicyView;
import dev.receipts.service.consent.ConsentViews.Page;
import dev.receipts.service.consent.ConsentViews.PolicyRequest;
import dev.receipts.service.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** {@code /api/v1/me/policy} and {@code /api/v1/me/ledger}: the caller's receipt policy and the receipts about them. */
@Path("/api/v1/me")
@RolesAllowed(Roles.EMPLOYEE)
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {
    @Inject
    PolicyService policies;

    @Inject
    LedgerService ledger;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/policy")
    public MyPolicyView policy() {
        return policies.myPolicy(Roles.userOf(identity));
    }

    @PUT
    @Path("/policy")
    @Consumes(MediaType.APPLICATION_JSON)
    public MyPolicyView update(PolicyRequest request) {
        return policies.update(Roles.userOf(identity), request);
    }

    @GET
    @Path("/ledger")
    public Page<LedgerItem> ledger(@QueryParam("page") @DefaultValue("0") int page,
                                   @QueryParam("size") @DefaultValue("50") int size) {
        return ledger.mine(Roles.userOf(identity), page, size);
    }
}
