package dev.receipts.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Acknowledged means durable: under steady mail, the service is killed with SIGKILL three times, each time right
 * after it answered 200 (the moment James's forwarder deletes spooled files: what it acknowledged must already be on
 * disk), and restarted. At the end every message James delivered has its state, and none has a fact twice.
 *
 * <p>Killing at random moments passes on broken code (measured on the demo: no loss in three runs); the kill has
 * to follow an acknowledgement. {@code -Dreceipts.it.durable-commits=false} runs the same test with H2's write delay
 * back on, to see it fail.
 */
class ServiceKillIT {
    private static final String ALICE = "alice@corp.example";
    private static final String BOB = "bob@corp.example";
    private static final int MESSAGES = 120;
    private static final int KILLS = 3;

    @TempDir
    Path data;

    Stack stack;

    @AfterEach
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void killedRightAfterAcknowledgingThreeTimesTheServiceLosesNothingAndCountsNothingTwice() throws Exception {
        stack = Stack.startOnFreePorts(data);
        String durable = System.getProperty("receipts.it.durable-commits", "true");
        if (!"true".equals(durable)) {
            stack.service().stop();
            stack.service().property("receipts.ingest.durable-commits", durable).start();
        }
        MailClient alice = stack.mailClient(ALICE);
        List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Future<?> sending = sender.submit(() -> {
            for (int i = 0; i < MESSAGES; i++) {
                String messageId = "<kill-" + i + "-" + UUID.randomUUID() + "@corp.example>";
                MimeMessage message = alice.parse("From: Alice <" + ALICE + ">\r\nTo: <" + BOB + ">\r\n"
                    + "Subject: Steady mail " + i + "\r\nMessage-ID: " + messageId + "\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\nHello.\r\n");
                alice.send(message, MailClient.Dsn.none(), BOB);
                sent.add(messageId);
                Thread.sleep(150);
            }
            return null;
        });
        try {
            for (int kill = 1; kill <= KILLS; kill++) {
                awaitAnAcknowledgement();
                stack.service().kill();
                Thread.sleep(2000);
                stack.service().start();
            }
            sending.get(5, TimeUnit.MINUTES);
        } finally {
            sender.shutdownNow();
        }

        assertThat(sent).hasSize(MESSAGES);
        ReceiptsApi api = new ReceiptsApi(stack.service().baseUrl());
        String password = Stack.DEMO_USERS.get(ALICE);
        await().atMost(Duration.ofSeconds(120)).until(this::readySpoolFiles, count -> count == 0);
        List<String> missing = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            missing.clear();
            twice.clear();
            for (String messageId : sent) {
                JsonNode message = api.message(messageId, ALICE, password).orElse(null);
                if (message == null) {
                    missing.add(messageId + ": unknown to the service");
                    continue;
                }
                JsonNode bob = ReceiptsApi.recipient(message, BOB);
                if (!"DELIVERED".equals(bob.path("delivery").path("state").asText())) {
                    missing.add(messageId + ": " + bob.path("delivery").path("state").asText());
                }
                for (String kind : List.of("SUBMITTED", "LOCAL_DELIVERY")) {
                    long facts = java.util.stream.StreamSupport.stream(bob.path("timeline").spliterator(), false)
                        .filter(entry -> kind.equals(entry.path("kind").asText())).count();
                    if (facts != 1) {
                        twice.add(messageId + ": " + facts + " " + kind);
                    }
                }
            }
            assertThat(missing).as("messages without their state, of " + MESSAGES).isEmpty();
            assertThat(twice).as("facts recorded other than once").isEmpty();
        });
        assertThat(Files.list(stack.james().spoolDirectory().resolve("dead")).count()).as("nothing set aside").isZero();
    }

    /** Returns right after the forwarder deleted spooled files: the service has just answered 200. */
    private void awaitAnAcknowledgement() throws Exception {
        Set<String> before = readyFiles();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Set<String> now = readyFiles();
            for (String file : before) {
                if (!now.contains(file)) {
                    return;
                }
            }
            before = now;
            Thread.onSpinWait();
        }
        throw new AssertionError("the forwarder deleted nothing in 60 s");
    }

    private Set<String> readyFiles() throws Exception {
        Path ready = stack.james().spoolDirectory().resolve("ready");
        if (!Files.isDirectory(ready)) {
            return new HashSet<>();
        }
        try (Stream<Path> files = Files.list(ready)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private long readySpoolFiles() throws Exception {
        return readyFiles().size();
    }
}
