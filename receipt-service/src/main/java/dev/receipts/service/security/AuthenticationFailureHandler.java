package dev.receipts.service.security;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.receipts.service.common.ErrorMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * Answers failed authentications outside the REST layer: a failed login form goes back to the login page with
 * an error, and an API call gets a JSON 401 rather than the form login's redirect. A locked-out user name
 * (see {@link FailedLogins}) gets 429 on the API and {@code ?error=locked} on the login page.
 */
@ApplicationScoped
public class AuthenticationFailureHandler {
    @ConfigProperty(name = "quarkus.http.auth.form.post-location", defaultValue = "/j_security_check")
    String postLocation;

    @ConfigProperty(name = "quarkus.http.auth.form.login-page", defaultValue = "/login.html")
    String loginPage;

    @ConfigProperty(name = "quarkus.http.auth.form.error-page", defaultValue = "/login.html?error")
    String errorPage;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (!(context.failure() instanceof AuthenticationFailedException) || context.response().ended()) {
                context.next();
                return;
            }
            String path = context.normalizedPath();
            LoginLockedException locked = LoginLockedException.in(context.failure());
            if (locked != null && path.equals(postLocation)) {
                context.response().setStatusCode(302).putHeader("Location", loginPage + "?error=locked").end();
            } else if (locked != null && path.startsWith("/api/")) {
                long seconds = Math.max(1, Duration.between(Instant.now(), locked.until()).toSeconds());
                context.response().setStatusCode(429)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Retry-After", String.valueOf(seconds))
                    .end(new JsonObject().put("error", ErrorMappers.TOO_MANY_ATTEMPTS).encode());
            } else if (path.equals(postLocation)) {
                context.response().setStatusCode(302).putHeader("Location", errorPage).end();
            } else if (path.startsWith("/api/")) {
                context.response().setStatusCode(401)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("WWW-Authenticate", "Basic realm=\"receipts\"")
                    .end(new JsonObject().put("error", "Authentication required").encode());
            } else {
                context.next();
            }
        });
    }
}
