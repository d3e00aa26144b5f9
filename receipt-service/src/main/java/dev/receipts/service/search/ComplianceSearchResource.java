package dev.receipts.service.search;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.receipts.service.message.MessageViews.MessageView;
import dev.receipts.service.search.Keyset.Page;
import dev.receipts.service.search.ReportViews.ReportDetail;
import dev.receipts.service.search.ReportViews.ReportItem;
import dev.receipts.service.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** The compliance searches of the message log and the report log: pages, counts, exports, report details. */
@Path("/api/v1/compliance")
@RolesAllowed(Roles.COMPLIANCE)
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class ComplianceSearchResource {
    /** {@code {"count":N}}. */
    public record Count(long count) {
    }

    @Inject
    SearchService search;

    @Inject
    SecurityIdentity identity;

    @Context
    UriInfo uri;

    @GET
    @Path("/messages")
    public Page<MessageView> messages(@QueryParam("sender") String sender, @QueryParam("recipient") String recipient,
                                      @QueryParam("domain") String domain, @QueryParam("from") String from,
                                      @QueryParam("to") String to, @QueryParam("state") String state,
                                      @QueryParam("verification") String verification,
                                      @QueryParam("after") String after, @QueryParam("size") Integer size) {
        return search.messages(MessageCriteria.all(sender, recipient, domain, from, to, state, verification),
            Keyset.Cursor.decode(after), Keyset.size(size), caller(), query());
    }

    @GET
    @Path("/messages/count")
    public Count countMessages(@QueryParam("sender") String sender, @QueryParam("recipient") String recipient,
                               @QueryParam("domain") String domain, @QueryParam("from") String from,
                               @QueryParam("to") String to, @QueryParam("state") String state,
                               @QueryParam("verification") String verification) {
        return new Count(search.countMessages(
            MessageCriteria.all(sender, recipient, domain, from, to, state, verification), caller(), query()));
    }

    @GET
    @Path("/messages/export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    public Response exportMessages(@QueryParam("sender") String sender, @QueryParam("recipient") String recipient,
                                   @QueryParam("domain") String domain, @QueryParam("from") String from,
                                   @QueryParam("to") String to, @QueryParam("state") String state,
                                   @QueryParam("verification") String verification,
                                   @QueryParam("format") String format) {
        return search.exportMessages(MessageCriteria.all(sender, recipient, domain, from, to, state, verification),
            SearchService.format(format), caller(), query());
    }

    @GET
    @Path("/reports")
    public Page<ReportItem> reports(@QueryParam("sender") String sender, @QueryParam("recipient") String recipient,
                                    @QueryParam("domain") String domain, @QueryParam("from") String from,
                                    @QueryParam("to") String to, @QueryParam("type") String type,
                                    @QueryParam("correlation") String correlation, @QueryParam("status") String status,
                                    @QueryParam("verification") String verification,
                                    @QueryParam("after") String after, @QueryParam("size") Integer size) {
        return search.reports(ReportCriteria.of(sender, recipient, domain, from, to, type, correlation, status,
            verification), Keyset.Cursor.decode(after), Keyset.size(size), caller(), query());
    }

    @GET
    @Path("/reports/count")
    public Count countReports(@QueryParam("sender") String sender, @QueryParam("recipient") String recipient,
                              @QueryParam("domain") String domain, @QueryParam("from") String from,
                              @QueryParam("to") String to, @QueryParam("type") String type,
                              @QueryParam("correlation") String correlation, @QueryParam("status") String status,
                              @QueryParam("verification") String verification) {
        return new Count(search.countReports(ReportCriteria.of(sender, recipient, domain, from, to, type, correlation,
            status, verification), caller(), query()));
    }

    @GET
    @Path("/reports/export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    public Response exportReports(@QueryParam("sender") String sender, @QueryParam("recipient") String recipient,
                                  @QueryParam("domain") String domain, @QueryParam("from") String from,
                                  @QueryParam("to") String to, @QueryParam("type") String type,
                                  @QueryParam("correlation") String correlation, @QueryParam("status") String status,
                                  @QueryParam("verification") String verification,
                                  @QueryParam("format") String format) {
        return search.exportReports(ReportCriteria.of(sender, recipient, domain, from, to, type, correlation, status,
            verification), SearchService.format(format), caller(), query());
    }

    @GET
    @Path("/reports/{id}")
    public ReportDetail report(@PathParam("id") long id) {
        return search.report(id);
    }

    private String caller() {
        return Roles.userOf(identity);
    }

    private String query() {
        return uri.getRequestUri().getRawQuery();
    }
}
