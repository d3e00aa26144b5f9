package dev.receipts.mailets;

import static dev.receipts.mailets.MailetFixtures.CLOCK;
import static dev.receipts.mailets.MailetFixtures.config;
import static dev.receipts.mailets.MailetFixtures.message;
import static dev.receipts.mailets.MailetFixtures.spooled;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.apache.james.core.MaybeSender;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class RecordRelayTest {
    private static final String MESSAGE = "Message-ID: <abc@corp.example>\nFrom: alice@corp.example\nSubject: hi\n\nbody\n";

    @TempDir
    Path spool;

    private final RecordRelay testee = new RecordRelay(CLOCK);

    @AfterEach
    void tearDown() {
        testee.destroy();
    }

    private static FakeMail mail() throws Exception {
        return FakeMail.builder()
            .name("mail-9")
            .mimeMessage(message(MESSAGE))
            .sender("alice@corp.example")
            .recipients("dave@example.net", "erin@example.org")
            .state("relay-success")
            .build();
    }

    @Test
    void serviceShouldSpoolARelayedEventWithTheRecipientsAndUnknownHostAndDsnSupport() throws Exception {
        testee.init(config("RecordRelay", spool).build());
        FakeMail mail = mail();
        mail.setDsnParameters(DsnParameters.builder().envId(DsnParameters.EnvId.of("env+2B1")).build().orElseThrow());

        testee.service(mail);

        List<JsonNode> events = spooled(spool);
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.get("type").asText()).isEqualTo("RELAYED");
        assertThat(event.get("messageId").asText()).isEqualTo("<abc@corp.example>");
        assertThat(event.get("envelopeId").asText()).isEqualTo("env+1");
        assertThat(event.get("sender").asText()).isEqualTo("alice@corp.example");
        assertThat(event.get("recipients").toString()).isEqualTo("[\"dave@example.net\",\"erin@example.org\"]");
        assertThat(event.get("remoteHost").isNull()).isTrue();
        assertThat(event.get("dsnOffered").isNull()).isTrue();
    }

    @Test
    void serviceShouldSkipMailWithTheNullSender() throws Exception {
        testee.init(config("RecordRelay", spool).build());
        FakeMail mail = FakeMail.builder().name("dsn-1").mimeMessage(message(MESSAGE)).sender(MaybeSender.nullSender())
            .recipients("dave@example.net").build();

        testee.service(mail);

        assertThat(spooled(spool)).isEmpty();
    }
}
