package dev.receipts.service.consent;

import java.util.Arrays;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.receipts.service.consent.ConsentViews.Snapshot;
import dev.receipts.service.ingest.IngestTokenVerifier;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET /api/v1/policies/snapshot}: the policies the mailets enforce, for the ingest token only (never a user
 * login). The ETag is the version in double quotes; {@code If-None-Match} with that version, quoted or not,
 * answers 304.
 */
@Path("/api/v1/policies/snapshot")
@PermitAll
@Blocking
public class SnapshotResource {
    @Inject
    IngestTokenVerifier tokenVerifier;

    @Inject
    PolicyService policies;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response snapshot(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        tokenVerifier.verify(authorization);
        Snapshot snapshot = policies.snapshot();
        String etag = "\"" + snapshot.version() + "\"";
        if (matches(ifNoneMatch, snapshot.version())) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        return Response.ok(snapshot).header(HttpHeaders.ETAG, etag).build();
    }

    static boolean matches(String ifNoneMatch, String version) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
            .map(String::trim)
            .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
            .map(tag -> tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") ? tag.substring(1, tag.length() - 1) : tag)
            .anyMatch(tag -> tag.equals(version) || tag.equals("*"));
    }
}
