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
import dev.receipts.mailets.core.ReportReader;

/**
 * Records every report that passes through James as a {@code REPORT} event: delivery status
 * notifications (RFC 3464) and message disposition notifications (RFC 8098), read from their
 * machine-readable part (and the Message-ID of the returned message); non-standard bounces in
 * prose, read by heuristics and marked so ({@code heuristic: true}); and auto-replies (RFC 3834) and
 * feedback reports (RFC 5965), recorded as what they are, without delivery facts. One reader,
 * {@code ReportReader}, decides, the same that {@code ./receipts parse-check} measures.
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
 * <p>Other mail costs a look at a few headers (Content-Type, From, Subject, Auto-Submitted, …);
 * only mail that looks like a bounce has its text read. Reports are not consumed: they still reach the
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
        Optional<Report> read = ReportReader.read(message, MailFacts.hasNullSender(mail));
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Report report = read.get();
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
