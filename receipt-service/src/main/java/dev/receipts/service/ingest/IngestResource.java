package dev.receipts.service.ingest;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.receipts.service.common.InvalidRequestException;
import dev.receipts.service.health.NodeHealthService;
import dev.receipts.service.health.NodeStatusHeader;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /api/v1/ingest/events}: the mailets' events (see {@code docs/events.md}), and the sending node's
 * {@code X-Receipts-Node-Status} (an empty batch is a heartbeat).
 */
@Path("/api/v1/ingest/events")
@PermitAll
@Blocking
public class IngestResource {
    static final int MAX_BATCH = 500;

    @Inject
    IngestTokenVerifier tokenVerifier;

    @Inject
    IngestService ingestService;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    NodeHealthService nodes;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public IngestResult ingest(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @HeaderParam(NodeStatusHeader.NAME) String nodeStatus, String body) {
        tokenVerifier.verify(authorization);
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : objectMapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("Body must be a JSON object with an 'events' array: it is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("events").isArray()) {
            throw new InvalidRequestException("Body must be a JSON object with an 'events' array");
        }
        JsonNode events = root.get("events");
        if (events.size() > MAX_BATCH) {
            throw new InvalidRequestException("A batch holds at most " + MAX_BATCH + " events, got [" + events.size() + "]");
        }
        List<JsonNode> batch = new ArrayList<>(events.size());
        events.forEach(batch::add);
        IngestResult result = ingestService.ingest(batch);
        NodeStatusHeader.parse(nodeStatus).ifPresent(status -> nodes.record(status, batch.size()));
        return result;
    }
}
