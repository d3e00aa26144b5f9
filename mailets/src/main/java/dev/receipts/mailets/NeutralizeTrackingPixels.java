package dev.receipts.mailets;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.receipts.mailets.core.InvalidSettingException;
import dev.receipts.mailets.core.ReceiptEvents;
import dev.receipts.mailets.core.ReceiptSettings;
import dev.receipts.mailets.core.SpoolRegistry;
import dev.receipts.mailets.core.pixels.MimePixelScanner;
import dev.receipts.mailets.core.pixels.Mode;
import dev.receipts.mailets.core.pixels.PixelReason;
import dev.receipts.mailets.core.pixels.PixelSettings;
import dev.receipts.mailets.core.pixels.TrackingPixelDetector;

/**
 * Finds tracking pixels in the HTML of a mail and neutralizes, strips or flags them, so that opening
 * the message tells no one it was read: receipts come from MDNs the reader chose to send, never from pixels.
 *
 * <p>Place it in the {@code local-delivery} processor, before {@code LocalDelivery}, for incoming
 * mail; and, for mail local users send, in {@code transport} before {@code RecipientRewriteTable}
 * with {@code direction} {@code outgoing}. Leave it out to turn it off:
 * <pre>{@code
 * <mailet match="All" class="dev.receipts.mailets.NeutralizeTrackingPixels">
 *     <mode>neutralize</mode>                    <!-- default; flag: only count them in the header; strip: remove the <img> -->
 *     <direction>incoming</direction>            <!-- default; outgoing: mail submitted by local users -->
 *     <trackerHosts>t.example.com, example.net/open</trackerHosts> <!-- default: none; added to the built-in list -->
 *     <defaultTrackerHosts>true</defaultTrackerHosts> <!-- default; false: only trackerHosts -->
 *     <maxHtmlBytes>2097152</maxHtmlBytes>       <!-- default (2 MiB); larger HTML parts are left alone -->
 *     <serviceUrl>http://127.0.0.1:8080</serviceUrl> <!-- default: none, no events; with token: a PIXELS event per mail with pixels -->
 *     <token>${env:RECEIPTS_INGEST_TOKEN}</token> <!-- required with serviceUrl -->
 *     <spoolDirectory>var/receipts/spool</spoolDirectory> <!-- default, as for the receipts mailets -->
 *     <nodeName>mx1</nodeName>                   <!-- default: the host name -->
 * </mailet>
 * }</pre>
 *
 * <p>Only remote ({@code http}, {@code https}) images are candidates; {@code cid:} and
 * {@code data:} images cannot phone home and are never touched. What counts as a pixel is
 * documented on {@link TrackingPixelDetector}. A neutralized pixel's {@code src} becomes an inline
 * transparent GIF; a stripped pixel's {@code <img>} is removed. Every mail with an HTML part gets
 * {@code X-Receipts-Tracking-Pixels: 2 neutralized} (or {@code 0 neutralized}, {@code 2 stripped},
 * or {@code 2 found} in {@code flag} mode; {@code ; 1 html part not scanned} is appended for parts
 * over the cap); a header of that name that came with the mail is removed. The Message-ID is kept.
 * DSNs and MDNs ({@code multipart/report}), signed and encrypted messages are left alone. With
 * {@code serviceUrl} and {@code token}, each mail with pixels also produces a {@code PIXELS} event
 * in the spool shared with the receipts mailets. It never throws from {@code service()}: on any
 * failure the mail goes on unchanged, and an event that cannot be spooled is logged.
 */
public class NeutralizeTrackingPixels extends GenericMailet {
    /** The header that reports what was done. */
    public static final String HEADER = "X-Receipts-Tracking-Pixels";
    private static final Logger LOGGER = LoggerFactory.getLogger(NeutralizeTrackingPixels.class);

    private final Clock clock;
    private PixelSettings settings;
    private ReceiptEvents events;
    private volatile SpoolRegistry.Lease lease;

    public NeutralizeTrackingPixels() {
        this(Clock.systemUTC());
    }

