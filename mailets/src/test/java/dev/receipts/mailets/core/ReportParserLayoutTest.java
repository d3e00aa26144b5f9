package dev.receipts.mailets.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

/**
 * DSNs laid out as real MTAs write them rather than as RFC 3464 shows them: recipients not
 * separated by blank lines, fields in another order, MIME boundaries that do not match. The
 * samples are written for these tests, after shapes seen in public bounce collections.
 */
class ReportParserLayoutTest {

    @Test
    void parseShouldSplitRecipientsWrittenInOneBlockWithThePerMessageFields() {
        List<String> problems = new ArrayList<>();

        DeliveryStatus testee = DeliveryStatus.parse("Reporting-MTA: dns; mx.example.net\r\n"
            + "Arrival-Date: Fri, 21 Nov 2014 17:24:04 -0500\r\n"
            + "Final-Recipient: rfc822; ann@example.org\r\n"
            + "Original-Recipient: rfc822;ann@example.org\r\n"
            + "Action: failed\r\n"
            + "Status: 5.2.2\r\n"
            + "Diagnostic-Code: smtp; 552 5.2.2 mailbox full\r\n"
            + "Final-Recipient: rfc822; ben@example.org\r\n"
            + "Original-Recipient: rfc822;ben@example.org\r\n"
            + "Action: failed\r\n"
            + "Status: 5.1.1\r\n", null, problems);

        assertThat(testee.reportingMta()).isEqualTo("dns; mx.example.net");
        assertThat(testee.recipients()).extracting(r -> r.finalRecipient().address(), RecipientStatus::status, RecipientStatus::diagnosticCode)
            .containsExactly(
                tuple("ann@example.org", "5.2.2", "smtp; 552 5.2.2 mailbox full"),
                tuple("ben@example.org", "5.1.1", null));
        assertThat(problems).isEmpty();
    }

    @Test
    void parseShouldKeepOneRecipientWhoseActionAndStatusComeBeforeItsAddresses() {
        List<String> problems = new ArrayList<>();

        DeliveryStatus testee = DeliveryStatus.parse("Reporting-MTA: dns; mx.example.net\r\n\r\n"
            + "Action: failed\r\n"
            + "Status: 5.0.0 (rejected)\r\n"
            + "Original-Recipient: rfc822;ann@example.org\r\n"
            + "Final-Recipient: rfc822;ann@example.org\r\n"
            + "Diagnostic-Code: smtp; 550 no such user\r\n\r\n"
            + "Action: failed\r\n"
            + "Final-Recipient: rfc822;ben@example.org\r\n"
            + "Original-Recipient: rfc822;ben@example.org\r\n"
            + "Status: 5.1.1\r\n", null, problems);

        assertThat(testee.recipients()).extracting(r -> r.finalRecipient().address(), RecipientStatus::action, RecipientStatus::status)
            .containsExactly(
                tuple("ann@example.org", "failed", "5.0.0"),
                tuple("ben@example.org", "failed", "5.1.1"));
        assertThat(problems).isEmpty();
    }

    @Test
    void parseShouldReadDeliveryStatusFieldsWhenTheBoundaryDoesNotMatchTheHeader() throws Exception {
        Report testee = parse("Content-Type: multipart/report; report-type=delivery-status; boundary=\"AB12.1/mx.example.net\"\r\n\r\n"
            + "--AB12.1/mx1.example.net\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n\r\n"
            + "--AB12.1/mx1.example.net\r\nContent-Type: message/delivery-status\r\n\r\n"
            + "Reporting-MTA: dns; mx1.example.net\r\n\r\n"
            + "Final-Recipient: rfc822; ann@example.org\r\nAction: delayed\r\nStatus: 4.4.1\r\n\r\n"
            + "--AB12.1/mx1.example.net\r\nContent-Type: text/rfc822-headers\r\n\r\n"
            + "Message-ID: <m1@example.com>\r\nFinal-Recipient: rfc822; not-this@example.org\r\n\r\n"
            + "--AB12.1/mx1.example.net--\r\n");

        assertThat(testee.deliveryStatus().recipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.finalRecipient().address()).isEqualTo("ann@example.org");
            assertThat(recipient.action()).isEqualTo("delayed");
            assertThat(recipient.status()).isEqualTo("4.4.1");
        });
        assertThat(testee.problems()).anySatisfy(problem -> assertThat(problem).startsWith("multipart/report unreadable"))
            .anySatisfy(problem -> assertThat(problem).isEqualTo("delivery-status fields read from line 9 of the body text, outside the MIME structure"));
    }

    @Test
    void parseShouldReadDeliveryStatusFieldsOfABodyWithoutMimeParts() throws Exception {
        Report testee = parse("Content-Type: multipart/report; report-type=delivery-status;\r\n    boundary=\"lost\"\r\n\r\n"
            + "   ----- The following addresses had permanent fatal errors -----\r\nann@example.org\r\n\r\n"
            + "reporting-mta: dns; mx.example.net\r\n\r\n"
            + "Final-Recipient: RFC822; ann@example.org\r\nAction: failed\r\nStatus: 5.5.0\r\n\r\n"
            + "Return-Path: <sender@example.com>\r\nSubject: hello\r\n");

        assertThat(testee.deliveryStatus().reportingMta()).isEqualTo("dns; mx.example.net");
        assertThat(testee.deliveryStatus().recipients()).singleElement()
            .satisfies(recipient -> assertThat(recipient.status()).isEqualTo("5.5.0"));
    }

    @Test
    void parseShouldFindNoRecipientInABrokenReportWithoutDeliveryStatusFields() throws Exception {
        Report testee = parse("Content-Type: multipart/report; report-type=delivery-status; boundary=lost\r\n\r\n"
            + "Action: failed for everyone\r\nStatus: 5.0.0\r\n");

        assertThat(testee.deliveryStatus()).isNull();
        assertThat(testee.problems()).isNotEmpty();
    }

    @Test
    void parseShouldNotReadABrokenDispositionNotificationAsADeliveryStatus() throws Exception {
        Report testee = parse("Content-Type: multipart/report; report-type=disposition-notification; boundary=lost\r\n\r\n"
            + "Reporting-MTA: dns; mx.example.net\r\n\r\nFinal-Recipient: rfc822; ann@example.org\r\nAction: failed\r\n");

        assertThat(testee.deliveryStatus()).isNull();
        assertThat(testee.dispositionNotification()).isNull();
    }

    private static Report parse(String raw) throws Exception {
        MimeMessage message = Samples.parse(raw.getBytes(StandardCharsets.UTF_8));
        return ReportParser.parse(message, ReportParser.reportType(message.getContentType()).orElseThrow());
    }
}
