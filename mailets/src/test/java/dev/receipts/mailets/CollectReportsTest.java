package dev.receipts.mailets;

import static dev.receipts.mailets.MailetFixtures.CLOCK;
import static dev.receipts.mailets.MailetFixtures.config;
import static dev.receipts.mailets.MailetFixtures.message;
import static dev.receipts.mailets.MailetFixtures.snapshot;
import static dev.receipts.mailets.MailetFixtures.spooled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.james.core.MaybeSender;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.receipts.mailets.core.FakeIngestService;
import dev.receipts.mailets.core.Samples;

class CollectReportsTest {
    @TempDir
    Path spool;

    private final CollectReports testee = new CollectReports(CLOCK);

    @AfterEach
    void tearDown() {
        testee.destroy();
    }

    private static FakeMail report(String sample, MaybeSender sender) throws Exception {
        return FakeMail.builder()
            .name("report-1")
            .mimeMessage(Samples.message(sample))
            .sender(sender)
            .recipient("alice@corp.example")
            .state(Mail.DEFAULT)
            .build();
    }

    @Test
    void serviceShouldSpoolADsnReportEvent() throws Exception {
        testee.init(config("CollectReports", spool).build());

        testee.service(report("postfix-failed-two-recipients.eml", MaybeSender.nullSender()));

        List<JsonNode> events = spooled(spool);
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.get("type").asText()).isEqualTo("REPORT");
        assertThat(event.get("node").asText()).isEqualTo("mx1");
        assertThat(event.get("occurredAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(event.get("mailName").asText()).isEqualTo("report-1");
        assertThat(event.get("reportType").asText()).isEqualTo("delivery-status");
        assertThat(event.get("messageId").asText()).isEqualTo("<20261123100500.4Xyz1234AB@mx.corp.example>");
        assertThat(event.get("sender").isNull()).isTrue();
        assertThat(event.get("authUser").isNull()).isTrue();
        assertThat(event.get("fromHeader").asText()).isEqualTo("MAILER-DAEMON@mx.corp.example (Mail Delivery System)");
        assertThat(event.get("recipients").toString()).isEqualTo("[\"alice@corp.example\"]");
        assertThat(event.get("inReplyTo").isNull()).isTrue();
        assertThat(event.get("references").isNull()).isTrue();
        assertThat(event.get("machineReadable").asText()).startsWith("Reporting-MTA: dns; mx.corp.example");
        assertThat(event.get("problems").size()).isZero();
        assertThat(event.get("mdn").isNull()).isTrue();
        JsonNode dsn = event.get("dsn");
        assertThat(dsn.get("reportingMta").asText()).isEqualTo("dns; mx.corp.example");
        assertThat(dsn.get("originalEnvelopeId").asText()).isEqualTo("env-456");
        assertThat(dsn.get("returnedMessageId").asText()).isEqualTo("<def@corp.example>");
        assertThat(dsn.get("recipients")).hasSize(2);
        assertThat(dsn.get("recipients").get(0).toString()).isEqualTo("{"
            + "\"finalRecipient\":{\"type\":\"rfc822\",\"address\":\"carol@partner.example\"},"
            + "\"originalRecipient\":{\"type\":\"rfc822\",\"address\":\"carol@partner.example\"},"
            + "\"action\":\"failed\",\"status\":\"5.1.1\","
            + "\"statusText\":\"permanent failure: the mailbox does not exist\",\"reason\":\"userunknown\","
            + "\"diagnosticCode\":\"smtp; 550 5.1.1 <carol@partner.example>: Recipient address rejected: User unknown in virtual mailbox table\","
            + "\"remoteMta\":\"dns; mx.partner.example\",\"lastAttemptDate\":null,\"willRetryUntil\":null,\"finalLogId\":null}");
        assertThat(event.get("heuristic").asBoolean()).isFalse();
        assertThat(dsn.has("dsnGateway")).isTrue();
        assertThat(dsn.has("receivedFromMta")).isTrue();
    }

    @Test
    void serviceShouldSpoolANonStandardBounceAsAHeuristicReport() throws Exception {
        testee.init(config("CollectReports", spool).build());

        testee.service(report("qmail-failure-notice.eml", MaybeSender.nullSender()));

        JsonNode event = spooled(spool).get(0);
        assertThat(event.get("reportType").asText()).isEqualTo("non-standard-bounce");
        assertThat(event.get("heuristic").asBoolean()).isTrue();
        assertThat(event.get("machineReadable").asText()).isEmpty();
        assertThat(event.get("mdn").isNull()).isTrue();
        JsonNode dsn = event.get("dsn");
        assertThat(dsn.get("reportingMta").isNull()).isTrue();
        assertThat(dsn.get("returnedMessageId").asText()).isEqualTo("<q-4702@sender.example>");
        assertThat(dsn.get("recipients")).hasSize(2);
        JsonNode first = dsn.get("recipients").get(0);
        assertThat(first.get("finalRecipient").toString()).isEqualTo("{\"type\":\"rfc822\",\"address\":\"erik@partner.example\"}");
        assertThat(first.get("action").asText()).isEqualTo("failed");
        assertThat(first.get("status").asText()).isEqualTo("5.1.1");
        assertThat(first.get("reason").asText()).isEqualTo("userunknown");
        assertThat(first.get("statusText").asText()).isEqualTo("permanent failure: the mailbox does not exist");
        assertThat(first.get("diagnosticCode").asText()).contains("Remote host said: 550 5.1.1");
        assertThat(dsn.get("recipients").get(1).get("reason").asText()).isEqualTo("mailboxfull");
    }

    @Test
    void serviceShouldSpoolAnAutoReplyWithoutDeliveryFacts() throws Exception {
        testee.init(config("CollectReports", spool).build());

        testee.service(report("vacation-auto-reply.eml", MaybeSender.nullSender()));

        JsonNode event = spooled(spool).get(0);
        assertThat(event.get("reportType").asText()).isEqualTo("auto-reply");
        assertThat(event.get("heuristic").asBoolean()).isFalse();
        assertThat(event.get("dsn").isNull()).isTrue();
        assertThat(event.get("mdn").isNull()).isTrue();
    }

    @Test
    void serviceShouldSpoolAFeedbackReportWithoutDeliveryFacts() throws Exception {
        testee.init(config("CollectReports", spool).build());

        testee.service(report("feedback-report.eml", MaybeSender.getMailSender("abuse-reports@isp.example")));

        JsonNode event = spooled(spool).get(0);
        assertThat(event.get("reportType").asText()).isEqualTo("feedback-report");
        assertThat(event.get("machineReadable").asText()).contains("Feedback-Type: abuse");
        assertThat(event.get("dsn").isNull()).isTrue();
        assertThat(event.get("mdn").isNull()).isTrue();
    }

    @Test
    void serviceShouldSpoolAnMdnReportEvent() throws Exception {
        testee.init(config("CollectReports", spool).build());
        FakeMail mail = report("thunderbird-mdn-displayed.eml", MaybeSender.getMailSender("bob@corp.example"));
        mail.setAttribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("bob@corp.example")));

