package dev.receipts.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The walking skeleton, end to end: a stock James 3.8.1 with our jar in extensions-jars/, the real
 * receipt service over HTTP and H2, real SMTP submissions with DSN options, real IMAP reads, and
 * the API read back with the James users' own credentials.
 */
class ReceiptsEndToEndIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path data;

    static Stack stack;
    static ReceiptsApi api;
    static MailClient alice;
    static MailClient bob;

    @BeforeAll
    static void startStack() throws Exception {
        stack = Stack.startOnFreePorts(data);
        api = new ReceiptsApi(stack.service().baseUrl());
        alice = stack.mailClient("alice@corp.example");
        bob = stack.mailClient("bob@corp.example");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void readReceiptAndDeliveryReportShouldShowDeliveredAndDisplayedForBob() throws Exception {
        String messageId = Conversation.sendWithReadReceipt(alice, bob, "Contract draft v3", "env-" + UUID.randomUUID());
        Conversation.answerReadReceipt(bob, messageId);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode message = api.message(messageId, alice.address(), Stack.DEMO_USERS.get(alice.address())).orElseThrow();
            JsonNode forBob = ReceiptsApi.recipient(message, "bob@corp.example");
            assertThat(forBob.path("requested").path("mdn").asBoolean()).isTrue();
            assertThat(forBob.path("requested").path("notify")).extracting(JsonNode::asText).containsExactlyInAnyOrder("SUCCESS", "FAILURE");
            assertThat(forBob.path("delivery").path("state").asText()).isEqualTo("DELIVERED");
            assertThat(forBob.path("disposition").path("state").asText()).isEqualTo("DISPLAYED");
            assertThat(forBob.path("disposition").path("verification").asText()).isEqualTo("AUTHENTICATED");
            assertThat(forBob.path("timeline")).extracting(entry -> entry.path("kind").asText())
                .contains("SUBMITTED", "LOCAL_DELIVERY", "DSN", "MDN");
            assertThat(forBob.path("timeline")).filteredOn(entry -> entry.path("kind").asText().equals("DSN"))
                .extracting(entry -> entry.path("status").asText()).containsExactly("2.0.0");
        });
        assertThat(alice.inbox()).as("James's DSNBounce really mailed the delivered DSN to alice")
            .anySatisfy(raw -> assertThat(raw).contains("report-type=delivery-status").contains(messageId));

        // Inside James, the MDN was read by James's own RFC 8098 parser (james-mdn, from James's lib/).
        String carol = "carol@corp.example";
        JsonNode reports = api.get("/api/v1/compliance/reports?type=disposition-notification&recipient=bob%40corp.example&size=200",
            carol).body().path("items");
        JsonNode mdn = null;
        for (JsonNode report : reports) {
            if (report.path("originalMessageId").asText().equals(messageId)) {
                mdn = report;
            }
        }
        assertThat(mdn).as("the MDN in the report log: %s", reports).isNotNull();
        assertThat(api.get("/api/v1/compliance/reports/" + mdn.path("id").asLong(), carol).body()
            .path("fields").path("mdn").path("readBy").asText()).isEqualTo("james-mdn");
    }

    @Test
    void undeliverableLocalAddressShouldComeBackAsFailedWithTheDsnStatus() throws Exception {
        String messageId = "<" + UUID.randomUUID() + "@corp.example>";
        alice.send(alice.parse("From: Alice <alice@corp.example>\r\n"
                + "To: Nobody <nobody@corp.example>\r\n"
                + "Subject: Are you there?\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "This address does not exist.\r\n"),
            new MailClient.Dsn("FAILURE", "HDRS", null), "nobody@corp.example");

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode message = api.message(messageId, alice.address(), Stack.DEMO_USERS.get(alice.address())).orElseThrow();
            JsonNode forNobody = ReceiptsApi.recipient(message, "nobody@corp.example");
            assertThat(forNobody.path("delivery").path("state").asText()).isEqualTo("FAILED");
            assertThat(forNobody.path("delivery").path("status").asText()).isEqualTo("5.1.1");
            assertThat(forNobody.path("disposition").path("state").asText()).isEqualTo("NONE");
        });
    }

    @Test
    void apiShouldAuthenticateAgainstJamesAndShowEmployeesOnlyTheirOwnMessages() throws Exception {
        String messageId = Conversation.sendWithReadReceipt(alice, bob, "Salary review", null);
        String carol = "carol@corp.example";
        await().atMost(PATIENCE).until(() -> api.message(messageId, carol, Stack.DEMO_USERS.get(carol)).isPresent());

        assertThat(api.get("/api/v1/messages", null, null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/messages", alice.address(), "wrong-password").status()).isEqualTo(401);
        assertThat(api.message(messageId, bob.address(), Stack.DEMO_USERS.get(bob.address()))).as("bob did not send it").isEmpty();
        assertThat(api.get("/api/v1/messages", bob.address(), Stack.DEMO_USERS.get(bob.address())).body().path("items"))
            .extracting(message -> message.path("messageId").asText()).doesNotContain(messageId);
        assertThat(api.get("/api/v1/messages", alice.address(), Stack.DEMO_USERS.get(alice.address())).body().path("items"))
            .extracting(message -> message.path("messageId").asText()).contains(messageId);
    }

    @Test
    void sentReceiptsPageShouldShowBobsStatusInChromium() throws Exception {
        String messageId = Conversation.sendWithReadReceipt(alice, bob, "Board minutes <script>alert(1)</script>", null);
        Conversation.answerReadReceipt(bob, messageId);
        await().atMost(PATIENCE).until(() -> ReceiptsApi.recipient(
                api.message(messageId, alice.address(), Stack.DEMO_USERS.get(alice.address())).orElseThrow(), "bob@corp.example")
            .path("disposition").path("state").asText().equals("DISPLAYED"));

        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        try (Browser browser = Browser.headlessChromium()) {
            browser.signIn(stack.service().baseUrl(), alice.address(), Stack.DEMO_USERS.get(alice.address()));
            Browser.Row row = browser.recipientRow(messageId, "bob@corp.example");
            assertThat(row.deliveryState()).isEqualTo("DELIVERED");
            assertThat(row.dispositionState()).isEqualTo("DISPLAYED");
            assertThat(row.text()).contains("Delivered").contains("Displayed");
            // Beside the status, what bob's domain has done so far (the service's domain stats).
            assertThat(browser.waitFor("[data-message-id=\"" + messageId + "\"] [data-recipient=\"bob@corp.example\"]"
                + " [data-domain-stats=\"corp.example\"]").getText()).contains("read receipts returned");
            browser.screenshot(screenshots.resolve("sent-receipts.png"));
        }
    }
}
