package dev.receipts.mailets;

import java.time.Clock;
import java.util.Optional;

import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.receipts.mailets.core.MessageHeaders;
import dev.receipts.mailets.core.ReceiptEvents;
import dev.receipts.mailets.core.Report;
import dev.receipts.mailets.core.ReportEnvelope;
import dev.receipts.mailets.core.ReportParser;

/**
 * Records every delivery status notification (RFC 3464) and message disposition notification
 * (RFC 8098) that passes through James as a {@code REPORT} event: a {@code multipart/report} with
 * {@code report-type} {@code delivery-status} or {@code disposition-notification}, read from its
 * machine-readable part (and the Message-ID of the returned message), never from the prose.
 *
 * <p>Place it early in the {@code transport} processor, for all mail:
 * <pre>{@code
 * <mailet match="All" class="dev.receipts.mailets.CollectReports">
 *     <serviceUrl>http://127.0.0.1:8080</serviceUrl>   <!-- required: the receipt service -->
 *     <token>${env:RECEIPTS_INGEST_TOKEN}</token>      <!-- required: shared ingest token -->
 *     <spoolDirectory>var/receipts/spool</spoolDirectory> <!-- default; relative to working.directory -->
 *     <nodeName>mx1</nodeName>                          <!-- default: the local host name -->
 * </mailet>
 * }</pre>
 *
 * <p>Other mail costs one look at its Content-Type. Reports are not consumed: they still reach the
 * recipient's mailbox. Unreadable parts become {@code problems} in the event, never an error.
 */
public class CollectReports extends ReceiptMailet {

    public CollectReports() {
        this(Clock.systemUTC());
    }

    public CollectReports(Clock clock) {
        super(clock);
    }

    @Override
    protected Optional<ObjectNode> event(Mail mail, ReceiptEvents events) throws Exception {
        MimeMessage message = mail.getMessage();
        Optional<String> reportType = ReportParser.reportType(message.getContentType());
        if (reportType.isEmpty()) {
            return Optional.empty();
        }
        Report report = ReportParser.parse(message, reportType.get());
        ReportEnvelope envelope = new ReportEnvelope(
            MessageHeaders.first(message, "Message-ID"),
            MailFacts.sender(mail),
            MailFacts.authUser(mail),
            MessageHeaders.decoded(message, "From"),
            MailFacts.recipients(mail),
            MessageHeaders.first(message, "In-Reply-To"),
            MessageHeaders.first(message, "References"));
        return Optional.of(events.report(mail.getName(), envelope, report));
    }

    @Override
    public String getMailetInfo() {
        return "Receipts: records the DSNs and MDNs passing through James";
    }
}
