package dev.receipts.mailets;

import static dev.receipts.mailets.MailetFixtures.CLOCK;
import static dev.receipts.mailets.MailetFixtures.config;
import static dev.receipts.mailets.MailetFixtures.message;
import static dev.receipts.mailets.MailetFixtures.snapshot;
import static dev.receipts.mailets.MailetFixtures.spooled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.mailet.DsnParameters;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class RecordLocalDeliveryTest {
    private static final String MESSAGE = "Message-ID: <abc@corp.example>\nFrom: alice@corp.example\nSubject: hi\n\nbody\n";

    @TempDir
    Path spool;

    private final RecordLocalDelivery testee = new RecordLocalDelivery(CLOCK);

    @AfterEach
    void tearDown() {
        testee.destroy();
    }

    private static FakeMail mail() throws Exception {
        return FakeMail.builder()
            .name("mail-7")
            .mimeMessage(message(MESSAGE))
            .sender("alice@corp.example")
            .recipients("bob@corp.example", "carol@corp.example")
            .state("local-delivery")
            .build();
    }

    @Test
    void serviceShouldSpoolALocalDeliveryEventWithTheCurrentRecipients() throws Exception {
        testee.init(config("RecordLocalDelivery", spool).build());
        FakeMail mail = mail();
        mail.setDsnParameters(DsnParameters.builder().envId(DsnParameters.EnvId.of("env-123")).build().orElseThrow());

        testee.service(mail);

        List<JsonNode> events = spooled(spool);
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.get("type").asText()).isEqualTo("LOCAL_DELIVERY");
        assertThat(event.get("node").asText()).isEqualTo("mx1");
        assertThat(event.get("occurredAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(event.get("mailName").asText()).isEqualTo("mail-7");
        assertThat(event.get("messageId").asText()).isEqualTo("<abc@corp.example>");
        assertThat(event.get("envelopeId").asText()).isEqualTo("env-123");
        assertThat(event.get("sender").asText()).isEqualTo("alice@corp.example");
        assertThat(event.get("recipients").toString()).isEqualTo("[\"bob@corp.example\",\"carol@corp.example\"]");
    }

    private void initServingCorpExample() throws MessagingException {
        testee.init(config("RecordLocalDelivery", spool)
            .mailetContext(MailetFixtures.servingCorpExample(FakeMailContext.defaultContext())).build());
    }

    private static FakeMail delivered(String raw) throws Exception {
        return FakeMail.builder().name("mail-8").mimeMessage(message(raw)).sender("partner@example.net")
            .recipients("bob@corp.example").state("local-delivery").build();
    }

    @Test
    void serviceShouldRecordAnExternalReadReceiptRequest() throws Exception {
        initServingCorpExample();

        testee.service(delivered("Disposition-Notification-To: Partner <Partner@Example.NET>\n" + MESSAGE));

        assertThat(spooled(spool).get(0).get("mdnRequest").toString())
            .isEqualTo("{\"header\":\"Disposition-Notification-To\",\"address\":\"Partner@Example.NET\",\"audience\":\"EXTERNAL\"}");
    }

    @Test
    void serviceShouldRecordAnInternalReadReceiptRequest() throws Exception {
        initServingCorpExample();

        testee.service(delivered("Return-Receipt-To: alice@CORP.example\n" + MESSAGE));

        assertThat(spooled(spool).get(0).get("mdnRequest").toString())
            .isEqualTo("{\"header\":\"Return-Receipt-To\",\"address\":\"alice@CORP.example\",\"audience\":\"INTERNAL\"}");
    }

    @Test
    void serviceShouldKeepAnUnparsableRequestAsItIsAndCallItExternal() throws Exception {
        initServingCorpExample();

        testee.service(delivered("Disposition-Notification-To: not an address <\n" + MESSAGE));

        JsonNode request = spooled(spool).get(0).get("mdnRequest");
        assertThat(request.get("address").asText()).isEqualTo("not an address <");
        assertThat(request.get("audience").asText()).isEqualTo("EXTERNAL");
    }

    @Test
    void serviceShouldWriteANullMdnRequestWhenTheMessageAsksForNoReceipt() throws Exception {
        initServingCorpExample();

        testee.service(delivered(MESSAGE));

        assertThat(spooled(spool).get(0).get("mdnRequest").isNull()).isTrue();
    }

    @Test
    void serviceShouldWriteNullsForAbsentValues() throws Exception {
        testee.init(config("RecordLocalDelivery", spool).build());
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(message("Subject: no id\n\nbody\n"))
            .recipient("bob@corp.example").build();

        testee.service(mail);

        JsonNode event = spooled(spool).get(0);
        assertThat(event.get("messageId").isNull()).isTrue();
        assertThat(event.get("envelopeId").isNull()).isTrue();
        assertThat(event.get("sender").isNull()).isTrue();
    }

    @Test
    void serviceShouldRecordTheDeliveryEvenWithoutAMessage() throws Exception {
        testee.init(config("RecordLocalDelivery", spool).build());
        FakeMail mail = FakeMail.builder().name("m").sender("alice@corp.example").recipient("bob@corp.example").build();

        testee.service(mail);

        assertThat(spooled(spool)).singleElement().satisfies(event -> {
            assertThat(event.get("messageId").isNull()).isTrue();
            assertThat(event.get("recipients").toString()).isEqualTo("[\"bob@corp.example\"]");
        });
    }

    @Test
    void serviceShouldSkipMailWithoutRecipients() throws Exception {
        testee.init(config("RecordLocalDelivery", spool).build());
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(message(MESSAGE)).sender("alice@corp.example").recipients().build();

        testee.service(mail);

        assertThat(spooled(spool)).isEmpty();
    }

    @Test
    void serviceShouldGiveEachEventItsOwnId() throws Exception {
        testee.init(config("RecordLocalDelivery", spool).build());

        testee.service(mail());
        testee.service(mail());

        List<JsonNode> events = spooled(spool);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("id").asText()).isNotEqualTo(events.get(1).get("id").asText());
    }

    @Test
    void serviceShouldNotModifyTheMail() throws Exception {
        testee.init(config("RecordLocalDelivery", spool).build());
        FakeMail mail = mail();
        List<Object> before = snapshot(mail);

        testee.service(mail);

        assertThat(snapshot(mail)).isEqualTo(before);
    }

    @Test
    void serviceShouldNotThrowWhenTheSpoolBecameUnwritable() throws Exception {
        testee.init(config("RecordLocalDelivery", spool).build());
        Path tmp = spool.resolve("tmp");
        Files.delete(tmp);
        Files.writeString(tmp, "in the way");

        assertThatCode(() -> testee.service(mail())).doesNotThrowAnyException();
        assertThat(spooled(spool)).isEmpty();
    }

    @Test
    void initShouldRejectCaptureAllWhichIsNotOneOfItsParameters() {
        assertThatThrownBy(() -> testee.init(config("RecordLocalDelivery", spool).setProperty("captureAll", "true").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("RecordLocalDelivery: unknown parameter [captureAll], expected one of [serviceUrl, token, spoolDirectory, nodeName]");
    }

    @Test
    void initShouldResolveARelativeSpoolDirectoryAgainstTheWorkingDirectory() throws Exception {
        String previous = System.getProperty("working.directory");
        System.setProperty("working.directory", spool.toString());
        try {
            testee.init(config("RecordLocalDelivery", spool).setProperty("spoolDirectory", "var/receipts/spool").build());
        } finally {
            if (previous == null) {
                System.clearProperty("working.directory");
            } else {
                System.setProperty("working.directory", previous);
            }
        }

        assertThat(testee.spool().directory()).isEqualTo(spool.resolve("var/receipts/spool"));
        assertThat(spool.resolve("var/receipts/spool/ready")).isDirectory();
    }

    @Test
    void getMailetInfoShouldDescribeTheMailet() {
        assertThat(testee.getMailetInfo()).isEqualTo("Receipts: records deliveries to local mailboxes");
    }
}
