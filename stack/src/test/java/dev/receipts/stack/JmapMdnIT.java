package dev.receipts.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A real MDN generator none of us wrote: bob's "client" is JMAP. It finds alice's message with
 * RFC 8621 (Mailbox/get, Email/query + Email/get) and asks James 3.8.1 to send the read receipt with
 * RFC 9007 {@code MDN/send}; James builds the MDN itself and puts it in its own spool. The receipt
 * service must correlate that MDN to bob, for alice's message, as DISPLAYED.
 */
class JmapMdnIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String BOB = "bob@corp.example";

    @TempDir
    static Path data;

    static Stack stack;
    static ReceiptsApi api;
    static MailClient alice;
    static MailClient bob;
    static String jmapBaseUrl;

    @BeforeAll
    static void startStack() throws Exception {
        long started = System.nanoTime();
        stack = Stack.startOnFreePorts(data);
        System.out.printf("JmapMdnIT: service + James (JMAP on) ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        api = new ReceiptsApi(stack.service().baseUrl());
        alice = stack.mailClient("alice@corp.example");
        bob = stack.mailClient(BOB);
        jmapBaseUrl = "http://127.0.0.1:" + stack.james().ports().jmap();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void readReceiptSentWithJamesJmapMdnSendShouldShowDisplayedForBob() throws Exception {
        String subject = "Quarterly figures (JMAP)";
        String messageId = Conversation.sendWithReadReceipt(alice, bob, subject, "env-" + UUID.randomUUID());

        long connecting = System.nanoTime();
        JmapClient bobJmap = JmapClient.connect(jmapBaseUrl, BOB, Stack.DEMO_USERS.get(BOB));
        assertThat(bobJmap.session().path("capabilities").has(JmapClient.MDN)).as("James announces RFC 9007").isTrue();
        assertThat(bobJmap.session().path("apiUrl").asText()).isEqualTo(jmapBaseUrl + "/jmap");
        String inbox = bobJmap.inboxId();
        JsonNode email = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
            .until(() -> bobJmap.findInInbox(inbox, messageId), Optional::isPresent).orElseThrow();
        long found = System.nanoTime();
        System.out.println("JmapMdnIT: Email/query + Email/get request:\n" + bobJmap.lastRequest());
        assertThat(email.path("header:Disposition-Notification-To:asAddresses").path(0).path("email").asText())
            .isEqualTo(alice.address());
        assertThat(email.path("keywords").has("$mdnsent")).isFalse();

        JsonNode identity = bobJmap.identities().stream()
            .filter(candidate -> BOB.equals(candidate.path("email").asText()))
            .findFirst().orElseThrow(() -> new AssertionError("bob has no identity for " + BOB));

        long sending = System.nanoTime();
        JsonNode responses = bobJmap.sendDisplayedMdn(identity.path("id").asText(), email.path("id").asText(),
            "Read: " + subject, "bob displayed your message (sent with JMAP MDN/send).");
        long sent = System.nanoTime();
        System.out.println("JmapMdnIT: MDN/send request:\n" + bobJmap.lastRequest());
        System.out.println("JmapMdnIT: MDN/send response:\n" + bobJmap.lastResponse());
        JsonNode mdnSend = JmapClient.response(responses, "s");
        assertThat(mdnSend.path("notSent").isMissingNode() || mdnSend.path("notSent").isNull())
            .as("MDN/send notSent: %s", mdnSend.path("notSent")).isTrue();
        assertThat(mdnSend.path("sent").has("k1")).as("MDN/send: %s", mdnSend).isTrue();
        assertThat(mdnSend.path("sent").path("k1").path("originalMessageId").asText()).isEqualTo(messageId);
        assertThat(bobJmap.email(email.path("id").asText(), "keywords").path("keywords").path("$mdnsent").asBoolean())
            .as("onSuccessUpdateEmail set $mdnsent").isTrue();

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode message = api.message(messageId, alice.address(), Stack.DEMO_USERS.get(alice.address())).orElseThrow();
            JsonNode forBob = ReceiptsApi.recipient(message, BOB);
            assertThat(forBob.path("requested").path("mdn").asBoolean()).isTrue();
            assertThat(forBob.path("disposition").path("state").asText()).isEqualTo("DISPLAYED");
            // James's MDN/send puts the MDN straight into its spool: no SMTP AUTH user, no authorized
            // network attribute. The service's rule (AUTHENTICATED = submitted with SMTP AUTH as the
            // recipient) therefore says UNVERIFIED, although James did authenticate bob over JMAP.
            assertThat(forBob.path("disposition").path("verification").asText()).isEqualTo("UNVERIFIED");
            assertThat(forBob.path("timeline")).filteredOn(entry -> entry.path("kind").asText().equals("MDN"))
                .hasSize(1);
        });
        long displayed = System.nanoTime();
        System.out.printf("JmapMdnIT: session+inbox+find %d ms, MDN/send %d ms, MDN/send -> API DISPLAYED %d ms%n",
            (found - connecting) / 1_000_000, (sent - sending) / 1_000_000, (displayed - sent) / 1_000_000);
        System.out.println("JmapMdnIT: API answer for bob:\n" + ReceiptsApi.recipient(
            api.message(messageId, alice.address(), Stack.DEMO_USERS.get(alice.address())).orElseThrow(), BOB).toPrettyString());

        String mdn = await().atMost(PATIENCE).until(() -> alice.inbox().stream()
            .filter(raw -> raw.contains("report-type=disposition-notification") && raw.contains(messageId))
            .findFirst(), Optional::isPresent).orElseThrow();
        System.out.println("JmapMdnIT: the MDN James wrote, as alice's INBOX has it:\n" + mdn);
        assertThat(mdn)
            .containsPattern("(?m)^From: " + BOB)
            .containsPattern("(?m)^To: " + alice.address())
            .containsPattern("(?m)^Subject: Read: " + java.util.regex.Pattern.quote(subject))
            .containsPattern("(?m)^Content-Type: multipart/report;")
            .contains("report-type=disposition-notification")
            .containsPattern("(?m)^Content-Type: message/disposition-notification")
            .contains("bob displayed your message (sent with JMAP MDN/send).")
            .containsPattern("(?m)^Final-Recipient: rfc822; ?" + BOB)
            .containsPattern("(?m)^Original-Message-ID: " + java.util.regex.Pattern.quote(messageId))
            .containsPattern("(?mi)^Disposition: manual-action/MDN-sent-manually; ?displayed")
            // What James 3.8.1 writes on bob's behalf: Original-Recipient from bob's JMAP login, no
            // Reporting-UA (optional in RFC 8098) unless the client gives reportingUA, and no third
            // part (includeOriginalMessage defaults to false).
            .containsPattern("(?m)^Original-Recipient: rfc822; ?" + BOB)
            .doesNotContainPattern("(?m)^Reporting-UA:")
            .doesNotContain("text/rfc822-headers");

        JsonNode again = JmapClient.response(bobJmap.sendDisplayedMdn(identity.path("id").asText(), email.path("id").asText(),
            "Read: " + subject, "twice"), "s");
        assertThat(again.path("notSent").path("k1").path("type").asText()).as("a second MDN/send: %s", again)
            .isEqualTo("mdnAlreadySent");
    }

    @Test
    void mdnSendForAMessageThatAskedForNoReceiptShouldBeRefusedAndNothingRecorded() throws Exception {
        String messageId = "<" + UUID.randomUUID() + "@corp.example>";
        alice.send(alice.parse("From: Alice <alice@corp.example>\r\n"
                + "To: Bob <" + BOB + ">\r\n"
                + "Subject: No receipt wanted\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "No Disposition-Notification-To here.\r\n"),
            MailClient.Dsn.none(), BOB);

        JmapClient bobJmap = JmapClient.connect(jmapBaseUrl, BOB, Stack.DEMO_USERS.get(BOB));
        String inbox = bobJmap.inboxId();
        JsonNode email = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
            .until(() -> bobJmap.findInInbox(inbox, messageId), Optional::isPresent).orElseThrow();
        JsonNode identity = bobJmap.identities().get(0);

        JsonNode responses = bobJmap.sendDisplayedMdn(identity.path("id").asText(), email.path("id").asText(),
            "Read: No receipt wanted", "not asked for");
        System.out.println("JmapMdnIT: MDN/send without Disposition-Notification-To, response:\n" + bobJmap.lastResponse());
        JsonNode mdnSend = JmapClient.response(responses, "s");
        // RFC 9007 section 2.1: notFound when "forEmailId" cannot be found or has no valid
        // Disposition-Notification-To header field.
        assertThat(mdnSend.path("notSent").path("k1").path("type").asText()).isEqualTo("notFound");
        assertThat(mdnSend.path("sent").has("k1")).isFalse();
        assertThat(responses).as("no Email/set when nothing was sent").hasSize(1);
        assertThat(bobJmap.email(email.path("id").asText(), "keywords").path("keywords").has("$mdnsent")).isFalse();

        JsonNode message = await().atMost(PATIENCE).until(
            () -> api.message(messageId, alice.address(), Stack.DEMO_USERS.get(alice.address())), Optional::isPresent).orElseThrow();
        Thread.sleep(2000);
        message = api.message(messageId, alice.address(), Stack.DEMO_USERS.get(alice.address())).orElseThrow();
        JsonNode forBob = ReceiptsApi.recipient(message, BOB);
        assertThat(forBob.path("requested").path("mdn").asBoolean()).isFalse();
        assertThat(forBob.path("disposition").path("state").asText()).isEqualTo("NONE");
        assertThat(alice.inbox()).noneMatch(raw -> raw.contains("disposition-notification") && raw.contains(messageId));
    }

    /**
     * carol's receipt policy says NEVER for internal senders, so EnforceReceiptPolicy must stop her read
     * receipts, also the ones James's MDN/send builds: it matches "sent-by-local-user", which takes in mail whose
     * envelope sender is a local user (MDN/send enqueues the MDN with neither SMTP attribute).
     */
    @Test
    void mdnSendShouldBeStoppedWhenTheRecipientsPolicySaysNever() throws Exception {
        String carol = "carol@corp.example";
        assertThat(api.send("PUT", "/api/v1/me/policy", "{\"internal\":\"NEVER\",\"external\":\"ALWAYS\"}", carol).status())
            .isEqualTo(200);
        try {
            await().atMost(PATIENCE).until(() -> stack.james().policyCache()
                .path("employees").path(carol).path("internal").asText().equals("NEVER"));

            String messageId = Conversation.sendWithReadReceipt(alice, stack.mailClient(carol), "Policy says never", null);
            JmapClient carolJmap = JmapClient.connect(jmapBaseUrl, carol, Stack.DEMO_USERS.get(carol));
            String inbox = carolJmap.inboxId();
            JsonNode email = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> carolJmap.findInInbox(inbox, messageId), Optional::isPresent).orElseThrow();
            JsonNode sent = JmapClient.response(carolJmap.sendDisplayedMdn(carolJmap.identities().get(0).path("id").asText(),
                email.path("id").asText(), "Read: Policy says never", "carol displayed it"), "s");
            assertThat(sent.path("sent").has("k1")).as("James accepts the MDN/send: %s", sent).isTrue();

            JsonNode stopped = await().atMost(PATIENCE).until(() -> api.ledgerEntry(carol, "MDN_STOPPED", messageId),
                Optional::isPresent).orElseThrow();
            assertThat(stopped.path("policy").path("choice").asText()).isEqualTo("NEVER");
            assertThat(stopped.path("audience").asText()).isEqualTo("INTERNAL");
            JsonNode forCarol = ReceiptsApi.recipient(
                api.message(messageId, alice.address(), Stack.DEMO_USERS.get(alice.address())).orElseThrow(), carol);
            assertThat(forCarol.path("disposition").path("state").asText()).isEqualTo("NONE");
            assertThat(alice.inbox()).noneMatch(raw -> raw.contains("disposition-notification") && raw.contains(messageId));
        } finally {
            api.send("PUT", "/api/v1/me/policy", "{\"internal\":\"ASK\",\"external\":\"ASK\"}", carol);
        }
    }

    @Test
    void jmapShouldAcceptBasicAuthenticationOnlyWithTheRightPassword() throws Exception {
        String wrong = "Basic " + Base64.getEncoder().encodeToString((BOB + ":wrong").getBytes(StandardCharsets.UTF_8));
        String right = "Basic " + Base64.getEncoder().encodeToString((BOB + ":" + Stack.DEMO_USERS.get(BOB)).getBytes(StandardCharsets.UTF_8));
        assertThat(JmapClient.sessionStatus(jmapBaseUrl, null)).isEqualTo(401);
        assertThat(JmapClient.sessionStatus(jmapBaseUrl, wrong)).isEqualTo(401);
        assertThat(JmapClient.sessionStatus(jmapBaseUrl, right)).isEqualTo(200);
        // James 3.8.1 has no bind-address setting for JMAP: say where it can be reached besides loopback.
        for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                if (!address.isLoopbackAddress() && address instanceof java.net.Inet4Address) {
                    try (java.net.Socket socket = new java.net.Socket()) {
                        socket.connect(new java.net.InetSocketAddress(address, stack.james().ports().jmap()), 1000);
                        System.out.println("JmapMdnIT: JMAP port " + stack.james().ports().jmap() + " also answers on " + address.getHostAddress());
                    } catch (java.io.IOException e) {
                        System.out.println("JmapMdnIT: JMAP port not reachable on " + address.getHostAddress() + ": " + e.getMessage());
                    }
                }
            }
        }
        assertThat(List.of(JmapClient.CORE, JmapClient.MAIL, JmapClient.MDN))
            .allMatch(capability -> connectQuietly().path("capabilities").has(capability));
    }

    private static JsonNode connectQuietly() {
        try {
            return JmapClient.connect(jmapBaseUrl, BOB, Stack.DEMO_USERS.get(BOB)).session();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
