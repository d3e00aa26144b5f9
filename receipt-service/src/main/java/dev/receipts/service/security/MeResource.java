package dev.receipts.service.security;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;

/** {@code GET /api/v1/me}: who the caller is and which roles they have. */
@Path("/api/v1/me")
@RolesAllowed(Roles.EMPLOYEE)
public class MeResource {
    private static final List<String> ROLE_ORDER = List.of(Roles.EMPLOYEE, Roles.COMPLIANCE, Roles.ADMIN);

    /** The caller. */
    public record Me(String user, List<String> roles) {
    }

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Me me() {
        return new Me(Roles.userOf(identity), ROLE_ORDER.stream().filter(identity::hasRole).toList());
    }
}
