package dev.receipts.service.common;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.receipts.service.security.LoginLockedException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every failure into {@code {"error": "..."}} with the right status, never exposing class names.
 * Unauthenticated API calls get a 401 here (not the form login's redirect).
 */
public final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    static final String BASIC_CHALLENGE = "Basic realm=\"receipts\"";
    public static final String TOO_MANY_ATTEMPTS = "Too many failed logins for this user name; try again later";

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthenticatedException e) {
        return error(Response.Status.UNAUTHORIZED, e.getMessage());
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e) {
        return challenge();
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e) {
        LoginLockedException locked = LoginLockedException.in(e);
        return locked != null ? tooManyAttempts(locked) : challenge();
    }

    /** A locked-out user name: 429, with the seconds until the lockout ends. */
    public static Response tooManyAttempts(LoginLockedException locked) {
        long seconds = Math.max(1, Duration.between(Instant.now(), locked.until()).toSeconds());
        return Response.status(429)
            .header("Retry-After", String.valueOf(seconds))
            .type(MediaType.APPLICATION_JSON)
            .entity(new ErrorResponse(TOO_MANY_ATTEMPTS))
            .build();
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        return error(Response.Status.FORBIDDEN, "Forbidden");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String reason = Response.Status.fromStatusCode(status) != null
            ? Response.Status.fromStatusCode(status).getReasonPhrase()
            : "HTTP " + status;
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorResponse(reason)).build();
    }

    /** The database does not answer: 503, and when to try again; the sender keeps the batch. */
    @ServerExceptionMapper
    public Response storageUnavailable(StorageUnavailableException e) {
        LOG.warnf("Cannot store events: %s (%s)", e.getMessage(), e.getCause() == null ? "" : e.getCause().getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
            .header("Retry-After", String.valueOf(StorageUnavailableException.RETRY_AFTER_SECONDS))
            .type(MediaType.APPLICATION_JSON)
            .entity(new ErrorResponse("The receipt service cannot store events right now: " + e.getMessage()
                + "; send the batch again later"))
            .build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected failure", e);
        return error(Response.Status.INTERNAL_SERVER_ERROR, "Internal error");
    }

    private static Response challenge() {
        return Response.status(Response.Status.UNAUTHORIZED)
            .header("WWW-Authenticate", BASIC_CHALLENGE)
            .type(MediaType.APPLICATION_JSON)
            .entity(new ErrorResponse("Authentication required"))
            .build();
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorResponse(message)).build();
    }
}