        testee.service(mail);

        JsonNode event = spooled(spool).get(0);
        assertThat(event.get("reportType").asText()).isEqualTo("disposition-notification");
        assertThat(event.get("sender").asText()).isEqualTo("bob@corp.example");
        assertThat(event.get("authUser").asText()).isEqualTo("bob@corp.example");
        assertThat(event.get("fromHeader").asText()).isEqualTo("Bob <bob@corp.example>");
        assertThat(event.get("inReplyTo").asText()).isEqualTo("<abc@corp.example>");
        assertThat(event.get("references").asText()).isEqualTo("<abc@corp.example>");
        assertThat(event.get("dsn").isNull()).isTrue();
        assertThat(event.get("mdn").toString()).isEqualTo("{"
            + "\"reportingUa\":\"bob-laptop; Thunderbird 128.5.0\","
            + "\"originalMessageId\":\"<abc@corp.example>\","
            + "\"originalRecipient\":null,"
            + "\"finalRecipient\":{\"type\":\"rfc822\",\"address\":\"bob@corp.example\"},"
            + "\"disposition\":\"manual-action/MDN-sent-manually; displayed\","
            + "\"actionMode\":\"manual-action\",\"sendingMode\":\"mdn-sent-manually\","
            + "\"dispositionType\":\"displayed\",\"modifiers\":[],\"readBy\":\"james-mdn\","
            + "\"returnedMessageId\":\"<abc@corp.example>\"}");
    }

    @Test
    void serviceShouldRecordAReportWithoutMachineReadablePartWithAProblem() throws Exception {
        testee.init(config("CollectReports", spool).build());

        testee.service(report("no-machine-readable-part.eml", MaybeSender.nullSender()));

        JsonNode event = spooled(spool).get(0);
        assertThat(event.get("dsn").isNull()).isTrue();
        assertThat(event.get("mdn").isNull()).isTrue();
        assertThat(event.get("machineReadable").asText()).isEmpty();
        assertThat(event.get("problems").get(0).asText()).contains("no machine-readable part");
    }

    @Test
    void serviceShouldIgnoreMailThatIsNotAReport() throws Exception {
        testee.init(config("CollectReports", spool).build());
        FakeMail mail = FakeMail.builder().name("plain")
            .mimeMessage(message("Message-ID: <a@b>\nContent-Type: multipart/mixed; boundary=x\n\n--x\n\nhi\n--x--\n"))
            .sender("alice@corp.example").recipient("bob@corp.example").build();

        testee.service(mail);

        assertThat(spooled(spool)).isEmpty();
    }

    @Test
    void serviceShouldNotModifyNorConsumeTheReport() throws Exception {
        testee.init(config("CollectReports", spool).build());
        FakeMail mail = report("james-dsnbounce-delivered.eml", MaybeSender.nullSender());
        List<Object> before = snapshot(mail);

        testee.service(mail);

        assertThat(snapshot(mail)).isEqualTo(before);
        assertThat(mail.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(spooled(spool)).hasSize(1);
    }

    @Test
    void serviceShouldNotThrowWhenTheSpoolBecameUnwritable() throws Exception {
        testee.init(config("CollectReports", spool).build());
        Path tmp = spool.resolve("tmp");
        Files.delete(tmp);
        Files.writeString(tmp, "in the way");
        FakeMail mail = report("thunderbird-mdn-displayed.eml", MaybeSender.nullSender());
        List<Object> before = snapshot(mail);

        assertThatCode(() -> testee.service(mail)).doesNotThrowAnyException();

        assertThat(snapshot(mail)).isEqualTo(before);
    }

    @Test
    void reportsShouldReachTheServiceThroughTheSpool() throws Exception {
        try (FakeIngestService service = new FakeIngestService()) {
            testee.init(config("CollectReports", spool).setProperty("serviceUrl", service.url().toString()).build());

            testee.service(report("james-dsnbounce-delivered.eml", MaybeSender.nullSender()));

            await().atMost(Duration.ofSeconds(20)).until(() -> service.acceptedEvents().size() == 1);
            JsonNode event = service.acceptedEvents().get(0);
            assertThat(event.get("type").asText()).isEqualTo("REPORT");
            assertThat(event.get("dsn").get("returnedMessageId").asText()).isEqualTo("<abc@corp.example>");
            assertThat(service.authorizations()).containsOnly("Bearer s3cret");
            await().atMost(Duration.ofSeconds(20)).until(() -> spooled(spool).isEmpty());
        }
    }

    @Test
    void getMailetInfoShouldDescribeTheMailet() {
        assertThat(testee.getMailetInfo()).isEqualTo("Receipts: records the DSNs and MDNs passing through James");
    }
}
