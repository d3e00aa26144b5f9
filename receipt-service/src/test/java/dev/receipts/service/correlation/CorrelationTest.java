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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.receipts.contract.MessageIds;
import dev.receipts.service.message.MessageRecipient;
import dev.receipts.service.message.MessageRepository;
import dev.receipts.service.message.SentMessage;
import dev.receipts.service.support.FakeImapResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
@TestSecurity(user = "alice@corp.example", roles = "employee")
class CorrelationTest {
    private static final String ALICE = "alice@corp.example";
    private static final String BOB = "bob@corp.example";
    private static final String DAVE = "dave@example.net";

    @Inject
    MessageRepository messages;

    @Inject
    CorrelationSweep sweep;

    @Test
    void submittedShouldCreateOneAcceptedRecipientPerEnvelopeRecipient() {
        String id = uniqueMessageId("submit");
        post(submitted(id, ALICE, "env-" + UUID.randomUUID(), true, BOB, DAVE)).statusCode(200);

        JsonPath message = message(id);
        assertThat(message.getString("messageId")).isEqualTo(id);
        assertThat(message.getString("sender")).isEqualTo(ALICE);
        assertThat(message.getList("recipients.address")).containsExactly(BOB, DAVE);
        assertThat(message.getList("recipients.delivery.state")).containsExactly("ACCEPTED", "ACCEPTED");
        assertThat(message.getList("recipients.disposition.state")).containsExactly("NONE", "NONE");
        assertThat(message.getList("recipients.disposition.verification")).containsExactly("NONE", "NONE");
        assertThat(message.getList("recipients.requested.mdn")).containsExactly(true, true);
        assertThat(message.getList("recipients[0].requested.notify")).containsExactly("SUCCESS", "FAILURE", "DELAY");
        assertThat(message.getList("recipients[0].timeline.kind")).containsExactly("SUBMITTED");
    }

    @Test
    void messageIdLookupShouldIgnoreBracketsCommentsAndDomainCase() {
        String id = uniqueMessageId("norm");
        post(submitted(id, ALICE, null, false, BOB)).statusCode(200);

        String variant = " (sent by alice) " + id.replace("@Corp.Example>", "@CORP.EXAMPLE >");
        given().queryParam("messageId", variant).get("/api/v1/messages")
            .then().statusCode(200).body("items.size()", equalTo(1));
        given().queryParam("messageId", id.replace("<norm-", "<NORM-")).get("/api/v1/messages")
            .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void localDeliveryShouldMarkTheRecipientDelivered() {
        String id = uniqueMessageId("local");
        post(submitted(id, ALICE, null, false, BOB, DAVE), localDelivery(id, "BOB@corp.example")).statusCode(200);

        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].delivery.state")).isEqualTo("DELIVERED");
        assertThat(message.getString("recipients[0].delivery.status")).isEqualTo("2.0.0");
        assertThat(message.getString("recipients[0].timeline[1].detail")).isEqualTo("stored in the local mailbox");
        assertThat(message.getString("recipients[1].delivery.state")).isEqualTo("ACCEPTED");
    }

