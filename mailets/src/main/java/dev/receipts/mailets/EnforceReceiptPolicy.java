package dev.receipts.mailets;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.mail.Message;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.receipts.mailets.core.Audience;
import dev.receipts.mailets.core.DispositionNotification;
import dev.receipts.mailets.core.InvalidSettingException;
import dev.receipts.mailets.core.MdnDecision;
import dev.receipts.mailets.core.MessageHeaders;
import dev.receipts.mailets.core.PolicyCache;
import dev.receipts.mailets.core.PolicyDecision;
import dev.receipts.mailets.core.ReceiptEvents;
import dev.receipts.mailets.core.ReceiptSettings;
import dev.receipts.mailets.core.Report;
import dev.receipts.mailets.core.ReportParser;
import dev.receipts.mailets.core.StoppedReceiptNotice;

/**
 * Enforces the employees' and the organisation's receipt policies (docs/consent.md) on the read
 * receipts (MDNs, RFC 8098) that local users' mail programs send: an MDN whose effective choice is
 * {@code NEVER} is stopped at the server and never delivered; {@code ALWAYS} and {@code ASK} let it
 * through. Every MDN seen gives an {@code MDN_DECISION} event.
 *
 * <p>Place it in the {@code transport} processor before {@link CollectReports}, for mail submitted
 * by local users or whose envelope sender is local ({@code SenderIsLocal}: JMAP {@code MDN/send}
 * enqueues the MDN with the user as sender and no SMTP attribute):
 * <pre>{@code
 * <mailet match="sent-by-local-user" class="dev.receipts.mailets.EnforceReceiptPolicy">
 *     <serviceUrl>http://127.0.0.1:8080</serviceUrl>   <!-- required: the receipt service -->
 *     <token>${env:RECEIPTS_INGEST_TOKEN}</token>      <!-- required: shared ingest token -->
 *     <spoolDirectory>var/receipts/spool</spoolDirectory> <!-- default; relative to working.directory -->
 *     <nodeName>mx1</nodeName>                          <!-- default: the local host name -->
 *     <policyCache>var/receipts/policy-cache.json</policyCache> <!-- default; relative to working.directory -->
 *     <policyRefresh>PT15S</policyRefresh>              <!-- default: ISO-8601, PT1S to PT24H -->
 *     <notice>true</notice>                             <!-- default true: tell the author when an MDN is stopped -->
 * </mailet>
 * }</pre>
 *
 * <p>The author is the SMTP AUTH user, else the envelope sender; the audience is {@code INTERNAL}
 * when every envelope recipient's domain is served by James, else {@code EXTERNAL}. Policies come
 * from the {@link PolicyCache}: fetched in the background, kept in the {@code policyCache} file,
 * so the last known policy applies while the service is down; the mail thread never waits for
 * the network. A stopped MDN is recorded first, then set to the {@code ghost} state, even when
 * the event cannot be spooled (it is then logged in full); with {@code notice=true} the author gets
 * a short plain-text notice from the postmaster. Mail other than MDNs is left alone.
 */
public class EnforceReceiptPolicy extends ReceiptMailet {
    public static final String POLICY_CACHE = "policyCache";
    public static final String POLICY_REFRESH = "policyRefresh";
    public static final String NOTICE = "notice";
    public static final String DEFAULT_POLICY_CACHE = "var/receipts/policy-cache.json";
    public static final Duration DEFAULT_POLICY_REFRESH = Duration.ofSeconds(15);

    private static final Logger LOGGER = LoggerFactory.getLogger(EnforceReceiptPolicy.class);
    private static final Duration MIN_POLICY_REFRESH = Duration.ofSeconds(1);
    private static final Duration MAX_POLICY_REFRESH = Duration.ofHours(24);

    private boolean notice;
    private volatile PolicyCache policies;

    public EnforceReceiptPolicy() {
        this(Clock.systemUTC());
    }

    public EnforceReceiptPolicy(Clock clock) {
        super(clock);
    }

    @Override
    protected List<String> extraParameters() {
        return List.of(POLICY_CACHE, POLICY_REFRESH, NOTICE);
    }

