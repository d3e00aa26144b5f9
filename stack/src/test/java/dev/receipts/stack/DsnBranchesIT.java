package dev.receipts.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * James's own DSNBounce in the branches of James's DSN guide (dsn.adoc) and its RemoteDelivery error handling
 * (remote-delivery-error-handling.adoc) that the other tests do not reach, each report correlated by the receipt
 * service to the right recipient with the right state, against a real James 3.8.1 and a real Postfix:
 * <ul>
 *   <li>{@code rrt-error}: an address rewriting loop made through WebAdmin, {@code failed} 5.1.6;</li>
 *   <li>{@code error}: the generic local error branch, {@code failed} 5.0.0;</li>
 *   <li>the guide's {@code relay} + {@code remote-delivery-error} design (one try per pass, {@code AtMost=5},
 *       {@code dsn-permanent}, {@code dsn-temporary}, temporary failures kept in a mail repository and reprocessed
 *       into {@code relay} by WebAdmin): {@code delayed}, then relayed and delivered; and {@code failed}.</li>
 * </ul>
 * Local {@code delivered} and {@code local-address-error} are covered by {@link ReceiptsEndToEndIT}; the shipped
 * retrying RemoteDelivery by {@link PostfixInteropIT} and {@link EximInteropIT}. The shipped configuration is not
 * changed: this test edits the copy James reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DsnBranchesIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVIDENCE = Path.of("target", "dsn-branches");
    private static final String TEMPORARY = "memory://var/mail/error/remote-delivery/temporary/";
    private static final String PERMANENT = "memory://var/mail/error/remote-delivery/permanent/";
    /**
     * How James 3.8.1's WebAdmin names those repositories: by path, without the protocol. The guide's
     * {@code memory%3A%2F%2Fvar%2F…} form is answered 404 "memory://var/mail/error/remote-delivery/temporary does
     * not exist" (the test shows it).
     */
    private static final String TEMPORARY_PATH = "var/mail/error/remote-delivery/temporary";
    private static final String PERMANENT_PATH = "var/mail/error/remote-delivery/permanent";
    private static final String TOO_MANY_RETRIES = "Too many retries failure. Bouncing after 0 retries.";

    private PostfixPeer partner;
    private Stack stack;
    private ReceiptsApi api;
    private MailClient alice;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        partner = PostfixPeer.create()
            .mailbox("dana")
            .refuseAtRcpt("gone", "550 5.1.1 <gone@partner.example>: mailbox closed")
            .refuseAtRcpt("later", "452 4.2.2 <later@partner.example>: mailbox full");
        stack = Stack.startOnFreePorts(data, "127.0.0.1", partner.port(), mailetContainerEdits());
        partner.start("corp.example", stack.james().ports().smtp());
        api = new ReceiptsApi(stack.service().baseUrl());
        alice = stack.mailClient("alice@corp.example");
    }

    @AfterAll
    void stop() throws IOException {
        if (partner != null) {
            Files.writeString(Files.createDirectories(EVIDENCE).resolve("postfix.log"), partner.logText(), StandardCharsets.UTF_8);
        }
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            if (partner != null) {
                partner.close();
            }
        }
    }

    /**
     * The edits to the copy of mailetcontainer.xml James reads, beside what JamesNode sets (ports, service URL,
     * Postfix as RemoteDelivery's gateway).
     */
    private static Map<String, String> mailetContainerEdits() throws IOException {
        String shipped = Files.readString(StackLayout.locate().jamesConfig().resolve("mailetcontainer.xml"), StandardCharsets.UTF_8);
        Matcher remoteDeliveryError = Pattern.compile("(?s)<processor state=\"remote-delivery-error\".*?</processor>").matcher(shipped);
        if (!remoteDeliveryError.find()) {
            throw new IllegalStateException("The shipped mailetcontainer.xml has no remote-delivery-error processor");
        }
        Map<String, String> edits = new LinkedHashMap<>();
        // The error branch: in production a mailet that throws sends the mail there (onMailetException's default).
        // No shipped mailet can be made to throw on demand, so one recipient is routed to `error` by ToProcessor
        // instead, after the receipt requests are captured and before RecipientRewriteTable: it stands in for a
        // mailet failure, and what the `error` processor then does (its DSNBounce) is what is under test.
        edits.put("<mailet match=\"All\" class=\"RecipientRewriteTable\">",
            "<mailet match=\"RecipientIs=broken@corp.example\" class=\"ToProcessor\">\n"
                + "                <processor>error</processor>\n"
                + "            </mailet>\n"
                + "            <mailet match=\"All\" class=\"RecipientRewriteTable\">");
        // The guide's relay processor: one RemoteDelivery try per pass, at most 5 passes, then `failed`.
        edits.put("<mailet match=\"All\" class=\"RemoteDelivery\">", "<mailet match=\"AtMost=5\" class=\"RemoteDelivery\">");
        edits.put("<maxRetries>3</maxRetries>", "<maxRetries>0</maxRetries>");
        // The guide gives no delayTime. James 3.8.1 then takes its default, one attempt after 6 hours, and raises
        // maxRetries from 0 to 1 ("Total number of delayTime attempts exceeds maxRetries specified"): the mail would
        // wait 6 hours instead of reaching remote-delivery-error. Zero attempts of a delay keep the single try.
        edits.put("<delayTime>5000, 100000, 500000</delayTime>", "<delayTime>0*1000</delayTime>");
        // After RemoteDelivery (which keeps our onSuccess, so RELAYED is still recorded): the guide's DSNBounce
        // for mail that exceeded AtMost, and the permanent repository.
        edits.put("<onSuccess>relay-success</onSuccess>\n            </mailet>",
            "<onSuccess>relay-success</onSuccess>\n            </mailet>\n" + """
                        <mailet match="DSNFailureRequested" class="DSNBounce">
                            <prefix>[FAILED]</prefix>
                            <passThrough>true</passThrough>
                            <messageString>Hi. This is the James mail server at [machine].
            I'm afraid I wasn't able to deliver your message to the following addresses.
            This is a permanent error; I've given up. Sorry it didn't work out.
            The remote server we should relay this mail to keep on failing.
            Below I include the list of recipients, and the reason why I was unable to deliver
            your message.</messageString>
                            <action>failed</action>
                            <defaultStatus>5.0.0</defaultStatus>
                        </mailet>
                        <mailet match="All" class="ToRepository">
                            <repositoryPath>%s</repositoryPath>
                        </mailet>""".formatted(PERMANENT));
        // The DSN guide's remote-delivery-error processor (dsn-permanent, dsn-temporary), followed by the storage
        // of remote-delivery-error-handling.adoc (temporary, permanent, anything else), with memory:// repositories.
        edits.put(remoteDeliveryError.group(), """
            <processor state="remote-delivery-error" enableJmx="false">
                        <matcher name="dsn-permanent" match="org.apache.james.mailetcontainer.impl.matchers.And">
                            <matcher match="IsRemoteDeliveryPermanentError"/>
                            <matcher match="DSNFailureRequested"/>
                        </matcher>
                        <matcher name="dsn-temporary" match="org.apache.james.mailetcontainer.impl.matchers.And">
                            <matcher match="IsRemoteDeliveryTemporaryError"/>
                            <matcher match="DSNDelayRequested"/>
                        </matcher>
                        <mailet match="dsn-permanent" class="DSNBounce">
                            <prefix>[FAILED]</prefix>
                            <passThrough>true</passThrough>
                            <messageString>Hi. This is the James mail server at [machine].
            I'm afraid I wasn't able to deliver your message to the following addresses.
            This is a permanent error; I've given up. Sorry it didn't work out.
            The remote server we should relay this mail to returns a permanent error.
            Below I include the list of recipients, and the reason why I was unable to deliver
            your message.</messageString>
                            <action>failed</action>
                            <defaultStatus>5.0.0</defaultStatus>
                        </mailet>
                        <mailet match="dsn-temporary" class="DSNBounce">
                            <prefix>[DELAYED]</prefix>
                            <passThrough>true</passThrough>
                            <messageString>Hi. This is the James mail server at [machine].
            I'm afraid I wasn't able to deliver your message to the following addresses yet.
            This is a temporary error: I will keep on trying.
            Below I include the list of recipients, and the reason why I was unable to deliver
            your message.</messageString>
                            <action>delayed</action>
                            <defaultStatus>4.0.0</defaultStatus>
                        </mailet>
                        <mailet match="IsRemoteDeliveryTemporaryError" class="ToRepository">
                            <repositoryPath>%s</repositoryPath>
                        </mailet>
                        <mailet match="IsRemoteDeliveryPermanentError" class="ToRepository">
                            <repositoryPath>%s</repositoryPath>
                        </mailet>
                        <mailet match="All" class="ToRepository">
                            <repositoryPath>memory://var/mail/error/</repositoryPath>
                        </mailet>
                    </processor>""".formatted(TEMPORARY, PERMANENT));
        return edits;
    }

    @Test
    void addressRewritingLoopShouldEndFailed516FromTheRrtErrorBranch() throws Exception {
        JamesNode james = stack.james();
        james.addAlias("loop1@corp.example", "loop2@corp.example");
        // James 3.8.1 refuses to close the loop with a second alias (or a forward, a group, an address mapping)...
        assertThatThrownBy(() -> james.addAlias("loop2@corp.example", "loop1@corp.example"))
            .hasMessageContaining("409")
            .hasMessageContaining("would lead to a loop");
        // ...but not with a regex mapping (AbstractRecipientRewriteTable.addRegexMapping checks no loop): the loop an
        // administrator can still make, loop1 -> loop2 -> loop1.
        String regex = "(.*)@corp.example:loop1@corp.example";
        HttpResponse<String> mapping = james.callWebAdmin("POST", "/mappings/regex/loop2@corp.example/targets/"
            + URLEncoder.encode(regex, StandardCharsets.UTF_8));
        assertThat(mapping.statusCode()).as("regex mapping: %s", mapping.body()).isEqualTo(204);

        String messageId = send("Team lunch", "FAILURE", "loop1@corp.example");
        try {
            await().atMost(PATIENCE).untilAsserted(() ->
                assertDelivery(message(messageId), "loop1@corp.example", "FAILED", "5.1.6"));
            assertThat(report(messageId, "loop1@corp.example")).as("the rrt-error branch's DSNBounce")
                .contains("Subject: [FAILED] Team lunch")
                .contains("caught in an address rewriting loop")
                .containsPattern(field("Action", "failed"))
                .containsPattern(field("Status", "5.1.6"));
        } finally {
            keepEvidence("rrt-error", messageId);
        }
    }

    @Test
    void recipientSentToTheErrorProcessorShouldEndFailed500FromTheErrorBranch() throws Exception {
        String messageId = send("Broken pipeline", "FAILURE", "broken@corp.example", "bob@corp.example");
        try {
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode message = message(messageId);
                assertDelivery(message, "broken@corp.example", "FAILED", "5.0.0");
                assertThat(ReceiptsApi.recipient(message, "bob@corp.example").path("delivery").path("state").asText())
                    .as("bob, in the same message, is delivered locally").isEqualTo("DELIVERED");
            });
            assertThat(report(messageId, "broken@corp.example")).as("the error branch's DSNBounce")
                .contains("Subject: [FAILED] Broken pipeline")
                .contains("This is a permanent error; I've given up.")
                .containsPattern(field("Action", "failed"))
                .containsPattern(field("Status", "5.0.0"));
        } finally {
            keepEvidence("error", messageId);
        }
    }

    @Test
    void permanentRemoteRefusalShouldEndFailedFromDsnPermanent() throws Exception {
        String messageId = send("Purchase order 77", "SUCCESS,FAILURE,DELAY", "gone@partner.example");
        try {
            await().atMost(PATIENCE).untilAsserted(() ->
                assertDelivery(message(messageId), "gone@partner.example", "FAILED", "5.1.1"));
            assertThat(report(messageId, "gone@partner.example")).as("dsn-permanent's DSNBounce")
                .contains("Subject: [FAILED] Purchase order 77")
                .contains("The remote server we should relay this mail to returns a permanent error.")
                .containsPattern(field("Action", "failed"))
                .containsPattern("(?m)^Diagnostic-Code: smtp; 550 5\\.1\\.1 .*mailbox closed");
            await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(repositoryKeys(PERMANENT_PATH)).as("the permanent repository").isNotEmpty());
        } finally {
            keepEvidence("dsn-permanent", messageId);
        }
    }

    @Test
    void temporaryRemoteRefusalShouldBeDelayedThenRelayedAndDeliveredAfterWebAdminReprocessing() throws Exception {
        String messageId = send("Delivery schedule", "SUCCESS,FAILURE,DELAY", "later@partner.example");
        try {
            // With maxRetries 0 James 3.8.1 hands a temporary failure to remote-delivery-error as "Too many retries
            // failure. Bouncing after 0 retries." (DeliveryRunnable), and DSNBounce writes that text as the Status (and
            // an X-James Diagnostic-Code), not the partner's 452 4.2.2 nor defaultStatus 4.0.0: the report carries no
            // d.d.d status, so the API shows DELAYED with no status and that diagnostic.
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode delivery = ReceiptsApi.recipient(message(messageId), "later@partner.example").path("delivery");
                assertThat(delivery.path("state").asText()).as("later: %s", delivery).isEqualTo("DELAYED");
                assertThat(delivery.path("status").isNull()).as("later: %s", delivery).isTrue();
                assertThat(delivery.path("diagnostic").asText()).isEqualTo("X-James; " + TOO_MANY_RETRIES);
            });
            assertThat(report(messageId, "later@partner.example")).as("dsn-temporary's DSNBounce")
                .contains("Subject: [DELAYED] Delivery schedule")
                .contains("This is a temporary error: I will keep on trying.")
                .containsPattern(field("Action", "delayed"))
                .containsPattern(field("Status", TOO_MANY_RETRIES));
            assertThat(partner.logText()).as("Postfix refused later with 452 4.2.2")
                .containsPattern("452 4\\.2\\.2 <later@partner\\.example>: .*mailbox full");
            List<String> waiting = await().atMost(PATIENCE).until(() -> repositoryKeys(TEMPORARY_PATH), keys -> keys.size() == 1);
            HttpResponse<String> guideForm = stack.james().callWebAdmin("GET",
                "/mailRepositories/" + URLEncoder.encode(TEMPORARY, StandardCharsets.UTF_8) + "/mails");
            assertThat(guideForm.statusCode()).as("the guide's URL form: %s", guideForm.body()).isEqualTo(404);

            partner.stopRefusing("later");
            long reprocessedAt = System.nanoTime();
            HttpResponse<String> reprocess = stack.james().callWebAdmin("PATCH", "/mailRepositories/"
                + URLEncoder.encode(TEMPORARY_PATH, StandardCharsets.UTF_8) + "/mails?action=reprocess&processor=relay");
            assertThat(reprocess.statusCode()).as("reprocess: %s", reprocess.body()).isEqualTo(201);
            String taskId = JSON.readTree(reprocess.body()).path("taskId").asText();
            HttpResponse<String> task = stack.james().callWebAdmin("GET", "/tasks/" + taskId + "/await");
            assertThat(JSON.readTree(task.body()).path("status").asText()).as("task %s", task.body()).isEqualTo("completed");

            await().atMost(PATIENCE).untilAsserted(() ->
                assertDelivery(message(messageId), "later@partner.example", "DELIVERED", "2.0.0"));
            System.out.printf("[dsn-branches] reprocess to DELIVERED in %d ms (repository held %s)%n",
                (System.nanoTime() - reprocessedAt) / 1_000_000, waiting);
            JsonNode later = ReceiptsApi.recipient(message(messageId), "later@partner.example");
            System.out.println("[dsn-branches] later after reprocessing: " + later);
            assertThat(kinds(later)).as("timeline of later: %s", later.path("timeline"))
                .containsSubsequence("SUBMITTED", "DSN", "RELAYED");
            assertThat(RemoteMtaInterop.dsnStates(later)).as("timeline of later: %s", later.path("timeline"))
                .hasSize(2)
                .first().asString().startsWith("DELAYED");
            assertThat(RemoteMtaInterop.dsnStates(later).get(1)).isEqualTo("DELIVERED 2.0.0");
            assertThat(partner.delivered("later")).anySatisfy(raw -> assertThat(raw).contains(messageId));
            assertThat(repositoryKeys(TEMPORARY_PATH)).as("the temporary repository after reprocessing").isEmpty();
        } finally {
            keepEvidence("dsn-temporary", messageId);
        }
    }

    /** alice sends with this NOTIFY, RET=HDRS and an ENVID; returns the Message-ID. */
    private String send(String subject, String notify, String... recipients) throws Exception {
        String messageId = "<" + UUID.randomUUID() + "@corp.example>";
        alice.send(alice.parse("From: Alice <alice@corp.example>\r\n"
                + "To: " + String.join(", ", recipients) + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "See you there.\r\n"),
            new MailClient.Dsn(notify, "HDRS", "env-" + UUID.randomUUID()), recipients);
        return messageId;
    }

    private JsonNode message(String messageId) throws Exception {
        return api.message(messageId, alice.address(), Stack.DEMO_USERS.get(alice.address()))
            .orElseThrow(() -> new AssertionError("The API does not know " + messageId + " yet"));
    }

    private void assertDelivery(JsonNode message, String recipient, String state, String status) {
        JsonNode delivery = ReceiptsApi.recipient(message, recipient).path("delivery");
        assertThat(delivery.path("state").asText() + " " + delivery.path("status").asText())
            .as("delivery of %s in %s", recipient, message)
            .isEqualTo(state + " " + status);
    }

    private static List<String> kinds(JsonNode recipient) {
        List<String> kinds = new java.util.ArrayList<>();
        recipient.path("timeline").forEach(entry -> kinds.add(entry.path("kind").asText()));
        return kinds;
    }

    /** The keys of the mails in a James mail repository (WebAdmin), named by path. */
    private List<String> repositoryKeys(String repository) throws Exception {
        HttpResponse<String> response = stack.james().callWebAdmin("GET",
            "/mailRepositories/" + URLEncoder.encode(repository, StandardCharsets.UTF_8) + "/mails");
        if (response.statusCode() == 404) {
            return List.of(); // James creates a repository when it first stores a mail there
        }
        assertThat(response.statusCode()).as("%s: %s", repository, response.body()).isEqualTo(200);
        List<String> keys = new java.util.ArrayList<>();
        JSON.readTree(response.body()).forEach(key -> keys.add(key.asText()));
        return keys;
    }

    /** The first DSN in alice's INBOX that reports on this recipient of this message; kept as evidence. */
    private String report(String messageId, String recipient) throws Exception {
        Pattern finalRecipient = Pattern.compile("(?im)^Final-Recipient: *rfc822; *" + Pattern.quote(recipient) + "\\s*$");
        String found = await().atMost(PATIENCE).until(() -> alice.inbox().stream()
            .filter(raw -> raw.contains(messageId) && raw.contains("delivery-status") && finalRecipient.matcher(raw).find())
            .findFirst().orElse(null), raw -> raw != null);
        Files.writeString(Files.createDirectories(EVIDENCE).resolve(recipient + ".eml"), found, StandardCharsets.UTF_8);
        return found;
    }

    private void keepEvidence(String label, String messageId) throws Exception {
        Path evidence = Files.createDirectories(EVIDENCE);
        List<String> related = alice.inbox().stream().filter(raw -> raw.contains(messageId)).toList();
        for (int i = 0; i < related.size(); i++) {
            Files.writeString(evidence.resolve(label + "-inbox-" + (i + 1) + ".eml"), related.get(i), StandardCharsets.UTF_8);
        }
    }

    private static Pattern field(String name, String value) {
        return Pattern.compile("(?im)^" + name + ": *" + Pattern.quote(value) + "\\s*$");
    }
}
