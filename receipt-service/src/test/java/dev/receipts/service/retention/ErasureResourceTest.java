package dev.receipts.service.retention;

import static dev.receipts.service.retention.LegalHoldResourceTest.changing;
import static dev.receipts.service.retention.RetentionData.daysAgo;
import static dev.receipts.service.retention.RetentionData.unique;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.receipts.service.privacy.PseudonymTable;
import dev.receipts.service.privacy.Pseudonyms;
import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class ErasureResourceTest {
    static final String PATH = "/api/v1/admin/erasures";
    static final String ALICE = "alice@corp.example";

    @Inject
    RetentionData data;

    @Inject
    Pseudonyms pseudonyms;

    @Inject
    PseudonymTable pseudonymTable;

    /** Everything the tests seed about one address, so that the erased one and a kept one look alike. */
    private record Footprint(String address, String sentId, String heldId, String receivedId, String ownLedger,
                             String counterpartLedger, String rawEvent, String pendingEvent) {
    }

    private Footprint seed(String address, boolean holdOne) {
        String sentId = uniqueMessageId("sent");
        data.message(sentId, address, daysAgo(2), "bob@corp.example");
        String heldId = uniqueMessageId("held");
        data.message(heldId, address, daysAgo(2), "bob@corp.example", "someone@partner.example");
        if (holdOne) {
            changing().body(Map.of("kind", "MESSAGE", "value", heldId, "reason", "court order"))
                .post(LegalHoldResourceTest.PATH).then().statusCode(201);
        }
        String receivedId = uniqueMessageId("received");
        String envelope = data.message(receivedId, ALICE, daysAgo(2), address, "bob@corp.example");
        data.failure(envelope, address, daysAgo(1));
        String ownLedger = data.ledger(daysAgo(1), address, "partner@partner.example", uniqueMessageId("in"));
        String counterpartLedger = data.ledger(daysAgo(1), ALICE, "other@partner.example," + address.toUpperCase(),
            receivedId);
        String rawEvent = unique("raw");
        data.rejectedEvent(rawEvent, daysAgo(1), "{\"sender\":\"" + address.toUpperCase() + "\"}");
        String pendingEvent = unique("pending");
        data.pendingReport(pendingEvent, daysAgo(1), "rfc822;" + address.toUpperCase());
        data.receiptPolicy(address);
        pseudonymTable.remember(address);
        return new Footprint(address, sentId, heldId, receivedId, ownLedger, counterpartLedger, rawEvent, pendingEvent);
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void erasureShouldRemoveOrPseudonymiseEverythingAboutOneAddressAndNothingAboutAnother() {
        Footprint erased = seed(unique("gone") + "@corp.example", true);
        Footprint kept = seed(unique("kept") + "@corp.example", false);
        String p = pseudonyms.of(erased.address());
        long keptEvents = rawEventsMentioning(kept.address());

        JsonPath answer = changing().body(Map.of("address", " " + erased.address().toUpperCase() + " ",
                "reason", "GDPR art. 17 request #12"))
            .post(PATH)
            .then().statusCode(201)
            .body("addressPseudonym", equalTo(p)).body("status", equalTo("DONE"))
            .body("requestedBy", equalTo("admin@corp.example"))
            .extract().jsonPath();

        assertThat(answer.getMap("counts")).containsAllEntriesOf(Map.of(
            "messagesDeleted", 1, "messagesHeld", 1, "recipientsPseudonymised", 1, "recipientsHeld", 0,
            "ledgerPseudonymised", 2, "ledgerHeld", 0, "rejectedEventsDeleted", 1, "orphanReportsDeleted", 1,
            "receiptPolicyDeleted", 1, "pseudonymForgotten", true));
        assertThat(answer.getInt("counts.rawEventsDeleted")).isGreaterThanOrEqualTo(4);
        assertThat(answer.prettify()).doesNotContainIgnoringCase(erased.address());

        // erased: sent messages gone unless held; pseudonymised as a recipient and in the ledger; the rest deleted
        assertThat(messageCount(erased.sentId())).isZero();
        assertThat(messageCount(erased.heldId())).isEqualTo(1);
        assertThat(recipientAddresses(erased.heldId())).containsExactlyInAnyOrder("bob@corp.example",
            "someone@partner.example");
        assertThat(recipientAddresses(erased.receivedId())).containsExactlyInAnyOrder(p, "bob@corp.example");
        assertThat(details(erased.receivedId())).anySatisfy(d -> assertThat(d).contains(p))
            .noneSatisfy(d -> assertThat(d).containsIgnoringCase(erased.address()));
        assertThat(ledger(erased.ownLedger())).containsExactly(p, "partner@partner.example");
        assertThat(ledger(erased.counterpartLedger())).containsExactly(ALICE, "other@partner.example," + p);
        assertThat(rawEventsMentioning(erased.address())).isZero();
        assertThat(data.count("select count(*) from pending_report where event_id = ?1", erased.pendingEvent())).isZero();
        assertThat(data.count("select count(*) from receipt_policy where employee = ?1", erased.address())).isZero();
        assertThat(pseudonymTable.reveal(p)).isEmpty();
        assertThat(data.strings("select counts from erasure_request where address_pseudonym = ?1", p)).hasSize(1);
        assertThat(data.count("select count(*) from erasure_request where lower(reason) like ?1 or lower(counts) like ?1",
            "%" + erased.address() + "%")).isZero();
        assertThat(data.count("select count(*) from audit_log where action = 'ERASURE' and target = ?1", p)).isEqualTo(1);
        assertThat(data.count("select count(*) from audit_log where lower(target) like ?1 or lower(detail) like ?1",
            "%" + erased.address() + "%")).isZero();

        // kept: untouched
        assertThat(messageCount(kept.sentId())).isEqualTo(1);
        assertThat(messageCount(kept.heldId())).isEqualTo(1);
        assertThat(recipientAddresses(kept.receivedId())).containsExactlyInAnyOrder(kept.address(), "bob@corp.example");
        assertThat(details(kept.receivedId())).anySatisfy(d -> assertThat(d).contains(kept.address()));
        assertThat(ledger(kept.ownLedger())).containsExactly(kept.address(), "partner@partner.example");
        assertThat(ledger(kept.counterpartLedger()))
            .containsExactly(ALICE, "other@partner.example," + kept.address().toUpperCase());
        assertThat(rawEventsMentioning(kept.address())).isEqualTo(keptEvents).isPositive();
        assertThat(data.count("select count(*) from pending_report where event_id = ?1", kept.pendingEvent()))
            .isEqualTo(1);
        assertThat(data.count("select count(*) from receipt_policy where employee = ?1", kept.address())).isEqualTo(1);
        assertThat(pseudonymTable.reveal(pseudonyms.of(kept.address()))).contains(kept.address());

        given().get(PATH).then().statusCode(200).body("items.addressPseudonym", hasItem(p));
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void aHeldSenderShouldKeepTheirMessagesAndLedgerRows() {
        String address = unique("held-sender") + "@corp.example";
        Footprint held = seed(address, false);
        changing().body(Map.of("kind", "SENDER", "value", address, "reason", "investigation"))
            .post(LegalHoldResourceTest.PATH).then().statusCode(201);

        changing().body(Map.of("address", address, "reason", "request"))
            .post(PATH).then().statusCode(201)
            .body("counts.messagesDeleted", equalTo(0)).body("counts.messagesHeld", equalTo(2))
            .body("counts.ledgerHeld", equalTo(1));

        assertThat(messageCount(held.sentId())).isEqualTo(1);
        assertThat(ledger(held.ownLedger())).containsExactly(address, "partner@partner.example");
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void badErasuresShouldGet400() {
        changing().body(Map.of("address", "", "reason", "r")).post(PATH)
            .then().statusCode(400).body("error", equalTo("address is required"));
        changing().body(Map.of("reason", "r")).post(PATH)
            .then().statusCode(400).body("error", equalTo("address is required"));
        changing().body(Map.of("address", "x@corp.example")).post(PATH)
            .then().statusCode(400).body("error", equalTo("reason is required"));
        changing().body(Map.of("address", "nobody", "reason", "r")).post(PATH)
            .then().statusCode(400).body("error", equalTo("address is not an address: [nobody]"));
    }

    @Test
    void anonymousShouldGet401() {
        given().get(PATH).then().statusCode(401);
        changing().body(Map.of("address", "x@corp.example", "reason", "r")).post(PATH).then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "bob@corp.example", roles = "employee")
    void anEmployeeShouldGet403() {
        given().get(PATH).then().statusCode(403);
        changing().body(Map.of("address", "x@corp.example", "reason", "r")).post(PATH).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "carol@corp.example", roles = {"employee", "compliance"})
    void complianceShouldNotErase() {
        given().get(PATH).then().statusCode(403);
        changing().body(Map.of("address", "x@corp.example", "reason", "r")).post(PATH).then().statusCode(403);
    }

    private long messageCount(String messageId) {
        return data.count("select count(*) from sent_message where message_id = ?1", messageId);
    }

    private List<String> recipientAddresses(String messageId) {
        return data.strings("select r.address_norm from message_recipient r join sent_message m on m.id = r.message_id"
            + " where m.message_id = ?1", messageId);
    }

    private List<String> details(String messageId) {
        return data.strings("select t.detail from timeline_entry t join message_recipient r on r.id = t.recipient_id"
            + " join sent_message m on m.id = r.message_id where m.message_id = ?1 and t.detail is not null", messageId);
    }

    private List<String> ledger(String eventId) {
        Object[] row = data.rows("select employee, counterpart from consent_ledger where event_id = ?1", eventId).get(0);
        return List.of((String) row[0], (String) row[1]);
    }

    private long rawEventsMentioning(String address) {
        return data.count("select count(*) from ingested_event where lower(payload) like ?1", "%" + address + "%")
            + data.count("select count(*) from rejected_event where lower(payload) like ?1", "%" + address + "%");
    }
}
