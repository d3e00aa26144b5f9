package dev.receipts.service.health;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.receipts.service.health.NodeHealthService.HealthView;
import dev.receipts.service.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** {@code GET /api/v1/admin/health} and {@code GET /api/v1/admin/config} (admin). */
@Path("/api/v1/admin")
@RolesAllowed(Roles.ADMIN)
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class AdminHealthResource {
    @Inject
    NodeHealthService nodes;

    @Inject
    EffectiveConfig config;

    @GET
    @Path("/health")
    public HealthView health() {
        return nodes.health();
    }

    @GET
    @Path("/config")
    public Map<String, String> config() {
        return config.settings();
    }
}
