package dev.receipts.mailets;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.receipts.mailets.core.EnvelopeRecipient;
import dev.receipts.mailets.core.InvalidSettingException;
import dev.receipts.mailets.core.MdnRequest;
import dev.receipts.mailets.core.MessageHeaders;
import dev.receipts.mailets.core.ReceiptEvents;
import dev.receipts.mailets.core.ReceiptSettings;
import dev.receipts.mailets.core.ReportParser;
import dev.receipts.mailets.core.Submission;

/**
 * Records what a local user asked for on a message they submit: the MDN request header
 * ({@code Disposition-Notification-To}, {@code Return-Receipt-To}, {@code X-Confirm-Reading-To}) and
 * the SMTP DSN request (ENVID, RET, per-recipient NOTIFY and ORCPT), with the decoded subject, as a
 * {@code SUBMITTED} event.
 *
 * <p>Place it in the {@code transport} processor before {@code RecipientRewriteTable}, so that the
 * recipients are the ones the sender wrote, with a matcher selecting mail submitted by local users:
 * <pre>{@code
 * <mailet match="submitted-by-local-user" class="dev.receipts.mailets.CaptureReceiptRequests">
 *     <serviceUrl>http://127.0.0.1:8080</serviceUrl>   <!-- required: the receipt service -->
 *     <token>${env:RECEIPTS_INGEST_TOKEN}</token>      <!-- required: shared ingest token -->
 *     <spoolDirectory>var/receipts/spool</spoolDirectory> <!-- default; relative to working.directory -->
 *     <nodeName>mx1</nodeName>                          <!-- default: the local host name -->
 *     <captureAll>false</captureAll>                    <!-- default false: only mail that requests a receipt -->
 * </mailet>
 * }</pre>
 *
 * <p>With {@code captureAll=false} only messages that carry an MDN request or a DSN request (ENVID,
 * RET, or a NOTIFY other than NEVER) are recorded; with {@code true}, every submitted message.
 * Mail with the null sender and reports themselves (DSNs, MDNs: see {@link CollectReports}) are
 * skipped. The event is spooled on disk and sent in the background; the mail is never changed.
 */
public class CaptureReceiptRequests extends ReceiptMailet {
    public static final String CAPTURE_ALL = "captureAll";

    private boolean captureAll;

    public CaptureReceiptRequests() {
        this(Clock.systemUTC());
    }

    public CaptureReceiptRequests(Clock clock) {
        super(clock);
    }

    @Override
    protected List<String> extraParameters() {
        return List.of(CAPTURE_ALL);
    }

    @Override
    protected void initExtra(Map<String, String> parameters) throws InvalidSettingException {
        captureAll = ReceiptSettings.booleanParameter(name(), parameters, CAPTURE_ALL, false);
    }

    @Override
    protected Optional<ObjectNode> event(Mail mail, ReceiptEvents events) throws Exception {
        if (MailFacts.hasNullSender(mail)) {
            return Optional.empty();
        }
        MimeMessage message = mail.getMessage();
        if (ReportParser.reportType(message.getContentType()).isPresent()) {
            return Optional.empty();
        }
        Optional<DsnParameters> dsn = MailFacts.dsn(mail);
        Submission submission = new Submission(
            MessageHeaders.first(message, "Message-ID"),
            MailFacts.sender(mail),
            MailFacts.authUser(mail),
            MessageHeaders.decoded(message, "From"),
            MailFacts.envelopeId(mail),
            dsn.flatMap(DsnParameters::getRetParameter).map(Enum::name).orElse(null),
            MessageHeaders.decoded(message, "Subject"),
            MdnRequest.of(message).orElse(null),
            recipients(mail, dsn));
        if (!captureAll && !submission.requestsReceipt()) {
            return Optional.empty();
        }
        return Optional.of(events.submitted(mail.getName(), submission));
    }

    private static List<EnvelopeRecipient> recipients(Mail mail, Optional<DsnParameters> dsn) {
        List<EnvelopeRecipient> recipients = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            Optional<DsnParameters.RecipientDsnParameters> parameters = dsn.map(DsnParameters::getRcptParameters)
                .map(map -> map.get(recipient));
            List<String> notify = new ArrayList<>();
            parameters.flatMap(DsnParameters.RecipientDsnParameters::getNotifyParameter)
                .map(EnumSet::copyOf)
                .ifPresent(set -> set.forEach(keyword -> notify.add(keyword.name())));
            String orcpt = parameters.flatMap(DsnParameters.RecipientDsnParameters::getOrcptParameter)
                .map(address -> DsnParameters.RFC_822_PREFIX + address.asString())
                .orElse(null);
            recipients.add(new EnvelopeRecipient(recipient.asString(), notify, orcpt));
        }
        return recipients;
    }

    @Override
    public String getMailetInfo() {
        return "Receipts: records MDN and DSN requests on mail submitted by local users";
    }
}
