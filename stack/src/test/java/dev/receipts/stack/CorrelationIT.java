package dev.receipts.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Correlation against a real James 3.8.1: the ENVID CaptureReceiptRequests signs rides with the mail to DSNBounce
 * and comes back verified; RemoteDelivery's onSuccess hand-over to a host that does not offer DSN (an SMTP sink on
 * loopback) is RELAYED; a delivery to a James alias created by WebAdmin counts for the address alice wrote.
 */
class CorrelationIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String ALICE = "alice@corp.example";

    @TempDir
    static Path data;
    static SmtpSink remote;
    static Stack stack;
    static ReceiptsApi api;
    static MailClient alice;

    @BeforeAll
    static void startStack() throws Exception {
        remote = new SmtpSink();
        stack = Stack.startOnFreePorts(data, "127.0.0.1", remote.port());
        api = new ReceiptsApi(stack.service().baseUrl());
        alice = stack.mailClient(ALICE);
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    private static String send(String to, String subject) throws Exception {
        String messageId = "<" + UUID.randomUUID() + "@corp.example>";
        MimeMessage message = alice.parse("From: Alice <" + ALICE + ">\r\n"
            + "To: <" + to + ">\r\n"
            + "Subject: " + subject + "\r\n"
            + "Message-ID: " + messageId + "\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "Hello.\r\n");
        alice.send(message, new MailClient.Dsn("SUCCESS,FAILURE", null, null), to);
        return messageId;
    }

    /** The message as alice sees it; an assertion error (awaited) until the service has it. */
    private static JsonNode message(String messageId) throws Exception {
        java.util.Optional<JsonNode> message = api.message(messageId, ALICE, Stack.DEMO_USERS.get(ALICE));
        assertThat(message).as("message %s known to the service", messageId).isPresent();
        return message.get();
    }

    private static List<String> timeline(JsonNode recipient, String field) {
        List<String> values = new ArrayList<>();
        recipient.path("timeline").forEach(entry -> values.add(entry.path(field).asText()));
        return values;
    }

    @Test
    void aDsnRequestWithoutEnvidShouldLeaveWithASignedOneAndItsDsnComeBackVerified() throws Exception {
        String messageId = send("bob@corp.example", "Signed envelope");

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode message = message(messageId);
            assertThat(message.path("envelopeId").asText()).matches("rcpt\\.[0-9a-f]{32}\\.[0-9a-f]{32}");
            JsonNode bob = ReceiptsApi.recipient(message, "bob@corp.example");
            assertThat(timeline(bob, "kind")).contains("LOCAL_DELIVERY", "DSN");
            assertThat(bob.path("delivery").path("state").asText()).isEqualTo("DELIVERED");
            assertThat(bob.path("delivery").path("verification").asText()).isEqualTo("SIGNED_ENVELOPE");
            assertThat(timeline(bob, "detail")).anySatisfy(d -> assertThat(d).contains("signed envelope id"));
        });
    }

    @Test
    void aMessageWithA3600CharacterFoldedMessageIdGetsItsStateAndHoldsNothingBack() throws Exception {
        String local = UUID.randomUUID() + "-" + "x".repeat(3560);
        String folded = "<" + local.substring(0, 990) + "\r\n " + local.substring(990, 1980) + "\r\n "
            + local.substring(1980) + "@corp.example>";
        MimeMessage message = alice.parse("From: Alice <" + ALICE + ">\r\n"
            + "To: <bob@corp.example>\r\n"
            + "Subject: A very long Message-ID\r\n"
            + "Message-ID: " + folded + "\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "Hello.\r\n");
        alice.send(message, MailClient.Dsn.none(), "bob@corp.example");
        String ordinary = send("bob@corp.example", "Sent right after");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ReceiptsApi.recipient(message(ordinary),
            "bob@corp.example").path("delivery").path("state").asText()).isEqualTo("DELIVERED"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ReceiptsApi.recipient(
            message("<" + local + "@corp.example>"), "bob@corp.example").path("delivery").path("state").asText())
            .isEqualTo("DELIVERED"));
        assertThat(stack.james().spoolDirectory().resolve("dead").toFile().list()).as("nothing set aside").isNullOrEmpty();
    }

    @Test
    void aHandOverToAHostWithoutDsnShouldBeRelayed() throws Exception {
        String messageId = send("dave@example.net", "Relayed");

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(remote.received()).anySatisfy(r -> assertThat(r.data()).contains(messageId));
            JsonNode dave = ReceiptsApi.recipient(message(messageId), "dave@example.net");
            assertThat(dave.path("delivery").path("state").asText()).isEqualTo("RELAYED");
            assertThat(dave.path("delivery").path("verification").asText()).isEqualTo("SERVER");
            assertThat(timeline(dave, "kind")).containsExactly("SUBMITTED", "RELAYED");
            assertThat(dave.path("domain").path("name").asText()).isEqualTo("example.net");
        });
        JsonNode domain = api.get("/api/v1/domains/example.net", ALICE).body();
        assertThat(domain.path("relayed").asLong()).isPositive();
        assertThat(domain.path("dsnSeen").asLong()).isZero();
    }

    @Test
    void aDeliveryToAJamesAliasShouldCountForTheAddressAliceWrote() throws Exception {
        stack.james().addAlias("sales@corp.example", "bob@corp.example");
        String messageId = send("sales@corp.example", "To the sales alias");

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode sales = ReceiptsApi.recipient(message(messageId), "sales@corp.example");
            assertThat(sales.path("delivery").path("state").asText()).isEqualTo("DELIVERED");
            assertThat(timeline(sales, "kind")).contains("LOCAL_DELIVERY", "DSN");
            assertThat(timeline(sales, "detail")).anySatisfy(d -> assertThat(d).contains("bob@corp.example")
                .contains("rewritten by James"));
        });
    }
}
