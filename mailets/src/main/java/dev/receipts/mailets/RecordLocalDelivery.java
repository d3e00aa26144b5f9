package dev.receipts.mailets;

import java.time.Clock;
import java.util.Collections;
import java.util.Optional;

import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.receipts.mailets.core.Audience;
import dev.receipts.mailets.core.MdnRequest;
import dev.receipts.mailets.core.MessageHeaders;
import dev.receipts.mailets.core.ReceiptEvents;

/**
 * Records that James stored a message in local mailboxes, as a {@code LOCAL_DELIVERY} event naming
 * the mail's current recipients and, when the message asks for a read receipt, the request: its
 * header, the requester's address and whether the requester is internal or external.
 *
 * <p>Place it in the {@code local-delivery} processor right after {@code LocalDelivery} configured
 * not to consume the mail:
 * <pre>{@code
 * <mailet match="All" class="LocalDelivery"><consume>false</consume></mailet>
 * <mailet match="All" class="dev.receipts.mailets.RecordLocalDelivery">
 *     <serviceUrl>http://127.0.0.1:8080</serviceUrl>   <!-- required: the receipt service -->
 *     <token>${env:RECEIPTS_INGEST_TOKEN}</token>      <!-- required: shared ingest token -->
 *     <spoolDirectory>var/receipts/spool</spoolDirectory> <!-- default; relative to working.directory -->
 *     <nodeName>mx1</nodeName>                          <!-- default: the local host name -->
 * </mailet>
 * }</pre>
 *
 * <p>The event is spooled on disk and sent in the background; the mail is never changed.
 */
public class RecordLocalDelivery extends ReceiptMailet {

    public RecordLocalDelivery() {
        this(Clock.systemUTC());
    }

    public RecordLocalDelivery(Clock clock) {
        super(clock);
    }

    @Override
    protected Optional<ObjectNode> event(Mail mail, ReceiptEvents events) throws Exception {
        if (mail.getRecipients().isEmpty()) {
            return Optional.empty();
        }
        MimeMessage message = mail.getMessage();
        MdnRequest mdnRequest = message == null ? null : MdnRequest.of(message).orElse(null);
        Audience requesterAudience = mdnRequest == null ? null
            : Audience.of(Collections.singletonList(mdnRequest.requesterDomain().orElse(null)), this::isLocalDomain);
        return Optional.of(events.localDelivery(
            mail.getName(),
            MessageHeaders.first(message, "Message-ID"),
            MailFacts.envelopeId(mail),
            MailFacts.sender(mail),
            MailFacts.recipients(mail),
            mdnRequest,
            requesterAudience));
    }

    @Override
    public String getMailetInfo() {
        return "Receipts: records deliveries to local mailboxes";
    }
}
