package dev.receipts.mailets.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportParserTest {

    @Nested
    class ReportType {
        @Test
        void reportTypeShouldRecogniseDeliveryStatusReports() {
            assertThat(ReportParser.reportType("multipart/report; report-type=delivery-status; boundary=x")).contains("delivery-status");
        }

        @Test
        void reportTypeShouldIgnoreCase() {
            assertThat(ReportParser.reportType("Multipart/Report; REPORT-TYPE=\"Disposition-Notification\"; boundary=x"))
                .contains("disposition-notification");
        }

        @ParameterizedTest
        @ValueSource(strings = {"text/plain", "multipart/mixed; boundary=x", "multipart/report; report-type=feedback-report; boundary=x",
            "multipart/report; boundary=x", "not a content type;;;=", ""})
        void reportTypeShouldRejectOtherContent(String contentType) {
            assertThat(ReportParser.reportType(contentType)).isEmpty();
        }

        @Test
        void reportTypeShouldRejectNull() {
            assertThat(ReportParser.reportType(null)).isEmpty();
        }
    }

    @Nested
    class RealWorldSamples {
        @Test
        void parseShouldReadJamesDsnBounceDeliveredReport() throws Exception {
            Report testee = parse("james-dsnbounce-delivered.eml");

            assertThat(testee.reportType()).isEqualTo("delivery-status");
            assertThat(testee.problems()).isEmpty();
            assertThat(testee.dispositionNotification()).isNull();
            DeliveryStatus dsn = testee.deliveryStatus();
            assertThat(dsn.reportingMta()).isEqualTo("dns; 127.0.0.1");
            assertThat(dsn.originalEnvelopeId()).isEqualTo("env-123");
            assertThat(dsn.arrivalDate()).isNull();
            assertThat(dsn.returnedMessageId()).isEqualTo("<abc@corp.example>");
            assertThat(dsn.recipients()).singleElement().satisfies(recipient -> {
                assertThat(recipient.finalRecipient()).isEqualTo(new TypedAddress("rfc822", "bob@corp.example"));
                assertThat(recipient.originalRecipient()).isNull();
                assertThat(recipient.action()).isEqualTo("delivered");
                assertThat(recipient.status()).isEqualTo("2.0.0");
            });
            assertThat(testee.machineReadable()).startsWith("Reporting-MTA: dns; 127.0.0.1\r\n").contains("Status: 2.0.0");
        }

        @Test
        void parseShouldReadEveryRecipientOfPostfixFailedReport() throws Exception {
            Report testee = parse("postfix-failed-two-recipients.eml");

            assertThat(testee.problems()).isEmpty();
            DeliveryStatus dsn = testee.deliveryStatus();
            assertThat(dsn.reportingMta()).isEqualTo("dns; mx.corp.example");
            assertThat(dsn.originalEnvelopeId()).isEqualTo("env-456");
            assertThat(dsn.arrivalDate()).isEqualTo("Mon, 23 Nov 2026 10:04:58 +0000 (UTC)");
            assertThat(dsn.returnedMessageId()).isEqualTo("<def@corp.example>");
            assertThat(dsn.recipients()).hasSize(2);
            RecipientStatus carol = dsn.recipients().get(0);
            assertThat(carol.finalRecipient()).isEqualTo(new TypedAddress("rfc822", "carol@partner.example"));
            assertThat(carol.originalRecipient()).isEqualTo(new TypedAddress("rfc822", "carol@partner.example"));
            assertThat(carol.action()).isEqualTo("failed");
            assertThat(carol.status()).isEqualTo("5.1.1");
            assertThat(carol.remoteMta()).isEqualTo("dns; mx.partner.example");
            assertThat(carol.diagnosticCode())
                .isEqualTo("smtp; 550 5.1.1 <carol@partner.example>: Recipient address rejected: User unknown in virtual mailbox table");
            assertThat(carol.lastAttemptDate()).isNull();
            RecipientStatus dave = dsn.recipients().get(1);
            assertThat(dave.finalRecipient().address()).isEqualTo("dave@partner.example");
            assertThat(dave.status()).isEqualTo("5.2.2");
            assertThat(dave.lastAttemptDate()).isEqualTo("Mon, 23 Nov 2026 10:05:00 +0000 (UTC)");
            assertThat(dave.willRetryUntil()).isNull();
        }

        @Test
        void parseShouldReadThunderbirdMdn() throws Exception {
            Report testee = parse("thunderbird-mdn-displayed.eml");

            assertThat(testee.reportType()).isEqualTo("disposition-notification");
            assertThat(testee.problems()).isEmpty();
            assertThat(testee.deliveryStatus()).isNull();
            DispositionNotification mdn = testee.dispositionNotification();
            assertThat(mdn.reportingUa()).isEqualTo("bob-laptop; Thunderbird 128.5.0");
            assertThat(mdn.originalMessageId()).isEqualTo("<abc@corp.example>");
            assertThat(mdn.finalRecipient()).isEqualTo(new TypedAddress("rfc822", "bob@corp.example"));
            assertThat(mdn.originalRecipient()).isNull();
            assertThat(mdn.disposition()).isEqualTo("manual-action/MDN-sent-manually; displayed");
            assertThat(mdn.actionMode()).isEqualTo("manual-action");
            assertThat(mdn.sendingMode()).isEqualTo("mdn-sent-manually");
            assertThat(mdn.dispositionType()).isEqualTo("displayed");
            assertThat(mdn.modifiers()).isEmpty();
        }

        @Test
        void parseShouldReadOutlookMdnWithoutOriginalMessageId() throws Exception {
            Report testee = parse("outlook-mdn-no-original-message-id.eml");

            assertThat(testee.reportType()).isEqualTo("disposition-notification");
            DispositionNotification mdn = testee.dispositionNotification();
            assertThat(mdn.originalMessageId()).isNull();
            assertThat(testee.problems()).containsExactly("disposition-notification: Original-Message-ID missing");
            assertThat(mdn.reportingUa()).isEqualTo("BOB-PC.corp.example; Microsoft Outlook 16.0");
            assertThat(mdn.finalRecipient()).isEqualTo(new TypedAddress("rfc822", "Bob@Corp.Example"));
            assertThat(mdn.actionMode()).isEqualTo("automatic-action");
            assertThat(mdn.sendingMode()).isEqualTo("mdn-sent-automatically");
            assertThat(mdn.dispositionType()).isEqualTo("displayed");
            assertThat(testee.machineReadable()).contains("\rFINAL-RECIPIENT");
        }

        @Test
        void parseShouldKeepTheMessageIdOfTheOriginalHeadersAnMdnReturns() throws Exception {
            Report testee = parseRaw("Content-Type: multipart/report; report-type=disposition-notification; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nRead.\r\n"
                + "--b\r\nContent-Type: message/disposition-notification\r\n\r\n"
                + "Final-Recipient: rfc822; bob@corp.example\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n"
                + "\r\n--b\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + "From: alice@corp.example\r\nMessage-ID:\r\n <returned-1@corp.example>\r\nSubject: Numbers\r\n"
                + "\r\n--b--\r\n");

            assertThat(testee.dispositionNotification().originalMessageId()).isNull();
            assertThat(testee.dispositionNotification().returnedMessageId()).isEqualTo("<returned-1@corp.example>");
            assertThat(parse("outlook-mdn-no-original-message-id.eml").dispositionNotification().returnedMessageId())
                .as("nothing returned").isNull();
        }

        @Test
        void parseShouldReadUtf8AddressesOfGlobalDeliveryStatus() throws Exception {
            Report testee = parse("global-dsn-utf8.eml");

            assertThat(testee.problems()).isEmpty();
            DeliveryStatus dsn = testee.deliveryStatus();
            RecipientStatus recipient = dsn.recipients().get(0);
            assertThat(recipient.finalRecipient()).isEqualTo(new TypedAddress("utf-8", "j\u00f6rg@b\u00fcro.example"));
            assertThat(recipient.originalRecipient()).isEqualTo(new TypedAddress("utf-8", "j\u00f6rg@b\u00fcro.example"));
            assertThat(recipient.action()).isEqualTo("relayed");
            assertThat(recipient.remoteMta()).isEqualTo("dns; mx.b\u00fcro.example");
            assertThat(dsn.returnedMessageId()).isEqualTo("<utf8-ghi@corp.example>");
        }
    }

    @Nested
    class BrokenInput {
        @Test
        void parseShouldReadWhatIsLeftOfATruncatedReport() throws Exception {
            Report testee = parse("truncated-dsn.eml");

            DeliveryStatus dsn = testee.deliveryStatus();
            assertThat(dsn.reportingMta()).isEqualTo("dns; mx.corp.example");
            assertThat(dsn.recipients()).singleElement().satisfies(recipient -> {
                assertThat(recipient.action()).isEqualTo("failed");
                assertThat(recipient.status()).isNull();
            });
            assertThat(testee.problems()).anySatisfy(problem -> assertThat(problem).contains("Sta"))
                .anySatisfy(problem -> assertThat(problem).contains("Status missing"));
        }

        @Test
        void parseShouldNoteAMissingMachineReadablePart() throws Exception {
            Report testee = parse("no-machine-readable-part.eml");

            assertThat(testee.deliveryStatus()).isNull();
            assertThat(testee.dispositionNotification()).isNull();
            assertThat(testee.machineReadable()).isEmpty();
            assertThat(testee.problems()).singleElement().asString().contains("no machine-readable part");
        }

        @Test
        void parseShouldNoteAMultipartWithoutParts() throws Exception {
            Report testee = parseRaw("Content-Type: multipart/report; report-type=delivery-status; boundary=zz\r\n\r\n"
                + "no boundary anywhere\r\n");

            assertThat(testee.deliveryStatus()).isNull();
            assertThat(testee.problems()).isNotEmpty();
        }

        @Test
        void parseShouldNoteMissingDeliveryStatusFields() throws Exception {
            Report testee = parseRaw(report("delivery-status", "message/delivery-status", "X-Unknown: 1\r\n\r\nAction: FAILED\r\n"));

            assertThat(testee.deliveryStatus().reportingMta()).isNull();
            assertThat(testee.deliveryStatus().recipients()).singleElement().satisfies(recipient -> {
                assertThat(recipient.finalRecipient()).isNull();
                assertThat(recipient.action()).isEqualTo("failed");
            });
            assertThat(testee.problems()).containsExactly(
                "delivery-status: Reporting-MTA missing",
                "delivery-status recipient 1: Final-Recipient missing",
                "delivery-status recipient 1: Status missing");
        }

        @Test
        void parseShouldNoteAStatusThatIsNotACode() throws Exception {
            Report testee = parseRaw(report("delivery-status", "message/delivery-status",
                "Reporting-MTA: dns; a\r\n\r\nFinal-Recipient: rfc822; b@c\r\nAction: failed\r\nStatus: broken\r\n"));

            assertThat(testee.deliveryStatus().recipients().get(0).status()).isNull();
            assertThat(testee.problems()).containsExactly("delivery-status recipient 1: Status is not a d.d.d code: [broken]");
        }

        @Test
        void parseShouldNoteMissingDispositionFields() throws Exception {
            Report testee = parseRaw(report("disposition-notification", "message/disposition-notification", "Reporting-UA: x\r\n"));

            DispositionNotification mdn = testee.dispositionNotification();
            assertThat(mdn.finalRecipient()).isNull();
            assertThat(mdn.dispositionType()).isNull();
            assertThat(mdn.reportingUa()).isEqualTo("x");
            assertThat(testee.problems()).containsExactly(
                "disposition-notification: Original-Message-ID missing",
                "disposition-notification: Final-Recipient missing",
                "disposition-notification: Disposition missing");
        }

        @Test
        void parseShouldCapAHugeMachineReadablePart() throws Exception {
            StringBuilder huge = new StringBuilder("Reporting-MTA: dns; a\r\n\r\nFinal-Recipient: rfc822; b@c\r\nAction: failed\r\nStatus: 5.0.0\r\n");
            while (huge.length() < 300_000) {
                huge.append("X-Filler: ").append("y".repeat(70)).append("\r\n");
            }
            Report testee = parseRaw(report("delivery-status", "message/delivery-status", huge.toString()));

            assertThat(testee.machineReadable().getBytes(StandardCharsets.UTF_8)).hasSize(ReportParser.PART_CAP);
            assertThat(testee.deliveryStatus().recipients().get(0).status()).isEqualTo("5.0.0");
            assertThat(testee.problems()).anySatisfy(problem -> assertThat(problem).contains("truncated"));
        }

        @Test
        void parseShouldReadEightBitGarbageAsLatin1() throws Exception {
            byte[] head = report("delivery-status", "message/delivery-status", "Reporting-MTA: dns; MARK\r\n\r\n"
                + "Final-Recipient: rfc822; b@c\r\nAction: failed\r\nStatus: 5.0.0\r\n").getBytes(StandardCharsets.ISO_8859_1);
            String raw = new String(head, StandardCharsets.ISO_8859_1).replace("MARK", "m\u00e9x\u00ff\u0080");
            Report testee = ReportParser.parse(Samples.parse(raw.getBytes(StandardCharsets.ISO_8859_1)), "delivery-status");

            assertThat(testee.deliveryStatus().reportingMta()).isEqualTo("dns; m\u00e9x\u00ff\u0080");
            assertThat(testee.deliveryStatus().recipients()).hasSize(1);
        }

        @Test
        void parseShouldNeverThrowOnRandomBytes() {
            java.util.Random random = new java.util.Random(42);
            for (int round = 0; round < 200; round++) {
                byte[] body = new byte[random.nextInt(2000)];
                random.nextBytes(body);
                String header = "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\n"
                    + "Content-Type: message/delivery-status\r\nContent-Transfer-Encoding: base64\r\n\r\n";
                byte[] all = concat(header.getBytes(StandardCharsets.US_ASCII), body);
                assertThatCode(() -> ReportParser.parse(Samples.parse(all), "delivery-status")).doesNotThrowAnyException();
            }
        }

        @Test
        void parseShouldDecodeAQuotedPrintableMachineReadablePart() throws Exception {
            Report testee = parseRaw(report("disposition-notification",
                "message/disposition-notification\r\nContent-Transfer-Encoding: quoted-printable",
                "Reporting-UA: b=C3=B6b; Mail=\r\n Client\r\nFinal-Recipient: rfc822; b@c\r\nOriginal-Message-ID: <m@c>\r\n"
                    + "Disposition: manual-action/MDN-sent-manually; displayed\r\n"));

            assertThat(testee.dispositionNotification().reportingUa()).isEqualTo("b\u00f6b; Mail Client");
            assertThat(testee.problems()).isEmpty();
        }

        @Test
        void parseShouldReadAPartWithAnUnknownTransferEncodingAsIs() throws Exception {
            Report testee = parseRaw(report("delivery-status", "message/delivery-status\r\nContent-Transfer-Encoding: x-unknown",
                "Reporting-MTA: dns; a\r\n\r\nFinal-Recipient: rfc822; b@c\r\nAction: failed\r\nStatus: 5.0.0\r\n"));

            assertThat(testee.deliveryStatus().recipients().get(0).status()).isEqualTo("5.0.0");
            assertThat(testee.problems()).containsExactly("machine-readable part has an unknown Content-Transfer-Encoding [x-unknown], read as is");
        }

        @Test
        void parseShouldNoteAReportTypeThatDoesNotMatchItsPart() throws Exception {
            Report testee = parseRaw(report("delivery-status", "message/disposition-notification",
                "Final-Recipient: rfc822; b@c\r\nOriginal-Message-ID: <m@c>\r\nDisposition: manual-action/MDN-sent-manually; deleted\r\n"));

            assertThat(testee.dispositionNotification().dispositionType()).isEqualTo("deleted");
            assertThat(testee.problems()).singleElement().asString().contains("report-type is delivery-status");
        }
    }

    @Nested
    class Disposition {
        @ParameterizedTest
        @ValueSource(strings = {"displayed", "deleted", "dispatched", "processed", "denied", "failed"})
        void parseShouldReadEveryDispositionType(String type) {
            DispositionNotification testee = mdn("Disposition: automatic-action/MDN-sent-automatically; " + type.toUpperCase());

            assertThat(testee.dispositionType()).isEqualTo(type);
        }

        @Test
        void parseShouldReadModifiersOfRfc3798() {
            List<String> problems = new ArrayList<>();
            DispositionNotification testee = DispositionNotification.parse(
                "Final-Recipient: rfc822; b@c\nOriginal-Message-ID: <m@c>\nDisposition: manual-action/MDN-sent-manually; displayed/error, warning\n",
                problems);

            assertThat(testee.dispositionType()).isEqualTo("displayed");
            assertThat(testee.modifiers()).containsExactly("error", "warning");
            assertThat(problems).isEmpty();
        }

        @Test
        void parseShouldIgnoreCommentsInDisposition() {
            DispositionNotification testee = mdn("Disposition: manual-action/MDN-sent-manually (by user); displayed (read)");

            assertThat(testee.actionMode()).isEqualTo("manual-action");
            assertThat(testee.sendingMode()).isEqualTo("mdn-sent-manually");
            assertThat(testee.dispositionType()).isEqualTo("displayed");
        }

        @Test
        void parseShouldReadADispositionWithoutModes() {
            List<String> problems = new ArrayList<>();
            DispositionNotification testee = DispositionNotification.parse(
                "Final-Recipient: rfc822; b@c\nOriginal-Message-ID: <m@c>\nDisposition: displayed\n", problems);

            assertThat(testee.actionMode()).isNull();
            assertThat(testee.sendingMode()).isNull();
            assertThat(testee.dispositionType()).isEqualTo("displayed");
            assertThat(problems).singleElement().asString().contains("no action/sending mode");
        }

        @Test
        void parseShouldReadOriginalRecipient() {
            DispositionNotification testee = mdn("Original-Recipient: rfc822; Bob@corp.example\nDisposition: manual-action/MDN-sent-manually; deleted");

            assertThat(testee.originalRecipient()).isEqualTo(new TypedAddress("rfc822", "Bob@corp.example"));
        }

        private DispositionNotification mdn(String fields) {
            return DispositionNotification.parse("Final-Recipient: rfc822; b@c\nOriginal-Message-ID: <m@c>\n" + fields + "\n",
                new ArrayList<>());
        }
    }

    private static Report parse(String sample) throws Exception {
        MimeMessage message = dev.receipts.mailets.core.Samples.message(sample);
        String reportType = ReportParser.reportType(message.getContentType()).orElseThrow();
        return ReportParser.parse(message, reportType);
    }

    private static Report parseRaw(String raw) throws Exception {
        MimeMessage message = dev.receipts.mailets.core.Samples.parse(raw.getBytes(StandardCharsets.UTF_8));
        return ReportParser.parse(message, ReportParser.reportType(message.getContentType()).orElseThrow());
    }

    private static String report(String reportType, String partType, String machineReadable) {
        return "Content-Type: multipart/report; report-type=" + reportType + "; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nprose\r\n"
            + "--b\r\nContent-Type: " + partType + "\r\n\r\n" + machineReadable + "\r\n--b--\r\n";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Nested
    class EveryField {
        @Test
        void parseShouldReadEveryPerMessageAndPerRecipientFieldOfRfc3464() throws Exception {
            Report testee = ReportParser.parse(Samples.message("sendmail-dsn-every-field.eml"), "delivery-status");

            DeliveryStatus dsn = testee.deliveryStatus();
            assertThat(dsn.reportingMta()).isEqualTo("dns; gw.partner.example (Sendmail 8.18)");
            assertThat(dsn.dsnGateway()).isEqualTo("dns; x400.partner.example");
            assertThat(dsn.receivedFromMta()).isEqualTo("DNS; mail.sender.example (mail.sender.example [192.0.2.10])");
            assertThat(dsn.arrivalDate()).isEqualTo("Mon, 23 Nov 2026 08:00:00 +0100");
            assertThat(dsn.originalEnvelopeId()).isEqualTo("QQ+314");
            assertThat(dsn.returnedMessageId()).isEqualTo("<every-field@sender.example>");
            assertThat(dsn.recipients()).hasSize(2);
            RecipientStatus quinn = dsn.recipients().get(0);
            assertThat(quinn.originalRecipient()).isEqualTo(new TypedAddress("rfc822", "quinn+news@partner.example"));
            assertThat(quinn.finalRecipient()).isEqualTo(new TypedAddress("rfc822", "Quinn@Partner.example"));
            assertThat(quinn.action()).isEqualTo("delayed");
            assertThat(quinn.status()).isEqualTo("4.4.1");
            assertThat(quinn.statusText()).isEqualTo("persistent transient failure (delivery may still succeed): the destination host did not answer");
            assertThat(quinn.remoteMta()).isEqualTo("DNS; mx2.partner.example");
            assertThat(quinn.diagnosticCode()).isEqualTo("SMTP; 421 4.4.1 mx2.partner.example: Connection timed out");
            assertThat(quinn.lastAttemptDate()).isEqualTo("Mon, 23 Nov 2026 12:00:00 +0100");
            assertThat(quinn.willRetryUntil()).isEqualTo("Fri, 27 Nov 2026 08:00:00 +0100");
            assertThat(quinn.finalLogId()).isEqualTo("2ANC0xYz004711");
            assertThat(quinn.reason()).isEqualTo(BounceReason.NETWORKERROR);
            RecipientStatus reka = dsn.recipients().get(1);
            assertThat(reka.finalRecipient()).isEqualTo(new TypedAddress("utf-8", "r\u00e9ka@partner.example"));
            assertThat(reka.reason()).isEqualTo(BounceReason.USERUNKNOWN);
            assertThat(testee.heuristic()).isFalse();
        }
    }
}
