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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.receipts.contract.EnvelopeIds;
import dev.receipts.contract.XText;
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
 *     <envelopeIdKey>${env:RECEIPTS_ENVELOPE_ID_KEY}</envelopeIdKey> <!-- default none: assign no ENVID -->
 * </mailet>
 * }</pre>
 *
 * <p>With {@code envelopeIdKey} (at least 16 characters, the same as the service's
 * {@code receipts.correlation.envelope-id-key}), a submission that asks for a DSN (a NOTIFY other than NEVER,
 * or RET) without an ENVID gets one, {@code rcpt.<random>.<hmac>} (see {@link EnvelopeIds}), set on the mail's
 * DSN parameters, so that {@code RemoteDelivery} passes it on and {@code DSNBounce} echoes it; the event records
 * it, and the id is set once the event is spooled. That is the one change this mailet makes to mail. Without the
 * parameter, no ENVID is assigned.
 *
 * <p>With {@code captureAll=false} only messages that carry an MDN request or a DSN request (ENVID,
 * RET, or a NOTIFY other than NEVER) are recorded; with {@code true}, every submitted message.
 * Mail with the null sender and reports themselves (DSNs, MDNs: see {@link CollectReports}) are
 * skipped. The event is spooled on disk and sent in the background; apart from the ENVID above, the mail is
 * never changed.
 */
public class CaptureReceiptRequests extends ReceiptMailet {
    public static final String CAPTURE_ALL = "captureAll";
    public static final String ENVELOPE_ID_KEY = "envelopeIdKey";
    private static final Logger LOGGER = LoggerFactory.getLogger(CaptureReceiptRequests.class);

    private boolean captureAll;
    private EnvelopeIds envelopeIds;

    public CaptureReceiptRequests() {
        this(Clock.systemUTC());
    }

    public CaptureReceiptRequests(Clock clock) {
        super(clock);
    }

    @Override
    protected List<String> extraParameters() {
        return List.of(CAPTURE_ALL, ENVELOPE_ID_KEY);
    }

    @Override
    protected void initExtra(Map<String, String> parameters) throws InvalidSettingException {
        captureAll = ReceiptSettings.booleanParameter(name(), parameters, CAPTURE_ALL, false);
        String key = parameters.get(ENVELOPE_ID_KEY);
        if (key == null) {
            envelopeIds = null;
            return;
        }
        if (key.trim().startsWith("${")) {
            throw new InvalidSettingException(name() + ": '" + ENVELOPE_ID_KEY + "' is not set: got the unresolved"
                + " placeholder [" + key.trim() + "]; set the variable it names in James's environment, or remove the"
                + " parameter");
        }
        if (key.trim().length() < EnvelopeIds.MIN_KEY_LENGTH) {
            throw new InvalidSettingException(name() + ": '" + ENVELOPE_ID_KEY + "' must be a secret of at least "
                + EnvelopeIds.MIN_KEY_LENGTH + " characters, got one of " + key.trim().length());
        }
        envelopeIds = new EnvelopeIds(key.trim());
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
        Optional<DsnParameters> dsn = assignEnvelopeId(mail, MailFacts.dsn(mail));
        Submission submission = new Submission(
            MessageHeaders.first(message, "Message-ID"),
            MailFacts.sender(mail),
            MailFacts.authUser(mail),
            MessageHeaders.decoded(message, "From"),
            dsn.flatMap(DsnParameters::getEnvIdParameter).map(envId -> XText.decode(envId.asString())).orElse(null),
            dsn.flatMap(DsnParameters::getRetParameter).map(Enum::name).orElse(null),
            MessageHeaders.decoded(message, "Subject"),
            MdnRequest.of(message).orElse(null),
            recipients(mail, dsn));
        if (!captureAll && !submission.requestsReceipt()) {
            return Optional.empty();
        }
        return Optional.of(events.submitted(mail.getName(), submission));
    }

    /**
     * When a key is configured and the sender asked for a DSN without an ENVID, the DSN parameters with a signed one;
     * {@link #afterEvent} sets them on the mail once the event that records the id is spooled.
     */
    private Optional<DsnParameters> assignEnvelopeId(Mail mail, Optional<DsnParameters> dsn) {
        if (envelopeIds == null || dsn.isEmpty() || dsn.get().getEnvIdParameter().isPresent()
            || !asksForDsn(dsn.get())) {
            return dsn;
        }
        DsnParameters.Builder builder = DsnParameters.builder()
            .envId(DsnParameters.EnvId.of(envelopeIds.next()))
            .rcptParameters(dsn.get().getRcptParameters());
        dsn.get().getRetParameter().ifPresent(builder::ret);
        Optional<DsnParameters> signed = builder.build();
        return signed.isPresent() ? signed : dsn;
    }

    /**
     * Sets the assigned ENVID on the mail's DSN parameters, kept for every later mailet (RemoteDelivery passes it
     * to the next MTA, DSNBounce echoes it).
     */
    @Override
    protected void afterEvent(Mail mail, ObjectNode event) {
        JsonNode assigned = event.get("envelopeId");
        Optional<DsnParameters> dsn = MailFacts.dsn(mail);
        if (envelopeIds == null || assigned == null || !assigned.isTextual() || dsn.isEmpty()
            || dsn.get().getEnvIdParameter().isPresent() || !envelopeIds.verifies(assigned.asText())) {
            return;
        }
        DsnParameters.Builder builder = DsnParameters.builder()
            .envId(DsnParameters.EnvId.of(assigned.asText()))
            .rcptParameters(dsn.get().getRcptParameters());
        dsn.get().getRetParameter().ifPresent(builder::ret);
        builder.build().ifPresent(mail::setDsnParameters);
        LOGGER.debug("{}: assigned ENVID {} to mail [{}]", name(), assigned.asText(), MailFacts.name(mail));
    }

    /** A NOTIFY other than NEVER for some recipient, or RET. */
    private static boolean asksForDsn(DsnParameters dsn) {
        return dsn.getRetParameter().isPresent() || dsn.getRcptParameters().values().stream()
            .map(DsnParameters.RecipientDsnParameters::getNotifyParameter)
            .anyMatch(notify -> notify.isPresent() && !notify.get().isEmpty()
                && !notify.get().equals(EnumSet.of(DsnParameters.Notify.NEVER)));
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
