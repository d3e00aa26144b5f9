package dev.receipts.service.search;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.receipts.service.common.InvalidRequestException;
import dev.receipts.service.common.NotFoundException;
import dev.receipts.service.message.MessageService;
import dev.receipts.service.message.MessageViews.MessageView;
import dev.receipts.service.message.MessageViews.RecipientView;
import dev.receipts.service.privacy.AuditLog;
import dev.receipts.service.search.Keyset.Cursor;
import dev.receipts.service.search.Keyset.Page;
import dev.receipts.service.search.ReportViews.ReportDetail;
import dev.receipts.service.search.ReportViews.ReportItem;
import dev.receipts.service.search.ReportViews.ReportRecipientView;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The compliance searches of messages and reports (pages, counts, streamed exports) and report details. External
 * addresses are shown as pseudonyms ({@link MessageService#forCompliance}); every search and export is audited
 * with its query.
 */
@ApplicationScoped
public class SearchService {
    public static final String COMPLIANCE_SEARCH = "COMPLIANCE_SEARCH";
    public static final String COMPLIANCE_EXPORT = "COMPLIANCE_EXPORT";
    static final int EXPORT_BATCH = 500;
    private static final List<String> MESSAGE_COLUMNS = List.of("messageId", "sender", "submittedAt", "envelopeId",
        "recipients", "delivery", "deliveryStatus", "disposition", "verification");
    private static final List<String> REPORT_COLUMNS = List.of("id", "receivedAt", "type", "heuristic", "reporter",
        "originalMessageId", "envelopeId", "correlation", "owner", "verification", "finalRecipients",
        "originalRecipients", "actions", "statuses", "dispositions");

    /** Export formats. */
    public enum Format { CSV, JSON }

    @Inject
    MessageSearch messages;

    @Inject
    ReportSearch reports;

    @Inject
    MessageService messageService;

    @Inject
    AuditLog auditLog;

    @Inject
    ObjectMapper objectMapper;

    Clock clock = Clock.systemUTC();

    @Transactional
    public Page<MessageView> messages(MessageCriteria criteria, Cursor after, int size, String actor, String query) {
        auditLog.record(actor, COMPLIANCE_SEARCH, "messages", null, shownQuery(query));
        return messagePage(criteria, after, size);
    }

    @Transactional
    public Page<ReportItem> reports(ReportCriteria criteria, Cursor after, int size, String actor, String query) {
        auditLog.record(actor, COMPLIANCE_SEARCH, "reports", null, shownQuery(query));
        return reportPage(criteria, after, size);
    }

    @Transactional
    public long countMessages(MessageCriteria criteria, String actor, String query) {
        auditLog.record(actor, COMPLIANCE_SEARCH, "messages/count", null, shownQuery(query));
        return messages.count(criteria);
    }

    @Transactional
    public long countReports(ReportCriteria criteria, String actor, String query) {
        auditLog.record(actor, COMPLIANCE_SEARCH, "reports/count", null, shownQuery(query));
        return reports.count(criteria);
    }

    /** A report for compliance, external addresses as pseudonyms. */
    @Transactional
    public ReportDetail report(long id) {
        return reports.detail(id, null, messageService::forCompliance)
            .orElseThrow(() -> new NotFoundException("Report [" + id + "] not found"));
    }

    /** A report about one of the owner's messages, addresses in clear. */
    @Transactional
    public ReportDetail ownReport(long id, String owner) {
        return reports.detail(id, owner, UnaryOperator.identity())
            .orElseThrow(() -> new NotFoundException("Report [" + id + "] not found"));
    }

    /** Every matching message, streamed in keyset batches of {@value #EXPORT_BATCH}, one transaction each. */
    public Response exportMessages(MessageCriteria criteria, Format format, String actor, String query) {
        long total = QuarkusTransaction.requiringNew().call(() -> {
            auditLog.record(actor, COMPLIANCE_EXPORT, "messages", null, shownQuery(query) + " format=" + format);
            return messages.count(criteria);
        });
        return export("messages", total, format, after -> messagePage(criteria, after, EXPORT_BATCH),
            MESSAGE_COLUMNS, SearchService::messageRow);
    }

    public Response exportReports(ReportCriteria criteria, Format format, String actor, String query) {
        long total = QuarkusTransaction.requiringNew().call(() -> {
            auditLog.record(actor, COMPLIANCE_EXPORT, "reports", null, shownQuery(query) + " format=" + format);
            return reports.count(criteria);
        });
        return export("reports", total, format, after -> reportPage(criteria, after, EXPORT_BATCH),
            REPORT_COLUMNS, SearchService::reportRow);
    }

    public static Format format(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("csv")) {
            return Format.CSV;
        }
        if (value.equalsIgnoreCase("json")) {
            return Format.JSON;
        }
        throw new InvalidRequestException("format must be csv or json, got [" + Filters.clip(value) + "]");
    }

    private Page<MessageView> messagePage(MessageCriteria criteria, Cursor after, int size) {
        return Keyset.page(messages.find(criteria, after, size + 1), size, MessageSearch::cursorOf,
            rows -> messageService.views(rows, messageService::forCompliance));
    }

    private Page<ReportItem> reportPage(ReportCriteria criteria, Cursor after, int size) {
        return Keyset.page(reports.find(criteria, after, size + 1), size, ReportSearch::cursorOf,
            rows -> reports.items(rows, messageService::forCompliance));
    }

    private <T> Response export(String what, long total, Format format, Function<Cursor, Page<T>> pages,
                                List<String> columns, Function<T, List<Object>> row) {
        StreamingOutput body = output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            if (format == Format.CSV) {
                Csv.row(out, columns);
            } else {
                out.write('[');
            }
            boolean first = true;
            Cursor after = null;
            do {
                Cursor from = after;
                Page<T> page = QuarkusTransaction.requiringNew().call(() -> pages.apply(from));
                for (T item : page.items()) {
                    if (format == Format.CSV) {
                        Csv.row(out, row.apply(item));
                    } else {
                        out.write(first ? "" : ",");
                        out.write(objectMapper.writeValueAsString(item));
                    }
                    first = false;
                }
                out.flush();
                after = page.next() == null ? null : Cursor.decode(page.next());
            } while (after != null);
            if (format == Format.JSON) {
                out.write(']');
            }
            out.flush();
        };
        String extension = format == Format.CSV ? "csv" : "json";
        return Response.ok(body)
            .type(format == Format.CSV ? "text/csv; charset=UTF-8" : MediaType.APPLICATION_JSON)
            .header("X-Total-Count", total)
            .header("Content-Disposition", "attachment; filename=\"" + what + "-"
                + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + "." + extension + "\"")
            .build();
    }

    private static List<Object> messageRow(MessageView m) {
        List<RecipientView> r = m.recipients();
        return List.of(nz(m.messageId()), nz(m.sender()), m.submittedAt(), nz(m.envelopeId()),
            join(r, RecipientView::address), join(r, x -> x.delivery().state()),
            join(r, x -> nz(x.delivery().status())), join(r, x -> x.disposition().state()),
            join(r, x -> x.disposition().verification()));
    }

    private static List<Object> reportRow(ReportItem r) {
        List<ReportRecipientView> x = r.recipients();
        return List.of(r.id(), r.receivedAt(), r.type(), r.heuristic(), nz(r.reporter()), nz(r.originalMessageId()),
            nz(r.envelopeId()), r.correlation(), nz(r.owner()), nz(r.verification()),
            join(x, ReportRecipientView::finalRecipient), join(x, ReportRecipientView::originalRecipient),
            join(x, ReportRecipientView::action), join(x, ReportRecipientView::status),
            join(x, ReportRecipientView::disposition));
    }

    private static <X> String join(List<X> values, Function<X, String> field) {
        return String.join("; ", values.stream().map(field).map(SearchService::nz).toList());
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    /** The query as the audit log keeps it: each value decoded, external addresses as pseudonyms. */
    private String shownQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> parameters = new ArrayList<>();
        for (String parameter : rawQuery.split("&")) {
            int eq = parameter.indexOf('=');
            String name = eq < 0 ? parameter : parameter.substring(0, eq);
            String value = eq < 0 ? "" : decode(parameter.substring(eq + 1));
            parameters.add(decode(name) + "=" + messageService.forCompliance(value));
        }
        return String.join("&", parameters);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
