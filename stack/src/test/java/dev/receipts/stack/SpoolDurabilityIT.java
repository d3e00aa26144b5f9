package dev.receipts.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Events are never lost and never counted twice: while the service is down they wait in James's
 * spool, across a James restart, and all arrive once the service is back.
 */
class SpoolDurabilityIT {
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
    void eventsSentWhileTheServiceIsDownShouldArriveExactlyOnceAfterItRestarts() throws Exception {
        stack = Stack.startOnFreePorts(data);
        String alicePassword = Stack.DEMO_USERS.get("alice@corp.example");
        MailClient alice = stack.mailClient("alice@corp.example");
        MailClient bob = stack.mailClient("bob@corp.example");

        stack.service().stop();
        List<String> messageIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            messageIds.add(Conversation.sendWithReadReceipt(alice, bob, "Before the James restart #" + i, null));
        }
        // Stop James only once the pipeline is done with them: bob has them (LocalDelivery), and alice has
        // the delivered DSNs, which DSNBounce makes after LocalDelivery and the mailets then report.
        await().atMost(Duration.ofSeconds(60)).until(bob::inboxCount, count -> count >= 5);
        await().atMost(Duration.ofSeconds(60)).until(alice::inboxCount, count -> count >= 5);
        assertThat(readySpoolFiles()).as("events wait in the spool while the service is down").isGreaterThanOrEqualTo(10);

        stack.james().stop();
        stack.james().start();
        for (Map.Entry<String, String> user : Stack.DEMO_USERS.entrySet()) {
            stack.james().addUser(user.getKey(), user.getValue());
        }
        for (int i = 0; i < 2; i++) {
            messageIds.add(Conversation.sendWithReadReceipt(alice, bob, "After the James restart #" + i, null));
        }
        await().atMost(Duration.ofSeconds(60)).until(bob::inboxCount, count -> count >= 2);
        assertThat(readySpoolFiles()).isGreaterThanOrEqualTo(14);

        stack.service().start();

        ReceiptsApi api = new ReceiptsApi(stack.service().baseUrl());
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (String messageId : messageIds) {
                JsonNode message = api.message(messageId, alice.address(), alicePassword).orElseThrow(
                    () -> new AssertionError("not arrived yet: " + messageId));
                JsonNode forBob = ReceiptsApi.recipient(message, "bob@corp.example");
                assertThat(forBob.path("delivery").path("state").asText()).isEqualTo("DELIVERED");
                assertThat(forBob.path("timeline")).filteredOn(entry -> entry.path("kind").asText().equals("SUBMITTED")).hasSize(1);
                assertThat(forBob.path("timeline")).filteredOn(entry -> entry.path("kind").asText().equals("LOCAL_DELIVERY")).hasSize(1);
                assertThat(forBob.path("timeline")).filteredOn(entry -> entry.path("kind").asText().equals("DSN")).hasSize(1);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(this::readySpoolFiles, count -> count == 0);
    }

    private long readySpoolFiles() throws Exception {
        Path ready = stack.james().spoolDirectory().resolve("ready");
        if (!Files.isDirectory(ready)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(ready)) {
            return files.count();
        }
    }
}
