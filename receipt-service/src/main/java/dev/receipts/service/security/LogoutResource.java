package dev.receipts.service.security;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code GET /logout}: ends the login-form session and goes back to the login page. */
@Path("/logout")
public class LogoutResource {
    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String cookieName;

    @ConfigProperty(name = "quarkus.http.auth.form.login-page", defaultValue = "/login.html")
    String loginPage;

    @GET
    public Response logout() {
        NewCookie expired = new NewCookie.Builder(cookieName)
            .value("")
            .path("/")
            .maxAge(0)
            .httpOnly(true)
            .build();
        return Response.seeOther(URI.create(loginPage)).cookie(expired).build();
    }
}
