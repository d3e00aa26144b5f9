package dev.receipts.service.live;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import dev.receipts.service.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** {@code GET /api/v1/me/events}: server-sent events about the caller's messages (docs/web-api.md). */
@Path("/api/v1/me/events")
@RolesAllowed(Roles.EMPLOYEE)
public class LiveResource {
    @Inject
    LiveEvents live;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        live.open(Roles.userOf(identity), sink, sse);
    }
}
