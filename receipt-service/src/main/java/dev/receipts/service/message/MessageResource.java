package dev.receipts.service.message;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.receipts.service.message.MessageViews.MessageList;
import dev.receipts.service.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** {@code GET /api/v1/messages}: the caller's sent messages, or one message by its Message-ID. */
@Path("/api/v1/messages")
@RolesAllowed(Roles.EMPLOYEE)
@Blocking
public class MessageResource {
    @Inject
    MessageService messages;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public MessageList messages(@QueryParam("messageId") String messageId,
                                @QueryParam("page") @DefaultValue("0") int page,
                                @QueryParam("size") @DefaultValue("50") int size) {
        String caller = Roles.userOf(identity);
        if (messageId != null) {
            return messages.findByMessageId(messageId, caller, identity.hasRole(Roles.COMPLIANCE));
        }
        return messages.listOwn(caller, page, size);
    }
}
