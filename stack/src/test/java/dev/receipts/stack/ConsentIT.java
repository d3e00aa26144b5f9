package dev.receipts.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Consent enforced by a real James 3.8.1: bob's receipt policy, set through the service's API, reaches
 * EnforceReceiptPolicy through its policy cache; his client's read receipts to external senders are stopped in
 * James and never reach the remote server (an SMTP sink behind RemoteDelivery), the consent ledger and his
 * "Receipts about me" page show it, and a receipt his policy allows goes through.
 */
class ConsentIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String PARTNER = "partner@example.net";

    @TempDir
    static Path data;

    static SmtpSink remote;
    static Stack stack;
    static ReceiptsApi api;
    static MailClient alice;
    static MailClient bob;
    static MailClient carol;
    static MailClient partner;

    @BeforeAll
    static void startStack() throws Exception {
        remote = new SmtpSink();
        stack = Stack.startOnFreePorts(data, "127.0.0.1", remote.port());
        api = new ReceiptsApi(stack.service().baseUrl());
        alice = stack.mailClient("alice@corp.example");
        bob = stack.mailClient("bob@corp.example");
        carol = stack.mailClient("carol@corp.example");
        partner = stack.externalSender(PARTNER);

        ReceiptsApi.Answer set = api.send("PUT", "/api/v1/me/policy", "{\"internal\":\"ALWAYS\",\"external\":\"NEVER\"}", bob.address());
        assertThat(set.status()).as("bob sets his policy: %s", set.body()).isEqualTo(200);
        awaitPolicyInJames("bob@corp.example", "NEVER");
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

    @Test
    void bobsNeverForExternalSendersShouldStopHisReceiptToAnExternalSender() throws Exception {
        String messageId = sendFromPartner(bob, "Quote for the new offices");
        Conversation.answerReadReceipt(bob, messageId);

        JsonNode stopped = awaitLedger(bob, "MDN_STOPPED", messageId);
        assertThat(stopped.path("counterpart").asText()).isEqualTo(PARTNER);
        assertThat(stopped.path("audience").asText()).isEqualTo("EXTERNAL");
        assertThat(stopped.path("policy").path("source").asText()).isEqualTo("EMPLOYEE");
        assertThat(stopped.path("policy").path("choice").asText()).isEqualTo("NEVER");
        JsonNode request = awaitLedger(bob, "REQUEST_RECEIVED", messageId);
        assertThat(request.path("counterpart").asText()).isEqualTo(PARTNER);

        String notice = await().atMost(PATIENCE).until(() -> bob.inbox().stream()
                .filter(raw -> raw.contains(messageId) && !raw.contains("Pat Partner")).findFirst(),
            java.util.Optional::isPresent).orElseThrow();
        assertThat(notice).as("bob is told by a notice mail that his receipt was not sent")
            .contains("postmaster@corp.example").contains(PARTNER);

        assertNoReceiptReachedTheRemoteServer(messageId);

        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        try (Browser browser = Browser.headlessChromium()) {
            browser.signIn(stack.service().baseUrl(), bob.address(), Stack.DEMO_USERS.get(bob.address()));
            browser.open(stack.service().baseUrl() + "/about-me.html");
            WebElement row = browser.waitFor("tr[data-ledger-kind=\"MDN_STOPPED\"][data-counterpart=\"" + PARTNER + "\"]");
            assertThat(row.getText()).containsIgnoringCase("stopped");
            browser.screenshot(screenshots.resolve("receipts-about-me.png"));
        }
    }

    @Test
    void aReceiptBobsPolicyAllowsShouldGoThrough() throws Exception {
        String messageId = Conversation.sendWithReadReceipt(alice, bob, "Lunch on Friday?", null);
        Conversation.answerReadReceipt(bob, messageId);

        JsonNode sent = awaitLedger(bob, "MDN_SENT", messageId);
        assertThat(sent.path("audience").asText()).isEqualTo("INTERNAL");
        assertThat(sent.path("policy").path("choice").asText()).isEqualTo("ALWAYS");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(alice.inbox())
            .anySatisfy(raw -> assertThat(raw).contains("disposition-notification").contains(messageId)));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ReceiptsApi.recipient(
                api.message(messageId, alice.address(), Stack.DEMO_USERS.get(alice.address())).orElseThrow(), bob.address())
            .path("disposition").path("state").asText()).isEqualTo("DISPLAYED"));
    }

    @Test
    void theOrganisationsNeverShouldWinOverAnEmployeesAlwaysAndAnAllowedExternalReceiptShouldLeave() throws Exception {
        assertThat(api.send("PUT", "/api/v1/me/policy", "{\"internal\":\"ALWAYS\",\"external\":\"ALWAYS\"}", carol.address()).status())
            .isEqualTo(200);
        assertThat(api.send("PUT", "/api/v1/admin/organisation-policy", "{\"internal\":\"EMPLOYEE_CHOICE\",\"external\":\"NEVER\"}",
            "admin@corp.example").status()).isEqualTo(200);
        assertThat(api.send("PUT", "/api/v1/admin/organisation-policy", "{\"internal\":\"EMPLOYEE_CHOICE\",\"external\":\"NEVER\"}",
            carol.address()).status()).as("carol is no admin").isEqualTo(403);
        awaitOrganisationPolicyInJames("NEVER");

        String stoppedId = sendFromPartner(carol, "Invoice 2026-118");
        Conversation.answerReadReceipt(carol, stoppedId);
        JsonNode stopped = awaitLedger(carol, "MDN_STOPPED", stoppedId);
        assertThat(stopped.path("policy").path("source").asText()).isEqualTo("ORGANISATION");

        assertThat(api.send("PUT", "/api/v1/admin/organisation-policy", "{\"internal\":\"EMPLOYEE_CHOICE\",\"external\":\"EMPLOYEE_CHOICE\"}",
            "admin@corp.example").status()).isEqualTo(200);
        awaitOrganisationPolicyInJames("EMPLOYEE_CHOICE");
        String allowedId = sendFromPartner(carol, "Invoice 2026-119");
        Conversation.answerReadReceipt(carol, allowedId);
        awaitLedger(carol, "MDN_SENT", allowedId);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(remote.received())
            .anySatisfy(mail -> {
                assertThat(mail.recipients()).containsExactly(PARTNER);
                assertThat(mail.data()).contains("disposition-notification").contains(allowedId);
            }));
        assertThat(remote.received()).noneSatisfy(mail -> assertThat(mail.data()).contains(stoppedId));
    }

    @Test
    void enforcementShouldKeepTheLastKnownPolicyWhileTheServiceIsDown() throws Exception {
        stack.service().stop();
        String messageId;
        try {
            messageId = sendFromPartner(bob, "Site visit while the service is down");
            Conversation.answerReadReceipt(bob, messageId);
            assertNoReceiptReachedTheRemoteServer(messageId);
        } finally {
            stack.service().start();
        }
        awaitLedger(bob, "MDN_STOPPED", messageId);
    }

    @Test
    void alicesPolicySetOnHerPreferencesPageShouldReachTheApiAndJames() throws Exception {
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        try (Browser browser = Browser.headlessChromium()) {
            browser.signIn(stack.service().baseUrl(), alice.address(), Stack.DEMO_USERS.get(alice.address()));
            browser.open(stack.service().baseUrl() + "/preferences.html");
            browser.waitFor("form[data-policy-form] input[name=\"internal\"][value=\"ALWAYS\"]").click();
            browser.waitFor("form[data-policy-form] input[name=\"external\"][value=\"NEVER\"]").click();
            browser.waitFor("form[data-policy-form] button[type=\"submit\"]").click();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                "NEVER".equals(browser.waitFor("[data-effective=\"external\"]").getAttribute("data-effective-choice")));
            assertThat(browser.waitFor("[data-policy-saved]").getText()).isNotBlank();
            browser.screenshot(screenshots.resolve("my-receipt-policy.png"));
        }
        JsonNode policy = api.get("/api/v1/me/policy", alice.address()).body();
        assertThat(policy.path("own").path("internal").asText()).isEqualTo("ALWAYS");
        assertThat(policy.path("own").path("external").asText()).isEqualTo("NEVER");
        awaitPolicyInJames(alice.address(), "NEVER");
    }

    /** partner@example.net writes to a local user and asks for a read receipt; returns the Message-ID. */
    private static String sendFromPartner(MailClient to, String subject) throws Exception {
        String messageId = "<" + UUID.randomUUID() + "@example.net>";
        MimeMessage message = partner.parse("From: Pat Partner <" + PARTNER + ">\r\n"
            + "To: <" + to.address() + ">\r\n"
            + "Subject: " + subject + "\r\n"
            + "Message-ID: " + messageId + "\r\n"
            + "Disposition-Notification-To: Pat Partner <" + PARTNER + ">\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "Could you confirm that you have read this?\r\n");
        partner.send(message, MailClient.Dsn.none(), to.address());
        return messageId;
    }

    /**
     * A stopped receipt must never leave: a control message sent afterwards on the same path reaches the remote
     * server first, and a few more seconds pass, while no message about {@code messageId} arrives there.
     */
    private static void assertNoReceiptReachedTheRemoteServer(String messageId) throws Exception {
        String controlId = "<control-" + UUID.randomUUID() + "@corp.example>";
        alice.send(alice.parse("From: Alice <alice@corp.example>\r\nTo: <someone@example.org>\r\nSubject: control\r\n"
            + "Message-ID: " + controlId + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\ncontrol\r\n"),
            MailClient.Dsn.none(), "someone@example.org");
        await().atMost(PATIENCE).until(() -> remote.received().stream().anyMatch(mail -> mail.data().contains(controlId)));
        Thread.sleep(5000);
        assertThat(remote.received()).noneSatisfy(mail -> assertThat(mail.data()).contains(messageId));
    }

    private static JsonNode awaitLedger(MailClient employee, String kind, String messageId) {
        return await().atMost(PATIENCE).until(() -> api.ledgerEntry(employee.address(), kind, messageId),
            java.util.Optional::isPresent).orElseThrow();
    }

    /** Waits until James's policy cache holds this employee's external choice. */
    private static void awaitPolicyInJames(String employee, String external) {
        await().atMost(PATIENCE).until(() -> stack.james().policyCache()
            .path("employees").path(employee).path("external").asText().equals(external));
    }

    private static void awaitOrganisationPolicyInJames(String external) {
        await().atMost(PATIENCE).until(() -> stack.james().policyCache()
            .path("organisation").path("external").asText().equals(external));
    }
}
