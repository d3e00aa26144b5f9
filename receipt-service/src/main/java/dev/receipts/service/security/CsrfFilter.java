package dev.receipts.service.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * Refuses state-changing API requests that do not carry {@code X-Receipts-CSRF: 1} (docs/consent.md, "API"): a
 * cross-site form cannot set a custom header, so a page of another site cannot act with the user's session
 * cookie. The mailets' ingest endpoint (bearer token, no cookie) is exempt; the login form is not under /api/.
 */
@ApplicationScoped
public class CsrfFilter {
    public static final String HEADER = "X-Receipts-CSRF";
    static final String INGEST_PATH = "/api/v1/ingest/events";
    private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
        HttpMethod.DELETE);
    /** Before authentication and the REST layer. */
    private static final int PRIORITY = 1000;

    void install(@Observes Filters filters) {
        filters.register(context -> {
            String path = context.normalizedPath();
            if (STATE_CHANGING.contains(context.request().method()) && path.startsWith("/api/")
                && !path.equals(INGEST_PATH) && !"1".equals(context.request().getHeader(HEADER))) {
                context.response().setStatusCode(403)
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", "Missing header " + HEADER + ": 1 on a state-changing request")
                        .encode());
                return;
            }
            context.next();
        }, PRIORITY);
    }
}
