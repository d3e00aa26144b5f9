package dev.receipts.service.security;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;

/** {@code GET /api/v1/me}: who the caller is and which roles they have. */
@Path("/api/v1/me")
@RolesAllowed(Roles.EMPLOYEE)
public class MeResource {
    private static final List<String> ROLE_ORDER = List.of(Roles.EMPLOYEE, Roles.COMPLIANCE, Roles.ADMIN);

    /** The caller, and how they signed in: {@code form}, {@code basic} or {@code oidc}. */
    public record Me(String user, List<String> roles, String authentication) {
    }

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Me me(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return new Me(Roles.userOf(identity), ROLE_ORDER.stream().filter(identity::hasRole).toList(),
            authentication(authorization));
    }

    private String authentication(String authorization) {
        if (OidcIdentityAugmentor.OIDC.equals(identity.getAttribute(OidcIdentityAugmentor.AUTHENTICATION))) {
            return OidcIdentityAugmentor.OIDC;
        }
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6) ? "basic" : "form";
    }
}