    @Override
    protected void initExtra(Map<String, String> parameters) throws InvalidSettingException {
        notice = ReceiptSettings.booleanParameter(name(), parameters, NOTICE, true);
        Duration refresh = ReceiptSettings.durationParameter(name(), parameters, POLICY_REFRESH, DEFAULT_POLICY_REFRESH,
            MIN_POLICY_REFRESH, MAX_POLICY_REFRESH);
        Path file = ReceiptSettings.pathParameter(name(), parameters, POLICY_CACHE, DEFAULT_POLICY_CACHE,
            "a file path", ReceiptSettings.defaultWorkingDirectory());
        PolicyCache cache = new PolicyCache(settings().serviceUrl(), settings().token(), file, refresh);
        try {
            policies = cache.start();
        } catch (IOException e) {
            throw new InvalidSettingException(name() + ": '" + POLICY_CACHE + "' must be a file in a writable directory, got ["
                + parameters.getOrDefault(POLICY_CACHE, DEFAULT_POLICY_CACHE) + "] (resolved to " + file + "): " + e, e);
        }
        LOGGER.info("{}: policies from {}, refreshed every {}, kept in {}; notice {}", name(), cache.snapshotUri(), refresh,
            file, notice);
    }

    @Override
    protected Optional<ObjectNode> event(Mail mail, ReceiptEvents events) throws Exception {
        MimeMessage message = mail.getMessage();
        if (message == null) {
            return Optional.empty();
        }
        Optional<String> reportType = ReportParser.reportType(message.getContentType());
        if (!reportType.filter(Report.DISPOSITION_NOTIFICATION::equals).isPresent()) {
            return Optional.empty();
        }
        DispositionNotification mdn = ReportParser.parse(message, reportType.get()).dispositionNotification();
        String author = MailFacts.author(mail);
        Audience audience = Audience.of(MailFacts.recipientDomains(mail), this::isLocalDomain);
        PolicyDecision policy = policies.current().decide(author, audience);
        MdnDecision decision = new MdnDecision(author, MailFacts.recipients(mail), audience, policy,
            mdn == null ? null : mdn.originalMessageId(),
            mdn == null ? null : mdn.dispositionType(),
            MessageHeaders.first(message, "Message-ID"),
            false);
        if (decision.outcome() == PolicyDecision.Outcome.STOPPED && notice) {
            decision = decision.withNoticeSent(sendNotice(mail, decision));
        }
        return Optional.of(events.mdnDecision(mail.getName(), decision));
    }

    @Override
    protected void afterEvent(Mail mail, ObjectNode event) {
        if (PolicyDecision.Outcome.STOPPED.name().equals(event.path("decision").asText())) {
            mail.setState(Mail.GHOST);
            LOGGER.info("{}: stopped the read receipt [{}] of {} to {} ({} {})", name(), MailFacts.name(mail),
                event.path("author").asText(), event.path("recipients"), event.path("policy").path("source").asText(),
                event.path("policy").path("choice").asText());
        }
    }

    /** Tells the author that the MDN was stopped; true when the notice was handed to James. Never throws. */
    private boolean sendNotice(Mail mail, MdnDecision decision) {
        try {
            if (decision.author() == null) {
                LOGGER.warn("{}: no notice for the stopped read receipt [{}]: its author is unknown", name(), MailFacts.name(mail));
                return false;
            }
            MailAddress postmaster = getMailetContext().getPostmaster();
            MailAddress author = new MailAddress(decision.author());
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(postmaster.asString()));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(author.asString()));
            message.setSubject(StoppedReceiptNotice.SUBJECT, "UTF-8");
            message.setSentDate(new Date());
            // RFC 3834: no auto-reply, vacation message or receipt should answer this notice.
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setText(StoppedReceiptNotice.text(decision), "UTF-8");
            message.saveChanges();
            getMailetContext().sendMail(postmaster, List.of(author), message);
            return true;
        } catch (Exception | LinkageError e) {
            LOGGER.warn("{}: cannot send the notice for the stopped read receipt [{}] to [{}]; the receipt is stopped all the same",
                name(), MailFacts.name(mail), decision.author(), e);
            return false;
        }
    }

    /** The policy cache (after init): for health reporting and tests. */
    public PolicyCache policyCache() {
        return policies;
    }

    @Override
    public void destroy() {
        PolicyCache current = policies;
        if (current != null) {
            current.close();
        }
        super.destroy();
    }

    @Override
    public String getMailetInfo() {
        return "Receipts: enforces the receipt policies on the read receipts local users send";
    }
}
