package dev.receipts.service.retention;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.receipts.service.common.InvalidRequestException;
import dev.receipts.service.common.NotFoundException;
import dev.receipts.service.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** {@code /api/v1/admin/purges}: admins start a purge run now and follow the runs' progress. */
@Path("/api/v1/admin/purges")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PurgeResource {
    @Inject
    PurgeService purges;

    @Inject
    SecurityIdentity identity;

    @Inject
    ObjectMapper json;

    /** The answer to a start: the run's id and status. */
    public record Started(long id, String status) {
    }

    /** A run as the API shows it, with its progress per kind. */
    public record RunView(long id, String trigger, String requestedBy, Instant startedAt, Instant finishedAt,
                          String status, JsonNode progress, String error) {
    }

    public record RunList(List<RunView> items) {
    }

    /** The 409 answer: {@code {"error": "...", "runningId": 7}}. */
    public record AlreadyRunning(String error, long runningId) {
    }

    @POST
    public Response start() {
        PurgeRun run = purges.startInBackground(PurgeRun.Trigger.MANUAL, Roles.userOf(identity));
        return Response.accepted(new Started(run.id(), run.status().name())).build();
    }

    @GET
    public RunList recent(@QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > 200) {
            throw new InvalidRequestException("limit must be between 1 and 200, got [" + limit + "]");
        }
        return new RunList(purges.recent(limit).stream().map(this::view).toList());
    }

    @GET
    @Path("/{id}")
    public RunView run(@PathParam("id") long id) {
        return purges.find(id).map(this::view)
            .orElseThrow(() -> new NotFoundException("Purge run [" + id + "] not found"));
    }

    @ServerExceptionMapper
    public Response alreadyRunning(PurgeAlreadyRunningException e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
            .entity(new AlreadyRunning(e.getMessage(), e.runningId())).build();
    }

    private RunView view(PurgeRun run) {
        JsonNode progress;
        try {
            progress = json.readTree(run.progress());
        } catch (JsonProcessingException e) {
            progress = json.getNodeFactory().textNode(run.progress());
        }
        return new RunView(run.id(), run.trigger().name(), run.requestedBy(), run.startedAt(), run.finishedAt(),
            run.status().name(), progress, run.error());
    }
}
