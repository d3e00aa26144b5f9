package dev.receipts.service.security;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.quarkus.oidc.AuthorizationCodeFlow;
import io.quarkus.security.Authenticated;

/**
 * {@code GET /oidc-login}: starts the OIDC code flow (when OIDC is on) and, once signed in, goes to the pages.
 * The OIDC session cookie then authenticates the pages and the API like the login form's.
 */
@Path("/oidc-login")
@AuthorizationCodeFlow
@Authenticated
public class OidcLoginResource {
    @GET
    public Response login() {
        return Response.seeOther(URI.create("/index.html")).build();
    }
}
