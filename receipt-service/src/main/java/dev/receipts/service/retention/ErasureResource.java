package dev.receipts.service.retention;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.receipts.service.common.InvalidRequestException;
import dev.receipts.service.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** {@code /api/v1/admin/erasures}: admins erase one address, synchronously, and list past requests. */
@Path("/api/v1/admin/erasures")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ErasureResource {
    @Inject
    ErasureService erasures;

    @Inject
    SecurityIdentity identity;

    @Inject
    ObjectMapper json;

    /** The body of {@code POST}: {@code {"address":"…","reason":"…"}}. */
    public record NewErasure(String address, String reason) {
    }

    /** A request as the API shows it: the address only as its pseudonym. */
    public record ErasureView(long id, String addressPseudonym, String requestedBy, Instant requestedAt,
                              String reason, String status, Instant finishedAt, JsonNode counts, String error) {
    }

    public record ErasureList(List<ErasureView> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response erase(NewErasure body) {
        if (body == null) {
            throw new InvalidRequestException("body must be {\"address\":…,\"reason\":…}");
        }
        ErasureRequest request = erasures.erase(body.address(), body.reason(), Roles.userOf(identity));
        return Response.status(Response.Status.CREATED).entity(view(request)).build();
    }

    @GET
    public ErasureList list() {
        return new ErasureList(erasures.list().stream().map(this::view).toList());
    }

    private ErasureView view(ErasureRequest r) {
        JsonNode counts = null;
        if (r.counts() != null) {
            try {
                counts = json.readTree(r.counts());
            } catch (JsonProcessingException e) {
                counts = json.getNodeFactory().textNode(r.counts());
            }
        }
        return new ErasureView(r.id(), r.addressPseudonym(), r.requestedBy(), r.requestedAt(), r.reason(),
            r.status().name(), r.finishedAt(), counts, r.error());
    }
}
