package dev.receipts.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.mail.smtp.SMTPSendFailedException;

/**
 * Hostile mail from outside, through real James 3.8.1 with our mailets and the demo configuration. For each message:
 * James accepts it or refuses it with a clear SMTP answer; an accepted one reaches alice's INBOX or one of James's
 * error or quarantine repositories, never vanishes; and an ordinary message bob sends to alice right after it is
 * delivered and has its receipt state within {@link #NEXT_MESSAGE_PATIENCE}. Each case prints what happened and how long the
 * next message took (docs: stack/README.md, "Hostile mail").
 */
class HostileMailIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ALICE = "alice@corp.example";
    private static final String BOB = "bob@corp.example";
    private static final Duration NEXT_MESSAGE_PATIENCE = Duration.ofSeconds(30);
    private static final Duration ARRIVAL_PATIENCE = Duration.ofSeconds(120);
    private static final List<String> REPOSITORIES = List.of("var/mail/error/", "var/mail/quarantine/",
        "var/mail/address-error/", "var/mail/relay-limit-exceeded/", "var/mail/rrt-error/");

    @TempDir
    static Path data;
    static Stack stack;
    static ReceiptsApi api;
    static MailClient outsider;
    static MailClient alice;
    static MailClient bob;

    @BeforeAll
    static void startStack() throws Exception {
        stack = Stack.startOnFreePorts(data);
        api = new ReceiptsApi(stack.service().baseUrl());
        outsider = stack.externalSender("mallory@partner.example");
        alice = stack.mailClient(ALICE);
        bob = stack.mailClient(BOB);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    static Stream<HostileMessages.Hostile> hostileMail() {
        return HostileMessages.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileMail")
    void hostileMailNeverStallsDeliveryNorReceipts(HostileMessages.Hostile hostile) throws Exception {
        String subject = "Hostile " + UUID.randomUUID();
        long[] before = repositorySizes();
        String answer;
        boolean accepted;
        long sendStart = System.nanoTime();
        try {
            outsider.send(outsider.parse(hostile.text().replace("SUBJECT", subject)), MailClient.Dsn.none(), ALICE);
            answer = "250 accepted";
            accepted = true;
        } catch (SMTPSendFailedException e) {
            answer = e.getReturnCode() + " " + e.getMessage().trim();
            accepted = false;
            assertThat(e.getReturnCode()).as("a refusal is a clear SMTP answer").isBetween(400, 599);
        } catch (MessagingException e) {
            throw new AssertionError(hostile.name() + ": neither accepted nor refused with an SMTP answer", e);
        }
        Duration smtp = Duration.ofNanos(System.nanoTime() - sendStart);

        long start = System.nanoTime();
        String ordinary = sendOrdinary();
        await().atMost(NEXT_MESSAGE_PATIENCE).untilAsserted(() -> {
            JsonNode message = api.message(ordinary, BOB, Stack.DEMO_USERS.get(BOB)).orElseThrow(
                () -> new AssertionError("the ordinary message is not known to the service yet"));
            assertThat(ReceiptsApi.recipient(message, ALICE).path("delivery").path("state").asText()).isEqualTo("DELIVERED");
        });
        Duration next = Duration.ofNanos(System.nanoTime() - start);

        String where = "refused";
        if (accepted) {
            String[] ended = new String[1];
            await().atMost(ARRIVAL_PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                ended[0] = whereItEnded(subject, before);
                assertThat(ended[0]).as(hostile.name() + ": in alice's INBOX or a repository").isNotNull();
            });
            where = ended[0];
        }
        System.out.printf(Locale.ROOT, "HOSTILE %-50s SMTP %-40.40s (%d ms); ended: %s; next message DELIVERED after %d ms%n",
            hostile.name(), answer, smtp.toMillis(), where, next.toMillis());
    }

    private static String whereItEnded(String subject, long[] before) throws Exception {
        for (String headers : alice.inboxHeaders()) {
            if (headers.contains(subject)) {
                return "alice's INBOX";
            }
        }
        long[] now = repositorySizes();
        for (int i = 0; i < now.length; i++) {
            if (now[i] > before[i]) {
                return "repository memory://" + REPOSITORIES.get(i);
            }
        }
        return null;
    }

    private static long[] repositorySizes() throws Exception {
        long[] sizes = new long[REPOSITORIES.size()];
        for (int i = 0; i < sizes.length; i++) {
            // WebAdmin names a repository by its path, without the memory:// protocol.
            String encoded = java.net.URLEncoder.encode(REPOSITORIES.get(i), java.nio.charset.StandardCharsets.UTF_8);
            var response = stack.james().callWebAdmin("GET", "/mailRepositories/" + encoded);
            sizes[i] = response.statusCode() == 200 ? MAPPER.readTree(response.body()).path("size").asLong() : 0;
        }
        return sizes;
    }

    /** bob writes to alice, whose mailbox the hostile message was for: her mailbox must not be stalled. */
    private static String sendOrdinary() throws Exception {
        String messageId = "<ordinary-" + UUID.randomUUID() + "@corp.example>";
        MimeMessage message = bob.parse("From: Bob <" + BOB + ">\r\nTo: <" + ALICE + ">\r\n"
            + "Subject: Right after a hostile one\r\nMessage-ID: " + messageId + "\r\n"
            + "Disposition-Notification-To: " + BOB + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\nHello.\r\n");
        bob.send(message, MailClient.Dsn.none(), ALICE);
        return messageId;
    }
}