    public NeutralizeTrackingPixels(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void init() throws MessagingException {
        Map<String, String> parameters = MailetParameters.of(this);
        try {
            settings = PixelSettings.parse(name(), parameters);
        } catch (InvalidSettingException e) {
            throw new MessagingException(e.getMessage());
        }
        Optional<ReceiptSettings> service = settings.service();
        if (service.isPresent()) {
            lease = SpoolLeases.acquire(name(), service.get(), parameters);
            events = new ReceiptEvents(service.get().nodeName(), clock);
        }
        LOGGER.info("{} started: {} mail, mode {}, {} tracker host entries, HTML parts up to {} bytes, {}", name(),
            settings.direction().parameterValue(), settings.mode().parameterValue(), settings.trackerHosts().size(),
            settings.maxHtmlBytes(), service.map(s -> "counts spooled in " + s.spoolDirectory() + " for " + s.serviceUrl())
                .orElse("no events (no serviceUrl)"));
    }

    @Override
    public void service(Mail mail) {
        List<TrackingPixelDetector.Finding> findings;
        try {
            findings = process(mail);
        } catch (Exception | LinkageError e) {
            LOGGER.error("{}: cannot check mail [{}] for tracking pixels; it goes on unchanged", name(), MailFacts.name(mail), e);
            return;
        }
        if (events != null && !findings.isEmpty()) {
            record(mail, findings);
        }
    }

    @Override
    public void destroy() {
        SpoolRegistry.Lease current = lease;
        if (current != null) {
            current.close();
        }
    }

    /** The pixels found (and neutralized or stripped, as the mode says); empty when there were none. */
    private List<TrackingPixelDetector.Finding> process(Mail mail) throws Exception {
        MimeMessage message = mail.getMessage();
        if (MimePixelScanner.isReport(message)) {
            return List.of();
        }
        boolean spoofed = message.getHeader(HEADER) != null;
        MimePixelScanner scanner = new MimePixelScanner(
            new TrackingPixelDetector(settings.trackerHosts(), recipients(mail, message)), settings.maxHtmlBytes());
        MimePixelScanner.Scan scan = scanner.scan(message, Mode.FLAG);
        for (String skipped : scan.skipped()) {
            LOGGER.warn("{}: mail [{}]: left a {} alone", name(), MailFacts.name(mail), skipped);
        }
        boolean scanned = scan.htmlParts() > 0 || !scan.skipped().isEmpty();
        if (!scanned) {
            if (spoofed) {
                message.removeHeader(HEADER);
                saveChangesKeepingMessageId(message);
            }
            return List.of();
        }
        List<TrackingPixelDetector.Finding> findings = scan.findings();
        MimeMessage result = message;
        if (!findings.isEmpty() && settings.mode().rewrites()) {
            // A copy, so that no other Mail sharing this message is changed behind James's back.
            result = new MimeMessage(message);
            findings = scanner.scan(result, settings.mode()).findings();
        }
        int found = findings.size();
        result.setHeader(HEADER, headerValue(found, scan.skipped().size()));
        saveChangesKeepingMessageId(result);
        if (result != message) {
            mail.setMessage(result);
        }
        if (found > 0) {
            LOGGER.info("{}: mail [{}]: {} tracking pixel(s) {}: {}", name(), MailFacts.name(mail), found, settings.mode().verb(),
                findings.stream().map(finding -> finding.reason() + " " + host(finding.url())).collect(Collectors.joining(", ")));
        }
        return findings;
    }

    /** Spools the PIXELS event; a failure is logged with the event and never affects the mail. */
    private void record(Mail mail, List<TrackingPixelDetector.Finding> findings) {
        ObjectNode event;
        try {
            Map<String, Integer> reasons = new LinkedHashMap<>();
            for (PixelReason reason : PixelReason.values()) {
                int count = (int) findings.stream().filter(finding -> finding.reason() == reason).count();
                if (count > 0) {
                    reasons.put(reason.name(), count);
                }
            }
            List<String> recipients = mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.toList());
            String senderDomain = mail.getMaybeSender().asOptional()
                .map(sender -> sender.getDomain().asString().toLowerCase(Locale.ROOT)).orElse(null);
            event = events.pixels(mail.getName(), settings.direction().name(), messageId(mail), senderDomain, recipients,
                reasons, settings.mode().action());
        } catch (Exception | LinkageError e) {
            LOGGER.error("{}: cannot build the PIXELS event for mail [{}] ({} pixel(s)); no event recorded for it",
                name(), MailFacts.name(mail), findings.size(), e);
            return;
        }
        try {
            lease.spool().append(ReceiptEvents.toJson(event));
        } catch (Exception | LinkageError e) {
            LOGGER.error("{}: cannot spool the event for mail [{}]; here it is, so that it is not lost: {}",
                name(), MailFacts.name(mail), event, e);
        }
    }

    private static String messageId(Mail mail) {
        try {
            return mail.getMessage().getMessageID();
        } catch (MessagingException | RuntimeException e) {
            // A Message-ID that cannot be read is reported as absent, as the contract allows.
            return null;
        }
    }

    private String headerValue(int found, int skipped) {
        String value = found + " " + settings.mode().verb();
        if (skipped > 0) {
            value += "; " + skipped + " html part" + (skipped == 1 ? "" : "s") + " not scanned";
        }
        return value;
    }

    /** saveChanges() gives a plain MimeMessage a new Message-ID; the original one must stay. */
    private static void saveChangesKeepingMessageId(MimeMessage message) throws MessagingException {
        String[] messageId = message.getHeader("Message-ID");
        message.saveChanges();
        if (messageId == null) {
            message.removeHeader("Message-ID");
        } else {
            message.setHeader("Message-ID", messageId[0]);
        }
    }

    /** Envelope recipients, and the To and Cc addresses (before any alias rewriting). */
    private static Set<String> recipients(Mail mail, MimeMessage message) {
        Set<String> recipients = new LinkedHashSet<>();
        for (MailAddress recipient : mail.getRecipients()) {
            recipients.add(recipient.asString());
        }
        for (String header : List.of("To", "Cc")) {
            try {
                String value = message.getHeader(header, ",");
                if (value != null) {
                    for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                        if (address.getAddress() != null) {
                            recipients.add(address.getAddress());
                        }
                    }
                }
            } catch (MessagingException | RuntimeException e) {
                // An unreadable header only weakens the per-recipient rule.
            }
        }
        return recipients;
    }

    private static String host(String url) {
        String rest = url.replaceFirst("(?i)^(https?:)?//", "");
        int end = rest.length();
        for (char delimiter : new char[] {'/', '?', '#'}) {
            int index = rest.indexOf(delimiter);
            if (index >= 0 && index < end) {
                end = index;
            }
        }
        return rest.substring(0, end);
    }

    private String name() {
        return getClass().getSimpleName();
    }

    @Override
    public String getMailetInfo() {
        return "Receipts: neutralizes, strips or flags tracking pixels in HTML mail";
    }
}
