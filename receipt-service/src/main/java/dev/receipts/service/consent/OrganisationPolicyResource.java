package dev.receipts.service.consent;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.receipts.service.consent.ConsentViews.OrganisationPolicyRequest;
import dev.receipts.service.consent.ConsentViews.OrganisationPolicyView;
import dev.receipts.service.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** {@code /api/v1/admin/organisation-policy}: every employee may read it, only an admin may change it. */
@Path("/api/v1/admin/organisation-policy")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class OrganisationPolicyResource {
    @Inject
    PolicyService policies;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed(Roles.EMPLOYEE)
    public OrganisationPolicyView get() {
        return policies.organisation();
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public OrganisationPolicyView update(OrganisationPolicyRequest request) {
        return policies.updateOrganisation(Roles.userOf(identity), request);
    }
}
