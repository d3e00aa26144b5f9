package dev.receipts.service.correlation;

import static dev.receipts.service.support.Events.dsn;
import static dev.receipts.service.support.Events.dsnRecipient;
import static dev.receipts.service.support.Events.localDelivery;
import static dev.receipts.service.support.Events.mdn;
import static dev.receipts.service.support.Events.post;
import static dev.receipts.service.support.Events.submitted;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.receipts.contract.EnvelopeIds;
import dev.receipts.service.support.FakeImapResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/** Issue items 3-7: report log, MDN fallbacks, signed envelope ids, aliases, RELAYED, silence, domains, duplicates. */
@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
@TestSecurity(user = "alice@corp.example", roles = "employee")
class RealWorldCorrelationTest {
    static final String KEY = "test-envelope-id-key-0123456789";
    private static final String ALICE = "alice@corp.example";
    private static final String BOB = "bob@corp.example";

    @Inject
    ReportLog reportLog;

    @Inject
    SilenceService silence;

    private static String externalAddress(String label) {
        return label + "@" + domain();
    }

    private static String domain() {
        return "d" + UUID.randomUUID().toString().substring(0, 8) + ".example.net";
    }

    private static String signedEnvelopeId() {
        return new EnvelopeIds(KEY).sign(UUID.randomUUID().toString().replace("-", ""));
    }