    @Test
    void mdnShouldMarkTheRecipientDisplayedAndAuthenticatedWhenSentByTheRecipient() {
        String id = uniqueMessageId("mdn");
        post(submitted(id, ALICE, null, true, BOB), mdn(id, BOB, BOB, "displayed")).statusCode(200);

        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].disposition.state")).isEqualTo("DISPLAYED");
        assertThat(message.getString("recipients[0].disposition.verification")).isEqualTo("AUTHENTICATED");
        assertThat(message.getString("recipients[0].disposition.at")).isNotNull();
        assertThat(message.getList("recipients[0].timeline.kind")).containsExactly("SUBMITTED", "MDN");
    }

    @Test
    void mdnShouldBeUnverifiedWhenTheReporterDidNotAuthenticateAsTheRecipient() {
        String id = uniqueMessageId("forged");
        post(submitted(id, ALICE, null, true, BOB), mdn(id, BOB, "mallory@corp.example", "deleted")).statusCode(200);

        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].disposition.state")).isEqualTo("DELETED");
        assertThat(message.getString("recipients[0].disposition.verification")).isEqualTo("UNVERIFIED");
    }

    @Test
    void mdnWithALegacyDispositionTypeShouldKeepItLowerCase() {
        String id = uniqueMessageId("denied");
        post(submitted(id, ALICE, null, true, BOB), mdn(id, BOB, BOB, "denied")).statusCode(200);

        assertThat(message(id).getString("recipients[0].disposition.state")).isEqualTo("denied");
    }

    @Test
    void dsnShouldBeCorrelatedByEnvelopeIdForEachOfItsRecipients() {
        String id = uniqueMessageId("envid");
        String envelopeId = "env-" + UUID.randomUUID();
        post(submitted(id, ALICE, envelopeId, false, BOB, DAVE),
            dsn(envelopeId, null, List.of(
                dsnRecipient("bob@corp.example", "bob@corp.example", "delivered", "2.0.0", "smtp; 250 OK"),
                dsnRecipient("dave@mx.example.net", "rfc822;dave@example.net", "failed", "5.1.1",
                    "smtp; 550 5.1.1 no such user")))).statusCode(200);

        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].delivery.state")).isEqualTo("DELIVERED");
        assertThat(message.getString("recipients[1].delivery.state")).isEqualTo("FAILED");
        assertThat(message.getString("recipients[1].delivery.status")).isEqualTo("5.1.1");
        assertThat(message.getString("recipients[1].delivery.diagnostic")).isEqualTo("smtp; 550 5.1.1 no such user");
        assertThat(message.getList("recipients[1].timeline.kind")).containsExactly("SUBMITTED", "DSN");
    }

    @Test
    void dsnShouldBeCorrelatedByReturnedMessageIdWhenItHasNoEnvelopeId() {
        String id = uniqueMessageId("returned");
        post(submitted(id, ALICE, null, false, BOB, DAVE),
            dsn(null, id.toLowerCase(), List.of(
                dsnRecipient("bob@mx.corp.example", "BOB@corp.example", "relayed", "2.0.0", null),
                dsnRecipient("dave@example.net", null, "delayed", "4.4.1", "smtp; 421 try later")))).statusCode(200);

        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].delivery.state")).isEqualTo("RELAYED");
        assertThat(message.getString("recipients[1].delivery.state")).isEqualTo("DELAYED");
        assertThat(message.getString("recipients[1].delivery.status")).isEqualTo("4.4.1");
    }

    @Test
    void dsnShouldMatchAnXtextEncodedOriginalRecipient() {
        String id = uniqueMessageId("xtext");
        String envelopeId = "env-" + UUID.randomUUID();
        post(submitted(id, ALICE, envelopeId, false, "bob+news@corp.example"),
            dsn(envelopeId, null, List.of(
                dsnRecipient("bob@corp.example", "bob+2Bnews@corp.example", "expanded", "2.0.0", null)))).statusCode(200);

        assertThat(message(id).getString("recipients[0].delivery.state")).isEqualTo("EXPANDED");
    }

    @Test
    void reportsBeforeTheirMessageShouldBeAppliedInArrivalOrderWhenTheMessageArrives() {
        String id = uniqueMessageId("early");
        String envelopeId = "env-" + UUID.randomUUID();
        // Seen first by James, but its event reaches the service last (another node, a retry).
        Map<String, Object> submitted = submitted(id, ALICE, envelopeId, true, BOB, DAVE);
        post(dsn(envelopeId, null, List.of(dsnRecipient(DAVE, DAVE, "delayed", "4.4.1", "smtp; 421 later"))),
            mdn(id, BOB, BOB, "displayed"),
            localDelivery(id, BOB)).statusCode(200).body("accepted", equalTo(3));
        given().queryParam("messageId", id).get("/api/v1/messages").then().statusCode(200).body("items.size()", equalTo(0));

        post(submitted).statusCode(200);

        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].delivery.state")).isEqualTo("DELIVERED");
        assertThat(message.getString("recipients[0].disposition.state")).isEqualTo("DISPLAYED");
        assertThat(message.getList("recipients[0].timeline.kind")).containsExactly("SUBMITTED", "MDN", "LOCAL_DELIVERY");
        assertThat(message.getString("recipients[1].delivery.state")).isEqualTo("DELAYED");
    }

    @Test
    void aLaterDeliveredReportShouldReplaceDelayed() {
        String id = uniqueMessageId("delayed-then-delivered");
        String envelopeId = "env-" + UUID.randomUUID();
        post(submitted(id, ALICE, envelopeId, false, DAVE),
            dsn(envelopeId, null, List.of(dsnRecipient(DAVE, DAVE, "delayed", "4.4.1", "smtp; 421 later"))),
            dsn(envelopeId, null, List.of(dsnRecipient(DAVE, DAVE, "delivered", "2.0.0", "smtp; 250 OK")))).statusCode(200);

        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].delivery.state")).isEqualTo("DELIVERED");
        assertThat(message.getList("recipients[0].timeline.state")).containsExactly("ACCEPTED", "DELAYED", "DELIVERED");
    }

    @Test
    void aLateDelayedReportShouldNotReplaceDeliveredButStayInTheTimeline() {
        String id = uniqueMessageId("delivered-then-delayed");
        String envelopeId = "env-" + UUID.randomUUID();
        post(submitted(id, ALICE, envelopeId, false, DAVE),
            dsn(envelopeId, null, List.of(dsnRecipient(DAVE, DAVE, "delivered", "2.0.0", "smtp; 250 OK"))),
            dsn(envelopeId, null, List.of(dsnRecipient(DAVE, DAVE, "delayed", "4.4.1", "smtp; 421 later")))).statusCode(200);

        JsonPath message = message(id);
        assertThat(message.getString("recipients[0].delivery.state")).isEqualTo("DELIVERED");
        assertThat(message.getString("recipients[0].delivery.status")).isEqualTo("2.0.0");
        assertThat(message.getList("recipients[0].timeline.state")).containsExactly("ACCEPTED", "DELIVERED", "DELAYED");
    }

    @Test
    void sweepShouldApplyAPendingReportWhoseMessageWasStoredConcurrently() {
        String id = uniqueMessageId("sweep");
        post(mdn(id, BOB, BOB, "displayed")).statusCode(200);
        // As if the SUBMITTED event committed in another transaction that could not yet see the pending report.
        QuarkusTransaction.requiringNew().run(() -> {
            SentMessage message = new SentMessage(id, MessageIds.normalizeOrNull(id), ALICE, ALICE, null,
                Instant.now(), UUID.randomUUID().toString());
            messages.persist(message);
            messages.flush();
            messages.persist(new MessageRecipient(message.id(), 0, BOB, BOB, null, null, true, List.of(), Instant.now()));
        });
        assertThat(message(id).getString("recipients[0].disposition.state")).isEqualTo("NONE");

        assertThat(sweep.sweep()).isGreaterThanOrEqualTo(1);

        assertThat(message(id).getString("recipients[0].disposition.state")).isEqualTo("DISPLAYED");
    }

    private static JsonPath message(String messageId) {
        JsonPath body = given().queryParam("messageId", messageId).get("/api/v1/messages")
            .then().statusCode(200).extract().jsonPath();
        assertThat(body.getList("items")).hasSize(1);
        return body.setRootPath("items[0]");
    }

}
