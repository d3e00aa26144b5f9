package dev.receipts.service.message;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.receipts.service.search.Keyset;
import dev.receipts.service.search.MessageCriteria;
import dev.receipts.service.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET /api/v1/messages}: the caller's sent messages, filtered and keyset-paged, or one message by its
 * Message-ID.
 */
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
    public Object messages(@QueryParam("messageId") String messageId,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("recipient") String recipient, @QueryParam("state") String state,
                           @QueryParam("q") String q, @QueryParam("after") String after,
                           @QueryParam("size") Integer size) {
        String caller = Roles.userOf(identity);
        if (messageId != null) {
            return messages.findByMessageId(messageId, caller, identity.hasRole(Roles.COMPLIANCE));
        }
        return messages.listOwn(MessageCriteria.own(caller, from, to, recipient, state, q),
            Keyset.Cursor.decode(after), Keyset.size(size));
    }
}
