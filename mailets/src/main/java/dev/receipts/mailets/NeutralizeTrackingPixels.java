package dev.receipts.mailets;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

import dev.receipts.mailets.core.InvalidSettingException;
import dev.receipts.mailets.core.pixels.MimePixelScanner;
import dev.receipts.mailets.core.pixels.Mode;
import dev.receipts.mailets.core.pixels.PixelSettings;
import dev.receipts.mailets.core.pixels.TrackingPixelDetector;

/**
 * Finds tracking pixels in the HTML of a mail and neutralizes them, so that opening the message
 * tells no one it was read: receipts come from MDNs the reader chose to send, never from pixels.
 *
 * <p>Place it in the {@code local-delivery} processor, before {@code LocalDelivery}; leave it out
 * to turn it off:
 * <pre>{@code
 * <mailet match="All" class="dev.receipts.mailets.NeutralizeTrackingPixels">
 *     <mode>neutralize</mode>                    <!-- default; or flag: only count them in the header -->
 *     <trackerHosts>t.example.com, example.net/open</trackerHosts> <!-- default: none; added to the built-in list -->
 *     <defaultTrackerHosts>true</defaultTrackerHosts> <!-- default; false: only trackerHosts -->
 *     <maxHtmlBytes>2097152</maxHtmlBytes>       <!-- default (2 MiB); larger HTML parts are left alone -->
 * </mailet>
 * }</pre>
 *
 * <p>Only remote ({@code http}, {@code https}) images are candidates; {@code cid:} and
 * {@code data:} images cannot phone home and are never touched. What counts as a pixel is
 * documented on {@link TrackingPixelDetector}. A neutralized pixel's {@code src} becomes an inline
 * transparent GIF. Every mail with an HTML part gets {@code X-Receipts-Tracking-Pixels: 2 neutralized}
 * (or {@code 0 neutralized}, or {@code 2 found} in {@code flag} mode; {@code ; 1 html part not scanned}
 * is appended for parts over the cap); a header of that name that came with the mail is removed. The
 * Message-ID is kept. DSNs and MDNs ({@code multipart/report}), signed and encrypted messages are
 * left alone. It never throws from {@code service()}: on any failure the mail goes on unchanged.
 */
public class NeutralizeTrackingPixels extends GenericMailet {
    /** The header that reports what was done. */
    public static final String HEADER = "X-Receipts-Tracking-Pixels";
    private static final Logger LOGGER = LoggerFactory.getLogger(NeutralizeTrackingPixels.class);

    private PixelSettings settings;

    @Override
    public void init() throws MessagingException {
        Map<String, String> parameters = MailetParameters.of(this);
        try {
            settings = PixelSettings.parse(name(), parameters);
        } catch (InvalidSettingException e) {
            throw new MessagingException(e.getMessage());
        }
        LOGGER.info("{} started: mode {}, {} tracker host entries, HTML parts up to {} bytes", name(),
            settings.mode().parameterValue(), settings.trackerHosts().size(), settings.maxHtmlBytes());
    }

    @Override
    public void service(Mail mail) {
        try {
            process(mail);
        } catch (Exception | LinkageError e) {
            LOGGER.error("{}: cannot check mail [{}] for tracking pixels; it goes on unchanged", name(), MailFacts.name(mail), e);
        }
    }

    private void process(Mail mail) throws Exception {
        MimeMessage message = mail.getMessage();
        if (MimePixelScanner.isReport(message)) {
            return;
        }
        boolean spoofed = message.getHeader(HEADER) != null;
        MimePixelScanner scanner = new MimePixelScanner(
            new TrackingPixelDetector(settings.trackerHosts(), recipients(mail, message)), settings.maxHtmlBytes());
        MimePixelScanner.Scan scan = scanner.scan(message, false);
        for (String skipped : scan.skipped()) {
            LOGGER.warn("{}: mail [{}]: left a {} alone", name(), MailFacts.name(mail), skipped);
        }
        boolean scanned = scan.htmlParts() > 0 || !scan.skipped().isEmpty();
        if (!scanned) {
            if (spoofed) {
                message.removeHeader(HEADER);
                saveChangesKeepingMessageId(message);
            }
            return;
        }
        int found = scan.findings().size();
        MimeMessage result = message;
        if (found > 0 && settings.mode() == Mode.NEUTRALIZE) {
            // A copy, so that no other Mail sharing this message is changed behind James's back.
            result = new MimeMessage(message);
            found = scanner.scan(result, true).findings().size();
        }
        result.setHeader(HEADER, headerValue(found, scan.skipped().size()));
        saveChangesKeepingMessageId(result);
        if (result != message) {
            mail.setMessage(result);
        }
        if (found > 0) {
            LOGGER.info("{}: mail [{}]: {} tracking pixel(s) {}: {}", name(), MailFacts.name(mail), found, settings.mode().verb(),
                scan.findings().stream().map(finding -> finding.reason() + " " + host(finding.url())).collect(Collectors.joining(", ")));
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
        return "Receipts: neutralizes tracking pixels in HTML mail";
    }
}
