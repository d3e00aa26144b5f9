package dev.receipts.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracking pixels in a real James 3.8.1 with the demo configuration: a newsletter submitted over
 * SMTP from outside reaches bob's INBOX, read over IMAP, with its open pixel neutralized, its logo intact, its
 * Message-ID unchanged and the count in {@code X-Receipts-Tracking-Pixels}.
 */
class PixelNeutralizingIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String PIXEL = "https://corpexample.us21.list-manage.com/track/open.php?u=3f9c1e0a5b7d&amp;id=ab12cd34ef&amp;e=5c1d2e3f4a";
    private static final String LOGO = "https://www.corpexample.com/assets/logo-600x120.png";

    @TempDir
    static Path data;

    static Stack stack;
    static MailClient alice;
    static MailClient bob;

    @BeforeAll
    static void startStack() throws Exception {
        stack = Stack.startOnFreePorts(data);
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
    void newsletterShouldReachBobWithoutItsOpenPixelButWithItsLogo() throws Exception {
        String messageId = "<" + UUID.randomUUID() + "@corpexample.com>";
        String html = "<!doctype html><html><head><meta charset=\"UTF-8\"><title>Corp Weekly</title></head><body>"
            + "<table width=\"600\" align=\"center\"><tr><td>"
            + "<img src=\"" + LOGO + "\" width=\"600\" height=\"120\" alt=\"Corp Weekly\">"
            + "<h1>Caf\u00e9 opening on floor 3</h1><p>It opens on Monday.</p>"
            + "</td></tr></table>"
            + "<img src=\"" + PIXEL + "\" height=\"1\" width=\"1\" alt=\"\">"
            + "</body></html>";
        MailClient sender = stack.externalSender("news@corpexample.com");
        MimeMessage newsletter = sender.parse("From: Corp Weekly <news@corpexample.com>\r\n"
            + "To: bob@corp.example\r\n"
            + "Subject: Corp Weekly\r\n"
            + "Message-ID: " + messageId + "\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/alternative; boundary=\"nl\"\r\n\r\n"
            + "--nl\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nCaf\u00e9 opening on floor 3.\r\n"
            + "--nl\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + html + "\r\n--nl--\r\n");
        sender.send(newsletter, MailClient.Dsn.none(), bob.address());

        MimeMessage received = await().atMost(PATIENCE).until(() -> find(bob, messageId), Optional::isPresent).orElseThrow();

        assertThat(received.getHeader("X-Receipts-Tracking-Pixels")).containsExactly("1 neutralized");
        assertThat(received.getMessageID()).isEqualTo(messageId);
        String receivedHtml = html(received).orElseThrow();
        assertThat(receivedHtml).doesNotContain("list-manage.com")
            .contains(LOGO)
            .contains("Caf\u00e9 opening on floor 3")
            .contains("data:image/gif;base64,");

        // The count reaches the compliance view (carol), by sender domain and direction.
        ReceiptsApi api = new ReceiptsApi(stack.service().baseUrl());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.get("/api/v1/compliance/pixels?days=1", "carol@corp.example")
                .body().path("rows"))
            .anySatisfy(row -> {
                assertThat(row.path("senderDomain").asText()).isEqualTo("corpexample.com");
                assertThat(row.path("direction").asText()).isEqualTo("INCOMING");
                assertThat(row.path("pixels").asLong()).isPositive();
            }));
        assertThat(api.get("/api/v1/compliance/pixels?days=1", "bob@corp.example").status()).as("bob is no compliance officer")
            .isEqualTo(403);
    }

    @Test
    void plainTextMailShouldReachBobUnmarked() throws Exception {
        String messageId = "<" + UUID.randomUUID() + "@corp.example>";
        alice.send(alice.parse("From: Alice <alice@corp.example>\r\n"
            + "To: Bob <bob@corp.example>\r\n"
            + "Subject: Lunch\r\n"
            + "Message-ID: " + messageId + "\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "Noon at https://t.yesware.com/t/1/o.gif ?\r\n"), MailClient.Dsn.none(), bob.address());

        MimeMessage received = await().atMost(PATIENCE).until(() -> find(bob, messageId), Optional::isPresent).orElseThrow();

        assertThat(received.getHeader("X-Receipts-Tracking-Pixels")).isNull();
        assertThat(received.getContent().toString()).contains("https://t.yesware.com/t/1/o.gif");
    }

    private static Optional<MimeMessage> find(MailClient user, String messageId) throws Exception {
        for (String raw : user.inbox()) {
            MimeMessage message = user.parse(raw);
            if (messageId.equals(message.getMessageID())) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> html(Part part) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                Optional<String> html = html(multipart.getBodyPart(i));
                if (html.isPresent()) {
                    return html;
                }
            }
        } else if (part.isMimeType("text/html")) {
            try (InputStream in = part.getInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
