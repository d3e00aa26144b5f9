package dev.receipts.service.consent;

import static dev.receipts.service.support.Api.api;
import static dev.receipts.service.support.Events.localDelivery;
import static dev.receipts.service.support.Events.localDeliveryWithMdnRequest;
import static dev.receipts.service.support.Events.mdnDecision;
import static dev.receipts.service.support.Events.pixels;
import static dev.receipts.service.support.Events.post;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.receipts.service.ingest.IngestRepository;
import dev.receipts.service.ingest.RejectedEvent;
import dev.receipts.service.support.FakeImapResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class ConsentIngestTest {
    @Inject
    EntityManager em;

    @Inject
    IngestRepository repository;

    @Test
    @TestSecurity(user = "leo@corp.example", roles = "employee")
    void anMdnDecisionShouldBecomeOneLedgerRowForItsAuthorOnlyOnce() {
        String original = uniqueMessageId("asked");
        Map<String, Object> event = mdnDecision("Leo@Corp.Example", "EXTERNAL", "STOPPED", "ORGANISATION", "NEVER",
            original, "partner@example.net", "other@example.org");

        post(event).statusCode(200).body("accepted", equalTo(1));
        post(event).statusCode(200).body("duplicates", equalTo(1));

        JsonPath ledger = given().get("/api/v1/me/ledger").then().statusCode(200).extract().jsonPath();
        assertThat(ledger.getList("items")).hasSize(1);
        assertThat(ledger.getString("items[0].kind")).isEqualTo("MDN_STOPPED");
        assertThat(ledger.getString("items[0].counterpart")).isEqualTo("partner@example.net,other@example.org");
        assertThat(ledger.getString("items[0].audience")).isEqualTo("EXTERNAL");
        assertThat(ledger.getString("items[0].decision")).isEqualTo("STOPPED");
        assertThat(ledger.getString("items[0].originalMessageId")).isEqualTo(original);
        assertThat(ledger.getString("items[0].disposition")).isEqualTo("displayed");
        assertThat(ledger.getString("items[0].policy.source")).isEqualTo("ORGANISATION");
        assertThat(ledger.getString("items[0].policy.choice")).isEqualTo("NEVER");
        assertThat(ledger.getString("items[0].policy.version")).isEqualTo("v-organisation");
        assertThat(ledger.getString("items[0].detail")).contains("notice");
        assertThat(ledger.getString("items[0].at")).isNotBlank();
    }

    @Test
    @TestSecurity(user = "mia@corp.example", roles = "employee")
    void theLedgerShouldShowNewestFirstAndMapEveryDecision() {
        Map<String, Object> sent = mdnDecision("mia@corp.example", "INTERNAL", "SENT", "EMPLOYEE", "ALWAYS", null,
            "bob@corp.example");
        sent.put("occurredAt", "2026-01-01T10:00:00Z");
        Map<String, Object> left = mdnDecision("mia@corp.example", "EXTERNAL", "LEFT_TO_CLIENT", "DEFAULT", "ASK", null,
            "x@example.net");
        left.put("occurredAt", "2026-01-02T10:00:00Z");
        ((Map<String, Object>) left.get("policy")).put("version", null);
        post(sent, left).statusCode(200).body("accepted", equalTo(2));

        given().queryParam("size", 10).get("/api/v1/me/ledger").then().statusCode(200)
            .body("items.kind", equalTo(List.of("MDN_LEFT_TO_CLIENT", "MDN_SENT")))
            .body("items[0].policy.version", equalTo(null))
            .body("page", equalTo(0)).body("size", equalTo(10));
        given().queryParam("size", 0).get("/api/v1/me/ledger").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "nina@corp.example", roles = "employee")
    void aDeliveryAskingForAReceiptShouldRecordARequestPerRecipientWithWhatThePolicyWillDo() {
        api().body(Map.of("internal", "ASK", "external", "NEVER")).put("/api/v1/me/policy").then().statusCode(200);
        String id = uniqueMessageId("request");

        post(localDeliveryWithMdnRequest(id, "Partner <Partner@Example.NET>", "EXTERNAL", "nina@corp.example",
            "oscar@corp.example", "NINA@corp.example")).statusCode(200).body("accepted", equalTo(1));

        JsonPath mine = given().get("/api/v1/me/ledger").then().statusCode(200).extract().jsonPath();
        assertThat(mine.getList("items")).hasSize(1);
        assertThat(mine.getString("items[0].kind")).isEqualTo("REQUEST_RECEIVED");
        assertThat(mine.getString("items[0].counterpart")).isEqualTo("partner@example.net");
        assertThat(mine.getString("items[0].decision")).isEqualTo("WILL_STOP");
        assertThat(mine.getString("items[0].policy.source")).isEqualTo("EMPLOYEE");
        assertThat(mine.getString("items[0].policy.choice")).isEqualTo("NEVER");
        assertThat(mine.getString("items[0].policy.version")).hasSize(32);
        assertThat(mine.getString("items[0].originalMessageId")).isEqualTo(id);
        List<Object[]> oscar = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select decision, policy_source, policy_choice from consent_ledger where employee = 'oscar@corp.example'")
            .getResultList());
        assertThat(oscar).hasSize(1);
        assertThat(oscar.get(0)).containsExactly("LEFT_TO_CLIENT", "DEFAULT", "ASK");
    }

    @Test
    void oldEventsWithoutTheNewFieldsShouldStayValid() {
        post(localDelivery(uniqueMessageId("old"), "bob@corp.example")).statusCode(200)
            .body("accepted", equalTo(1)).body("rejected", equalTo(0));
    }

    @Test
    void pixelsShouldBeCountedForCompliance() {
        String domain = "tracker-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        post(pixels("INCOMING", domain, 2, "bob@corp.example"), pixels("INCOMING", domain, 3, "alice@corp.example"),
            pixels("OUTGOING", domain, 1, "x@example.net")).statusCode(200).body("accepted", equalTo(3));

        JsonPath summary = given().auth().preemptive().basic(FakeImapResource.CAROL, FakeImapResource.CAROL_PASSWORD)
            .get("/api/v1/compliance/pixels?days=30").then().statusCode(200).extract().jsonPath();
        assertThat(summary.getInt("days")).isEqualTo(30);
        assertThat(summary.getLong("totals.pixels")).isGreaterThanOrEqualTo(6);
        assertThat(summary.getInt("rows.find { it.senderDomain == '" + domain + "' && it.direction == 'INCOMING' }.messages"))
            .isEqualTo(2);
        assertThat(summary.getInt("rows.find { it.senderDomain == '" + domain + "' && it.direction == 'INCOMING' }.pixels"))
            .isEqualTo(5);
        assertThat(summary.getInt("rows.find { it.senderDomain == '" + domain + "' && it.direction == 'OUTGOING' }.pixels"))
            .isEqualTo(1);
        given().auth().preemptive().basic(FakeImapResource.CAROL, FakeImapResource.CAROL_PASSWORD)
            .get("/api/v1/compliance/pixels?days=0").then().statusCode(400);
    }

    /** A missing author and over-long values are not malformed: NoEventFailsTheBatchTest, FieldLimitsIngestTest. */
    @Test
    void malformedConsentEventsShouldBeRejectedWithPreciseReasons() {
        assertRejected(e -> e.put("decision", "MAYBE"), "'decision' must be SENT, STOPPED or LEFT_TO_CLIENT, got [MAYBE]");
        assertRejected(e -> e.put("audience", "external"), "'audience' must be INTERNAL or EXTERNAL");
        assertRejected(e -> e.put("recipients", List.of()), "'recipients' must name at least one address");
        assertRejected(e -> e.put("recipients", List.of(42)), "'recipients' entries must be addresses, got [42]");
        assertRejected(e -> e.put("policy", "NEVER"), "'policy' must be an object");
        assertRejected(e -> ((Map<String, Object>) e.get("policy")).put("choice", "SOMETIMES"),
            "'policy.choice' must be ALWAYS, NEVER or ASK");
        assertRejected(e -> e.put("noticeSent", "yes"), "'noticeSent' must be true or false");
    }

    @Test
    void malformedPixelsAndDeliveryRequestsShouldBeRejectedWithPreciseReasons() {
        Map<String, Object> zero = pixels("INCOMING", "t.example", 0, "bob@corp.example");
        Map<String, Object> direction = pixels("SIDEWAYS", "t.example", 1, "bob@corp.example");
        Map<String, Object> reasons = pixels("INCOMING", "t.example", 1, "bob@corp.example");
        reasons.put("reasons", Map.of("TINY", -1));
        Map<String, Object> request = localDeliveryWithMdnRequest(uniqueMessageId("bad"), "p@example.net", "EXTERNAL",
            "bob@corp.example");
        request.put("mdnRequest", Map.of("header", "Disposition-Notification-To", "address", "p@example.net"));
        post(zero, direction, reasons, request).statusCode(200).body("rejected", equalTo(4));

        assertThat(reasonOf(zero)).startsWith("'count' must be an integer of at least 1, got [0]");
        assertThat(reasonOf(direction)).startsWith("'direction' must be INCOMING or OUTGOING");
        assertThat(reasonOf(reasons)).contains("must be a non-negative integer, got [-1]");
        assertThat(reasonOf(request)).startsWith("'mdnRequest.audience' must be INTERNAL or EXTERNAL, got [missing]");
    }

    private void assertRejected(Consumer<Map<String, Object>> breakIt, String reason) {
        Map<String, Object> event = new LinkedHashMap<>(mdnDecision("leo@corp.example", "EXTERNAL", "SENT", "EMPLOYEE",
            "ALWAYS", null, "p@example.net"));
        event.put("policy", new LinkedHashMap<>((Map<String, Object>) event.get("policy")));
        breakIt.accept(event);
        post(event).statusCode(200).body("rejected", equalTo(1));
        assertThat(reasonOf(event)).contains(reason);
    }

    private String reasonOf(Map<String, Object> event) {
        List<RejectedEvent> rejected = QuarkusTransaction.requiringNew()
            .call(() -> repository.rejectedWithEventId((String) event.get("id")));
        assertThat(rejected).hasSize(1);
        return rejected.get(0).reason();
    }
}
