package dev.receipts.service.retention;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.receipts.service.common.InvalidRequestException;
import dev.receipts.service.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** {@code /api/v1/admin/legal-holds}: compliance officers and admins place, list and release legal holds. */
@Path("/api/v1/admin/legal-holds")
@RolesAllowed({Roles.COMPLIANCE, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class LegalHoldResource {
    @Inject
    LegalHoldService holds;

    @Inject
    SecurityIdentity identity;

    /** The body of {@code POST}: {@code {"kind":"MESSAGE"|"SENDER","value":"…","reason":"…"}}. */
    public record NewHold(String kind, String value, String reason) {
    }

    /** A hold as the API shows it; {@code active} is false once released. */
    public record HoldView(long id, String kind, String value, String valueNorm, String reason, String createdBy,
                           Instant createdAt, String releasedBy, Instant releasedAt, boolean active) {
        static HoldView of(LegalHold h) {
            return new HoldView(h.id(), h.kind().name(), h.value(), h.valueNorm(), h.reason(), h.createdBy(),
                h.createdAt(), h.releasedBy(), h.releasedAt(), h.isActive());
        }
    }

    public record HoldList(List<HoldView> items) {
    }

    @GET
    public HoldList list() {
        return new HoldList(holds.list().stream().map(HoldView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(NewHold body) {
        if (body == null) {
            throw new InvalidRequestException("body must be {\"kind\":\"MESSAGE\"|\"SENDER\",\"value\":…,\"reason\":…}");
        }
        LegalHold hold = holds.place(body.kind(), body.value(), body.reason(), Roles.userOf(identity));
        return Response.status(Response.Status.CREATED).entity(HoldView.of(hold)).build();
    }

    @DELETE
    @Path("/{id}")
    public HoldView release(@PathParam("id") long id) {
        return HoldView.of(holds.release(id, Roles.userOf(identity)));
    }
}