    private Object[] logRow(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) reportLog.row(eventId).get(0));
    }

    private static JsonPath message(String id) {
        return given().queryParam("messageId", id).get("/api/v1/messages")
            .then().statusCode(200).body("items.size()", equalTo(1)).extract().jsonPath().setRootPath("items[0]");
    }

    private static Map<String, Object> relayed(String messageId, String envelopeId, String... recipients) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", UUID.randomUUID().toString());
        event.put("type", "RELAYED");
        event.put("node", "james-test");
        event.put("occurredAt", Instant.now().toString());
        event.put("mailName", "Mail" + System.nanoTime());
        event.put("messageId", messageId);
        event.put("envelopeId", envelopeId);
        event.put("sender", ALICE);
        event.put("recipients", List.of(recipients));
        event.put("remoteHost", null);
        event.put("dsnOffered", null);
        return event;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> remote(Map<String, Object> dsnEvent, String reportingMta, String arrivalDate) {
        Map<String, Object> dsn = (Map<String, Object>) dsnEvent.get("dsn");
        dsn.put("reportingMta", reportingMta);
        dsn.put("arrivalDate", arrivalDate);
        return dsnEvent;
    }

    @Test
    void aCorrelatedDsnShouldBeLoggedWithItsFieldsAndTheMessageAndOwner() {
        String id = uniqueMessageId("log");
        String env = signedEnvelopeId();
        String dave = externalAddress("dave");
        Map<String, Object> report = dsn(env, null, List.of(dsnRecipient(dave, dave, "delivered", "2.0.0", "smtp; 250")));
        post(submitted(id, ALICE, env, false, dave), report).statusCode(200);

        Object[] row = logRow((String) report.get("id"));
        assertThat(row[0]).isEqualTo("CORRELATED");
        assertThat(row[1]).isNotNull();
        assertThat(row[2]).isEqualTo(ALICE);
        assertThat(row[3]).isEqualTo("SIGNED_ENVELOPE");
        assertThat(row[4]).isEqualTo(false);
        assertThat((String) row[5]).contains("\"dsn\":{").contains("\"originalEnvelopeId\":\"" + env + "\"")
            .contains("\"mdn\":null").doesNotContain("machineReadable");
        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].delivery.state")).isEqualTo("DELIVERED");
        assertThat(message.getString("recipients[0].delivery.verification")).isEqualTo("SIGNED_ENVELOPE");
    }

    @Test
    void aPendingReportShouldBecomeCorrelatedWhenItsMessageArrivesAndAnOrphanWhenItCannot() {
        String id = uniqueMessageId("pending");
        Map<String, Object> early = mdn(id, BOB, BOB, "displayed");
        Map<String, Object> keyless = mdn(null, BOB, BOB, "displayed");
        post(early, keyless).statusCode(200);
        assertThat(logRow((String) early.get("id"))[0]).isEqualTo("PENDING");
        assertThat(logRow((String) keyless.get("id"))[0]).isEqualTo("ORPHAN");

        post(submitted(id, ALICE, null, true, BOB)).statusCode(200);

        Object[] row = logRow((String) early.get("id"));
        assertThat(row[0]).isEqualTo("CORRELATED");
        assertThat(row[2]).isEqualTo(ALICE);
        assertThat(row[3]).isEqualTo("AUTHENTICATED");
    }

    @Test
    void aReportStillPendingAfterOrphanAfterShouldBeShownAsAnOrphan() {
        Map<String, Object> waiting = mdn(uniqueMessageId("never"), BOB, BOB, "displayed");
        post(waiting).statusCode(200);

        silence.run(Instant.now().plus(Duration.ofDays(2)));

        assertThat(logRow((String) waiting.get("id"))[0]).isEqualTo("ORPHAN");
    }

    @Test
    void autoRepliesAndFeedbackReportsShouldBeLoggedAsNotApplicableAndChangeNothing() {
        String id = uniqueMessageId("auto");
        post(submitted(id, ALICE, null, true, BOB)).statusCode(200);
        Map<String, Object> autoReply = mdn(id, BOB, BOB, "displayed");
        autoReply.put("reportType", "auto-reply");
        autoReply.put("mdn", null);
        Map<String, Object> feedback = dsn(null, id, List.of());
        feedback.put("reportType", "feedback-report");
        feedback.put("dsn", null);
        post(autoReply, feedback).statusCode(200).body("accepted", equalTo(2));

        assertThat(logRow((String) autoReply.get("id"))[0]).isEqualTo("NOT_APPLICABLE");
        assertThat(logRow((String) feedback.get("id"))[0]).isEqualTo("NOT_APPLICABLE");
        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].delivery.state")).isEqualTo("ACCEPTED");
        assertThat(message.getString("recipients[0].disposition.state")).isEqualTo("NONE");
        assertThat(message.getList("recipients[0].timeline.kind")).containsExactly("SUBMITTED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNonStandardBounceShouldCorrelateLikeADsnAndBeMarkedHeuristic() {
        String id = uniqueMessageId("heuristic");
        String dave = externalAddress("dave");
        post(submitted(id, ALICE, null, false, dave)).statusCode(200);
        Map<String, Object> r = dsnRecipient(dave, null, "failed", "5.1.1", null);
        r.put("reason", "mailbox-unknown");
        r.put("statusText", "User unknown in virtual mailbox table");
        Map<String, Object> bounce = dsn(null, id, List.of(r));
        bounce.put("reportType", "non-standard-bounce");
        bounce.put("heuristic", true);
        post(bounce).statusCode(200);

        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].delivery.state")).isEqualTo("FAILED");
        assertThat(message.getBoolean("recipients[0].delivery.heuristic")).isTrue();
        assertThat(message.getString("recipients[0].delivery.diagnostic")).isEqualTo("User unknown in virtual mailbox table");
        assertThat(message.getBoolean("recipients[0].timeline[1].heuristic")).isTrue();
        assertThat(message.getString("recipients[0].timeline[1].detail")).contains("heuristic").contains("mailbox-unknown");
        Object[] row = logRow((String) bounce.get("id"));
        assertThat(row[0]).isEqualTo("CORRELATED");
        assertThat(row[4]).isEqualTo(true);
        assertThat(row[6]).isEqualTo("non-standard-bounce");
    }

    @Test
    void anMdnWithoutOriginalMessageIdShouldFallBackToInReplyToAndSaySoItIsWeaker() {
        String id = uniqueMessageId("outlook");
        post(submitted(id, ALICE, null, true, BOB)).statusCode(200);
        Map<String, Object> outlook = mdn(null, BOB, null, "displayed");
        outlook.put("inReplyTo", id);
        post(outlook).statusCode(200);

        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].disposition.state")).isEqualTo("DISPLAYED");
        assertThat(message.getString("recipients[0].disposition.match")).isEqualTo("IN_REPLY_TO");
        assertThat(message.getString("recipients[0].timeline[1].detail"))
            .contains("no Original-Message-ID: matched by In-Reply-To, a weaker match");
    }

    @Test
    void anMdnWithoutOriginalMessageIdOrInReplyToShouldFallBackToReferencesThenReturnedHeaders() {
        String byReferences = uniqueMessageId("samsung");
        String byReturned = uniqueMessageId("returned");
        post(submitted(byReferences, ALICE, null, true, BOB), submitted(byReturned, ALICE, null, true, BOB))
            .statusCode(200);
        Map<String, Object> samsung = mdn(null, BOB, null, "displayed");
        samsung.put("references", "<older@elsewhere.example> " + byReferences);
        Map<String, Object> returned = mdn(null, BOB, null, "displayed");
        returned.put("mdn", new HashMap<>((Map<?, ?>) returned.get("mdn")));
        @SuppressWarnings("unchecked")
        Map<String, Object> mdnPart = (Map<String, Object>) returned.get("mdn");
        mdnPart.put("returnedMessageId", byReturned);
        post(samsung, returned).statusCode(200);

        assertThat(message(byReferences).getString("recipients[0].disposition.match")).isEqualTo("REFERENCES");
        assertThat(message(byReturned).getString("recipients[0].disposition.match")).isEqualTo("RETURNED_HEADERS");
        assertThat(message(byReturned).getString("recipients[0].disposition.state")).isEqualTo("DISPLAYED");
    }

    @Test
    void anMdnWithOriginalMessageIdShouldSayItMatchedByIt() {
        String id = uniqueMessageId("standard");
        post(submitted(id, ALICE, null, true, BOB), mdn(id, BOB, BOB, "displayed")).statusCode(200);

        assertThat(message(id).getString("recipients[0].disposition.match")).isEqualTo("ORIGINAL_MESSAGE_ID");
    }

    @Test
    void aForgedDsnShouldChangeNoStateAndBeFlaggedToTheOwnerAndInTheLog() {
        String id = uniqueMessageId("forged");
        String env = signedEnvelopeId();
        String dave = externalAddress("dave");
        post(submitted(id, ALICE, env, false, dave)).statusCode(200);
        String forgedId = env.substring(0, env.length() - 4) + "0000";
        if (forgedId.equals(env)) {
            forgedId = env.substring(0, env.length() - 4) + "1111";
        }
        Map<String, Object> forged = dsn(forgedId, id, List.of(dsnRecipient(dave, dave, "delivered", "2.0.0", null)));
        post(forged).statusCode(200);

        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].delivery.state")).isEqualTo("ACCEPTED");
        assertThat(message.getList("recipients[0].flags")).containsExactly("FORGED_REPORT");
        assertThat(message.getString("recipients[0].timeline[1].state")).isEqualTo("FORGED");
        assertThat(message.getString("recipients[0].timeline[1].detail")).contains("forged report ignored");
        Object[] row = logRow((String) forged.get("id"));
        assertThat(row[0]).isEqualTo("FORGED");
        assertThat(row[3]).isEqualTo("FORGED");
    }

    @Test
    void aMalformedIdWithOurPrefixShouldBeForgedAndAnIdOfTheSubmittersOwnUnverified() {
        assertThat(EnvelopeIds.check("rcpt.123", java.util.Optional.of(KEY))).isEqualTo(EnvelopeIds.Check.FORGED);
        assertThat(EnvelopeIds.check("env-1", java.util.Optional.of(KEY))).isEqualTo(EnvelopeIds.Check.NOT_OURS);
        assertThat(EnvelopeIds.check(signedEnvelopeId(), java.util.Optional.of(KEY))).isEqualTo(EnvelopeIds.Check.VALID);
        assertThat(EnvelopeIds.check(signedEnvelopeId(), java.util.Optional.of("another-key-0123456789")))
            .isEqualTo(EnvelopeIds.Check.FORGED);
        assertThat(EnvelopeIds.check(signedEnvelopeId(), java.util.Optional.empty()))
            .isEqualTo(EnvelopeIds.Check.UNCHECKED);
    }

    @Test
    void aDeliveryToAnAliasShouldCountForTheAddressTheSenderWroteAndSoShouldItsDsn() {
        String id = uniqueMessageId("alias");
        String env = signedEnvelopeId();
        String sales = "sales-" + UUID.randomUUID().toString().substring(0, 6) + "@corp.example";
        post(submitted(id, ALICE, env, false, sales)).statusCode(200);
        post(localDelivery(id, BOB)).statusCode(200);
        // James's own DSN names the rewritten address and no Original-Recipient.
        post(dsn(env, id, List.of(dsnRecipient(BOB, null, "delivered", "2.0.0", null)))).statusCode(200);

        JsonPath message = message(id);
        assertThat(message.getList("recipients.address")).containsExactly(sales);
        assertThat(message.getString("recipients[0].delivery.state")).isEqualTo("DELIVERED");
        assertThat(message.getList("recipients[0].timeline.kind")).containsExactly("SUBMITTED", "LOCAL_DELIVERY", "DSN");
        assertThat(message.getString("recipients[0].timeline[1].detail")).contains(BOB).contains("rewritten by James");
    }

    @Test
    void aRemoteDelayedAfterRelayedShouldShowDelayedAndARemoteDeliveredEndIt() {
        String id = uniqueMessageId("relay");
        String env = signedEnvelopeId();
        String dave = externalAddress("dave");
        post(submitted(id, ALICE, env, false, dave)).statusCode(200);
        post(relayed(id, env, dave)).statusCode(200);
        post(remote(dsn(env, id, List.of(dsnRecipient(dave, dave, "delayed", "4.4.1", null))), "dns; mx.remote", "a"))
            .statusCode(200);
        assertThat(message(id).getString("recipients[0].delivery.state")).isEqualTo("DELAYED");
        assertThat(message(id).getString("recipients[0].delivery.status")).isEqualTo("4.4.1");

        post(remote(dsn(env, id, List.of(dsnRecipient(dave, dave, "delivered", "2.0.0", null))), "dns; mx.remote", "b"))
            .statusCode(200);

        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].delivery.state")).isEqualTo("DELIVERED");
        assertThat(message.getList("recipients[0].timeline.state")).containsExactly("ACCEPTED", "RELAYED", "DELAYED",
            "DELIVERED");
    }

    @Test
    void delayedThenDeliveredThenALateDelayedShouldStayDeliveredAndKeepAll() {
        String id = uniqueMessageId("order");
        String env = signedEnvelopeId();
        String dave = externalAddress("dave");
        post(submitted(id, ALICE, env, false, dave)).statusCode(200);
        post(remote(dsn(env, id, List.of(dsnRecipient(dave, dave, "delayed", "4.4.1", null))), "dns; mx", "t1"),
            remote(dsn(env, id, List.of(dsnRecipient(dave, dave, "delivered", "2.0.0", null))), "dns; mx", "t2"),
            remote(dsn(env, id, List.of(dsnRecipient(dave, dave, "delayed", "4.4.1", null))), "dns; mx", "t3"))
            .statusCode(200);

        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].delivery.state")).isEqualTo("DELIVERED");
        assertThat(message.getList("recipients[0].timeline.state")).containsExactly("ACCEPTED", "DELAYED", "DELIVERED",
            "DELAYED");
    }

    @Test
    void aDuplicateEventAndTheSameReportUnderANewEventIdShouldCountOnce() {
        String id = uniqueMessageId("dup");
        String env = signedEnvelopeId();
        String dave = externalAddress("dave");
        post(submitted(id, ALICE, env, false, dave)).statusCode(200);
        Map<String, Object> failed = remote(dsn(env, id, List.of(dsnRecipient(dave, dave, "failed", "5.1.1", null))),
            "dns; mx.remote", "Mon, 23 Nov 2026 10:00:00 +0000");
        Map<String, Object> resent = new LinkedHashMap<>(failed);
        resent.put("id", UUID.randomUUID().toString());

        post(failed, failed).statusCode(200).body("accepted", equalTo(1)).body("duplicates", equalTo(1));
        post(resent).statusCode(200).body("accepted", equalTo(1));

        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].delivery.state")).isEqualTo("FAILED");
        assertThat(message.getList("recipients[0].timeline.state")).containsExactly("ACCEPTED", "FAILED");
        assertThat(logRow((String) resent.get("id"))[0]).isEqualTo("CORRELATED");
    }

    @Test
    void silenceShouldSayNoReportIsExpectedWithTheReasonBesideTheState() {
        String relayedId = uniqueMessageId("quiet");
        String dave = externalAddress("dave");
        post(submitted(relayedId, ALICE, null, true, dave), relayed(relayedId, null, dave)).statusCode(200);

        silence.run(Instant.now().plus(Duration.ofDays(3)));

        JsonPath message = message(relayedId);
        assertThat(message.getString("recipients[0].delivery.state")).isEqualTo("RELAYED");
        assertThat(message.getString("recipients[0].delivery.silence.state")).isEqualTo("NO_REPORT_EXPECTED");
        assertThat(message.getString("recipients[0].delivery.silence.reason"))
            .isEqualTo("relayed: the remote host accepted the message and said nothing within 2 days");
        assertThat(message.getString("recipients[0].disposition.silence")).isNull();

        silence.run(Instant.now().plus(Duration.ofDays(15)));

        message = message(relayedId);
        assertThat(message.getString("recipients[0].disposition.state")).isEqualTo("NONE");
        assertThat(message.getString("recipients[0].disposition.silence.reason"))
            .isEqualTo("no read receipt within 14 days: unknown, not unread");
        assertThat(message.getList("recipients[0].timeline.kind")).containsExactly("SUBMITTED", "RELAYED", "SILENCE",
            "SILENCE");
    }

    @Test
    void aReportAfterTheSilenceShouldEndIt() {
        String id = uniqueMessageId("late");
        String env = signedEnvelopeId();
        String dave = externalAddress("dave");
        post(submitted(id, ALICE, env, false, dave)).statusCode(200);
        silence.run(Instant.now().plus(Duration.ofDays(3)));
        assertThat(message(id).getString("recipients[0].delivery.silence.reason")).isEqualTo("no report within 2 days");

        post(dsn(env, id, List.of(dsnRecipient(dave, dave, "delivered", "2.0.0", null)))).statusCode(200);

        assertThat(message(id).getString("recipients[0].delivery.silence")).isNull();
        assertThat(message(id).getString("recipients[0].delivery.state")).isEqualTo("DELIVERED");
    }

    @Test
    void noDsnRequestedShouldBeTheReason() {
        assertThat(SilenceService.words(Duration.ofDays(2))).isEqualTo("2 days");
        assertThat(SilenceService.words(Duration.ofHours(1))).isEqualTo("1 hour");
        String id = uniqueMessageId("nodsn");
        String dave = externalAddress("dave");
        Map<String, Object> event = submitted(id, ALICE, null, false, dave);
        @SuppressWarnings("unchecked")
        Map<String, Object> r = ((List<Map<String, Object>>) event.get("recipients")).get(0);
        r.put("notify", List.of());
        post(event).statusCode(200);

        silence.run(Instant.now().plus(Duration.ofDays(3)));

        assertThat(message(id).getString("recipients[0].delivery.silence.reason"))
            .isEqualTo("no DSN requested, and no report within 2 days");
    }

    @Test
    void domainStatsShouldCountWhatTheDomainHasDoneAndShowBesideEachRecipient() {
        String domain = domain();
        String first = uniqueMessageId("dom");
        String second = uniqueMessageId("dom");
        String env = signedEnvelopeId();
        String erin = "erin@" + domain;
        Map<String, Object> submittedFirst = submitted(first, ALICE, env, true, erin);
        submittedFirst.put("occurredAt", Instant.now().minus(Duration.ofMinutes(10)).toString());
        post(submittedFirst, submitted(second, ALICE, null, true, erin)).statusCode(200);
        post(dsn(env, first, List.of(dsnRecipient(erin, erin, "delivered", "2.0.0", null))),
            mdn(first, erin, null, "displayed")).statusCode(200);

        JsonPath stats = given().get("/api/v1/domains/" + domain.toUpperCase()).then().statusCode(200)
            .extract().jsonPath();
        assertThat(stats.getString("domain")).isEqualTo(domain);
        assertThat(stats.getLong("messagesSent")).isEqualTo(2);
        assertThat(stats.getLong("dsnSeen")).isEqualTo(1);
        assertThat(stats.getString("lastDsnAt")).isNotNull();
        assertThat(stats.getLong("mdnsReturned")).isEqualTo(1);
        assertThat(stats.getInt("receiptSamples")).isEqualTo(1);
        assertThat(Duration.parse(stats.getString("medianTimeToReceipt"))).isBetween(Duration.ofMinutes(9),
            Duration.ofMinutes(11));

        JsonPath message = message(second);
        assertThat(message.getString("recipients[0].domain.name")).isEqualTo(domain);
        assertThat(message.getLong("recipients[0].domain.dsnSeen")).isEqualTo(1);
        assertThat(message.getLong("recipients[0].domain.mdnsReturned")).isEqualTo(1);
        assertThat(message.getString("recipients[0].domain.medianTimeToReceipt")).startsWith("PT");

        given().get("/api/v1/domains/never-" + domain).then().statusCode(200).body("messagesSent", equalTo(0));
        given().get("/api/v1/domains/bad domain!").then().statusCode(400);
    }

    @Test
    void aRelayedEventShouldBeValidatedStrictly() {
        Map<String, Object> bad = relayed(uniqueMessageId("bad"), null, BOB);
        bad.put("dsnOffered", "yes");
        Map<String, Object> empty = relayed(uniqueMessageId("bad"), null);
        post(bad, empty).statusCode(200).body("rejected", equalTo(2));
    }
}
