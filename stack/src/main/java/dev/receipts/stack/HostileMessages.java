package dev.receipts.stack;

import java.util.List;
import java.util.UUID;

/**
 * Hostile mail from outside to alice, as {@code HostileMailIT} sends it through James and
 * {@code ./receipts bench-hostile} times our readers on it. Each text has {@code SUBJECT} where its unique Subject goes.
 */
public final class HostileMessages {
    private static final String ALICE = "alice@corp.example";

    /** One hostile message: a name, and its text. */
    public record Hostile(String name, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    private HostileMessages() {
    }

    /** The hostile messages, in order. */
    public static List<Hostile> all() {
        return List.of(
            new Hostile("a DSN with 20,000 recipients", dsnWithRecipients(20_000)),
            new Hostile("200 nested multiparts", nestedMultiparts(200)),
            new Hostile("a 30 MB report part", report("delivery-status", "message/delivery-status", null,
                "Reporting-MTA: dns; mx.partner.example\r\n\r\nFinal-Recipient: rfc822; alice@corp.example\r\n"
                    + "Action: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 unknown\r\n"
                    + ("X-Padding: " + "x".repeat(64) + "\r\n").repeat(30 * 1024 * 1024 / 77))),
            new Hostile("broken base64, NULs and an unknown charset", brokenEncodings()),
            new Hostile("a 100 KB Original-Message-ID", report("disposition-notification",
                "message/disposition-notification", null, "Final-Recipient: rfc822; bob@partner.example\r\n"
                    + "Original-Message-ID: <" + ("o".repeat(900) + "\r\n ").repeat(114) + "@corp.example>\r\n"
                    + "Disposition: manual-action/MDN-sent-manually; displayed\r\n")),
            new Hostile("a 3,600-character folded Message-ID on a report", report("delivery-status",
                "message/delivery-status", foldedMessageId(3600),
                "Reporting-MTA: dns; mx.partner.example\r\n\r\nFinal-Recipient: rfc822; erik@partner.example\r\n"
                    + "Action: failed\r\nStatus: 5.1.1\r\n")),
            new Hostile("an MDN whose Final-Recipient is another employee", report("disposition-notification",
                "message/disposition-notification", null, "Final-Recipient: rfc822; bob@corp.example\r\n"
                    + "Original-Message-ID: <not-yours@corp.example>\r\n"
                    + "Disposition: manual-action/MDN-sent-manually; displayed\r\n")));
    }

    private static String head(String messageId) {
        return "From: Mail Delivery System <mailer-daemon@partner.example>\r\nTo: <" + ALICE + ">\r\nSubject: SUBJECT\r\n"
            + "Message-ID: " + (messageId == null ? "<" + UUID.randomUUID() + "@partner.example>" : messageId) + "\r\n"
            + "MIME-Version: 1.0\r\n";
    }

    private static String report(String reportType, String partType, String messageId, String machineReadable) {
        return head(messageId) + "Content-Type: multipart/report; report-type=" + reportType + "; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nA report.\r\n"
            + "--b\r\nContent-Type: " + partType + "\r\n\r\n" + machineReadable + "\r\n--b--\r\n";
    }

    private static String dsnWithRecipients(int count) {
        StringBuilder fields = new StringBuilder("Reporting-MTA: dns; mx.partner.example\r\n");
        for (int i = 0; i < count; i++) {
            fields.append("\r\nFinal-Recipient: rfc822; r").append(i).append("@partner.example\r\nAction: failed\r\n")
                .append("Status: 5.1.1\r\n");
        }
        return report("delivery-status", "message/delivery-status", null, fields.toString());
    }

    private static String nestedMultiparts(int depth) {
        StringBuilder body = new StringBuilder(head(null)).append("Content-Type: multipart/mixed; boundary=\"n0z\"\r\n\r\n");
        for (int i = 0; i < depth; i++) {
            body.append("--n").append(i).append("z\r\nContent-Type: multipart/mixed; boundary=\"n").append(i + 1).append("z\"\r\n\r\n");
        }
        // Nothing readable at the bottom: James 3.8.1's preview then tries each level twice, 2^depth times in all.
        body.append("--n").append(depth).append("z\r\nContent-Type: application/octet-stream\r\n\r\ndeep\r\n--n").append(depth)
            .append("z--\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            body.append("--n").append(i).append("z--\r\n");
        }
        return body.toString();
    }

    private static String brokenEncodings() {
        return head(null) + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain; charset=x-unknown-42\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "!!!not*base64@@@\u0000\u0000QUJD\r\n"
            + "--b\r\nContent-Type: message/delivery-status; charset=x-unknown-42\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "UmVwb3J0aW5nLU1UQTogZG5zOyBteC5wYXJ0bmVyLmV4YW1wbGU=\u0000###%%%\r\n"
            + "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <nul\u0000inside@corp.example>\r\n"
            + "--b--\r\n";
    }

    private static String foldedMessageId(int length) {
        String local = "f".repeat(length - 20);
        return "<" + local.substring(0, 990) + "\r\n " + local.substring(990, 1980) + "\r\n " + local.substring(1980)
            + "@partner.example>";
    }
}
