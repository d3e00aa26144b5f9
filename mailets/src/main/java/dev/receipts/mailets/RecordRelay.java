package dev.receipts.mailets;

import java.time.Clock;
import java.util.Optional;

import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.receipts.mailets.core.MessageHeaders;
import dev.receipts.mailets.core.ReceiptEvents;

/**
 * Records that James's {@code RemoteDelivery} handed a message to a remote host, as a {@code RELAYED} event naming
 * the recipients it was accepted for: the honest end of what DSN can say when the remote side keeps quiet.
 *
 * <p>James 3.8.1's {@code RemoteDelivery} sends each successfully delivered mail to the processor named by its
 * {@code onSuccess} parameter; put this mailet there, then end the mail:
 * <pre>{@code
 * <processor state="relay" enableJmx="false">
 *     <mailet match="All" class="RemoteDelivery">
 *         ...
 *         <onSuccess>relay-success</onSuccess>
 *     </mailet>
 * </processor>
 * <processor state="relay-success" enableJmx="false">
 *     <mailet match="All" class="dev.receipts.mailets.RecordRelay">
 *         <serviceUrl>http://127.0.0.1:8080</serviceUrl>   <!-- required: the receipt service -->
 *         <token>${env:RECEIPTS_INGEST_TOKEN}</token>      <!-- required: shared ingest token -->
 *         <spoolDirectory>var/receipts/spool</spoolDirectory> <!-- default; relative to working.directory -->
 *         <nodeName>mx1</nodeName>                          <!-- default: the local host name -->
 *     </mailet>
 *     <mailet match="All" class="Null"/>
 * </processor>
 * }</pre>
 *
 * <p>James 3.8.1 tells the success processor neither the remote host nor whether it advertised DSN: the event
 * carries {@code remoteHost} and {@code dsnOffered} as null. Mail with the null sender (DSNs, bounces) is skipped.
 * The event is spooled on disk and sent in the background; the mail is never changed.
 */
public class RecordRelay extends ReceiptMailet {

    public RecordRelay() {
        this(Clock.systemUTC());
    }

    public RecordRelay(Clock clock) {
        super(clock);
    }

    @Override
    protected Optional<ObjectNode> event(Mail mail, ReceiptEvents events) throws Exception {
        if (mail.getRecipients().isEmpty() || MailFacts.hasNullSender(mail)) {
            return Optional.empty();
        }
        MimeMessage message = mail.getMessage();
        return Optional.of(events.relayed(
            mail.getName(),
            message == null ? null : MessageHeaders.first(message, "Message-ID"),
            MailFacts.envelopeId(mail),
            MailFacts.sender(mail),
            MailFacts.recipients(mail),
            null,
            null));
    }

    @Override
    public String getMailetInfo() {
        return "Receipts: records hand-overs to remote hosts";
    }
}
