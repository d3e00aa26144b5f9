package dev.receipts.stack;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import javax.mail.internet.MimeMessage;

/** What alice's and bob's mail clients do: a message asking for receipts, and bob's RFC 8098 answer. */
final class Conversation {
    private Conversation() {
    }

    /** alice sends to bob with Disposition-Notification-To and NOTIFY=SUCCESS,FAILURE; returns the Message-ID. */
    static String sendWithReadReceipt(MailClient alice, MailClient bob, String subject, String envelopeId) throws Exception {
        String messageId = "<" + UUID.randomUUID() + "@corp.example>";
        MimeMessage message = alice.parse("From: Alice <" + alice.address() + ">\r\n"
            + "To: Bob <" + bob.address() + ">\r\n"
            + "Subject: " + subject + "\r\n"
            + "Message-ID: " + messageId + "\r\n"
            + "Disposition-Notification-To: Alice <" + alice.address() + ">\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "Please confirm you have seen this.\r\n");
        alice.send(message, new MailClient.Dsn("SUCCESS,FAILURE", "HDRS", envelopeId), bob.address());
        return messageId;
    }

    /**
     * bob's client finds the message in his INBOX over IMAP, sees the read-receipt request and sends an
     * RFC 8098 MDN ("displayed", sent manually) to the address it names, over SMTP as bob.
     */
    static void answerReadReceipt(MailClient bob, String messageId) throws Exception {
        // An IMAP read that times out on a loaded machine is retried, like a mail client would.
        String original = await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(java.io.IOException.class)
            .until(() -> find(bob, messageId), Optional::isPresent).orElseThrow();
        MimeMessage received = bob.parse(original);
        String[] requested = received.getHeader("Disposition-Notification-To");
        if (requested == null) {
            throw new AssertionError("bob's copy has no Disposition-Notification-To:\n" + original);
        }
        String notifyTo = new javax.mail.internet.InternetAddress(requested[0]).getAddress();
        String boundary = "mdn-" + UUID.randomUUID();
        MimeMessage mdn = bob.parse("From: Bob <" + bob.address() + ">\r\n"
            + "To: " + notifyTo + "\r\n"
            + "Subject: Return Receipt (displayed) - " + received.getSubject() + "\r\n"
            + "Message-ID: <" + UUID.randomUUID() + "@corp.example>\r\n"
            + "In-Reply-To: " + messageId + "\r\n"
            + "References: " + messageId + "\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=disposition-notification;\r\n"
            + "\tboundary=\"" + boundary + "\"\r\n\r\n"
            + "--" + boundary + "\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "This is a Return Receipt for the mail that you sent to " + bob.address() + ".\r\n\r\n"
            + "Note: This Return Receipt only acknowledges that the message was displayed on the recipient's computer.\r\n\r\n"
            + "--" + boundary + "\r\n"
            + "Content-Type: message/disposition-notification; name=\"MDNPart2.txt\"\r\n"
            + "Content-Disposition: inline\r\n\r\n"
            + "Reporting-UA: bob-laptop; Thunderbird 128.5.0\r\n"
            + "Original-Recipient: rfc822;" + bob.address() + "\r\n"
            + "Final-Recipient: rfc822;" + bob.address() + "\r\n"
            + "Original-Message-ID: " + messageId + "\r\n"
            + "Disposition: manual-action/MDN-sent-manually; displayed\r\n\r\n"
            + "--" + boundary + "\r\n"
            + "Content-Type: text/rfc822-headers; name=\"MDNPart3.txt\"\r\n"
            + "Content-Disposition: inline\r\n\r\n"
            + "Message-ID: " + messageId + "\r\n"
            + "Subject: " + received.getSubject() + "\r\n\r\n"
            + "--" + boundary + "--\r\n");
        bob.send(mdn, MailClient.Dsn.none(), notifyTo);
    }

    private static Optional<String> find(MailClient user, String messageId) throws Exception {
        for (String raw : user.inbox()) {
            if (messageId.equals(user.parse(raw).getMessageID())) {
                return Optional.of(raw);
            }
        }
        return Optional.empty();
    }
}
