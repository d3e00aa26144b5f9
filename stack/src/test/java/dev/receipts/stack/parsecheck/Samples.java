package dev.receipts.stack.parsecheck;

import java.util.List;

/** Small hand-written messages and expectations for the parse-check tests. */
final class Samples {
    private Samples() {
    }

    /** A two-recipient DSN with LF line endings, as files often store them. */
    static final String DSN = "From: MAILER-DAEMON@mx.example.net\n"
        + "Subject: Undelivered Mail Returned to Sender\n"
        + "MIME-Version: 1.0\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n"
        + "--b1\nContent-Type: text/plain\n\nI'm sorry.\n\n"
        + "--b1\nContent-Type: message/delivery-status\n\n"
        + "Reporting-MTA: dns; mx.example.net\n\n"
        + "Final-Recipient: rfc822; Ann@Example.org\nAction: failed\nStatus: 5.1.1\n"
        + "Diagnostic-Code: smtp; 550 5.1.1 no such user\n\n"
        + "Final-Recipient: rfc822; ben@example.org\nAction: delayed\nStatus: 4.4.1\n\n"
        + "--b1\nContent-Type: text/rfc822-headers\n\nMessage-ID: <m1@example.com>\n\n"
        + "--b1--\n";

    static final String MDN = "Content-Type: multipart/report; report-type=disposition-notification; boundary=b2\r\n\r\n"
        + "--b2\r\nContent-Type: text/plain\r\n\r\nDisplayed.\r\n"
        + "--b2\r\nContent-Type: message/disposition-notification\r\n\r\n"
        + "Reporting-UA: laptop; client\r\nFinal-Recipient: rfc822; ann@example.org\r\n"
        + "Original-Message-ID: <m1@example.com>\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n"
        + "--b2--\r\n";

    static final String FEEDBACK = "Content-Type: multipart/report; report-type=feedback-report; boundary=b3\r\r"
        + "--b3\rContent-Type: text/plain\r\rabuse\r--b3\rContent-Type: message/feedback-report\r\rFeedback-Type: abuse\r--b3--\r";

    static final String PROSE_BOUNCE = "From: MAILER-DAEMON@mx.example.net\n"
        + "Subject: failure notice\n\n"
        + "Hi. This is the mail program at mx.example.net.\n<ann@example.org>:\nSorry, no mailbox here by that name.\n";

    static Expectation extracted(Expectation.ExtractedRecipient... recipients) {
        return new Expectation("Postfix", List.of(recipients), List.of());
    }

    static Expectation sisimai(String engine, Expectation.SisimaiRecipient... recipients) {
        return new Expectation(engine, List.of(), List.of(recipients));
    }
}
