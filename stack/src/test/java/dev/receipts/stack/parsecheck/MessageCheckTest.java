package dev.receipts.stack.parsecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MessageCheckTest {

    @Test
    void checkShouldReadEveryRecipientOfADsnStoredWithLfLineEndings() {
        CheckedMessage testee = MessageCheck.check("dsn/lhost-example-01.eml", bytes(Samples.DSN));

        assertThat(testee.classification()).isEqualTo(Classification.DSN);
        assertThat(testee.family()).isEqualTo("lhost-example");
        assertThat(testee.recipients()).containsExactly(
            new FoundRecipient("Ann@Example.org", "failed", "5.1.1", "smtp; 550 5.1.1 no such user", "userunknown"),
            new FoundRecipient("ben@example.org", "delayed", "4.4.1", null, "networkerror"));
        assertThat(testee.problems()).isEmpty();
    }

    @Test
    void checkShouldReadTheFinalRecipientAndDispositionOfAnMdn() {
        CheckedMessage testee = MessageCheck.check("mdn-01.eml", bytes(Samples.MDN));

        assertThat(testee.classification()).isEqualTo(Classification.MDN);
        assertThat(testee.recipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.address()).isEqualTo("ann@example.org");
            assertThat(recipient.action()).isEqualTo("displayed");
        });
    }

    @Test
    void checkShouldClassifyAFeedbackReportWithCrLineEndingsAsAnotherReport() {
        CheckedMessage testee = MessageCheck.check("arf-01.eml", bytes(Samples.FEEDBACK));

        assertThat(testee.classification()).isEqualTo(Classification.OTHER_REPORT);
        assertThat(testee.reportType()).isEqualTo("feedback-report");
        assertThat(testee.recipients()).isEmpty();
    }

    @Test
    void checkShouldReadABounceInProseAsANonStandardBounceWithItsRecipientAndReason() {
        CheckedMessage testee = MessageCheck.check("lhost-qmail-01.eml", bytes(Samples.PROSE_BOUNCE));

        assertThat(testee.classification()).isEqualTo(Classification.NON_STANDARD_BOUNCE);
        assertThat(testee.recipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.address()).isEqualTo("ann@example.org");
            assertThat(recipient.action()).isEqualTo("failed");
            assertThat(recipient.reason()).isEqualTo("userunknown");
            assertThat(recipient.diagnostic()).isEqualTo("Sorry, no mailbox here by that name.");
        });
    }

    @Test
    void checkShouldClassifyAnAutoReplyAsSuchWithoutRecipients() {
        CheckedMessage testee = MessageCheck.check("rfc3834-01.eml", bytes("From: ann@example.org\nTo: bob@example.net\n"
            + "Subject: Out of office\nAuto-Submitted: auto-replied\n\nI am away until Monday.\n"));

        assertThat(testee.classification()).isEqualTo(Classification.AUTO_REPLY);
        assertThat(testee.recipients()).isEmpty();
    }

    @Test
    void checkShouldLeaveOrdinaryMailAboutABounceAsNotAReport() {
        CheckedMessage testee = MessageCheck.check("mail-01.eml", bytes("From: ann@example.org\nTo: bob@example.net\n"
            + "Subject: Re: undeliverable invoice\n\nbob@example.net: can you resend it?\n"));

        assertThat(testee.classification()).isEqualTo(Classification.NOT_A_REPORT);
    }

    @Test
    void checkShouldNeverThrowOnBytesThatAreNoMessage() {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);

        CheckedMessage testee = MessageCheck.check("garbage.eml", garbage);

        assertThat(testee.classification()).isIn(Classification.NOT_A_REPORT, Classification.UNREADABLE);
    }

    @Test
    void crlfShouldTurnLoneLfAndLoneCrIntoCrlfAndKeepCrlf() {
        byte[] testee = MessageCheck.crlf(bytes("a\nb\rc\r\nd\n\re"));

        assertThat(new String(testee, StandardCharsets.ISO_8859_1)).isEqualTo("a\r\nb\r\nc\r\nd\r\n\r\ne");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
