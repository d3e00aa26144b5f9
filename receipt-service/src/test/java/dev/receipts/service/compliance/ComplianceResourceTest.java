package dev.receipts.service.compliance;

import static dev.receipts.service.support.Api.api;
import static dev.receipts.service.support.Events.dsn;
import static dev.receipts.service.support.Events.dsnRecipient;
import static dev.receipts.service.support.Events.mdnDecision;
import static dev.receipts.service.support.Events.post;
import static dev.receipts.service.support.Events.submitted;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.receipts.service.privacy.AuditEntry;
import dev.receipts.service.privacy.AuditLog;
import dev.receipts.service.privacy.Pseudonyms;
import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class ComplianceResourceTest {
    private static final String LEDGER = "/api/v1/compliance/ledger";
    private static final String REVEAL = "/api/v1/compliance/reveal";

    @Inject
    Pseudonyms pseudonyms;

    @Inject
    AuditLog auditLog;

    @Test
    @TestSecurity(user = "carol@corp.example", roles = {"employee", "compliance"})
    void complianceShouldSeeExternalCounterpartsAsPseudonymsOneByOne() {
        post(mdnDecision("paul@corp.example", "EXTERNAL", "SENT", "EMPLOYEE", "ALWAYS", null,
            "Dave@Example.net", "bob@corp.example")).statusCode(200).body("accepted", equalTo(1));

        JsonPath ledger = given().queryParam("employee", "Paul@corp.example").queryParam("kind", "MDN_SENT")
            .get(LEDGER).then().statusCode(200).extract().jsonPath();
        assertThat(ledger.getList("items")).hasSize(1);
        assertThat(ledger.getString("items[0].employee")).isEqualTo("paul@corp.example");
        assertThat(ledger.getString("items[0].counterpart"))
            .isEqualTo(pseudonyms.of("dave@example.net") + ",bob@corp.example")
            .doesNotContain("dave");
        assertThat(ledger.getString("items[0].node")).isEqualTo("james-test");

        given().queryParam("kind", "NOPE").get(LEDGER).then().statusCode(400).body("error", containsString("[NOPE]"));
    }

    @Test
    @TestSecurity(user = "carol@corp.example", roles = {"employee", "compliance"})
    void aJustifiedRevealShouldAnswerTheAddressAndBeAudited() {
        post(mdnDecision("quinn@corp.example", "EXTERNAL", "SENT", "EMPLOYEE", "ALWAYS", null, "eve@example.org"))
            .statusCode(200);
        String pseudonym = given().queryParam("employee", "quinn@corp.example").get(LEDGER)
            .then().statusCode(200).extract().jsonPath().getString("items[0].counterpart");

        api().body(Map.of("pseudonym", pseudonym, "justification", "Case 2026-17: subpoena from the court"))
            .post(REVEAL).then().statusCode(200)
            .body("pseudonym", equalTo(pseudonym)).body("address", equalTo("eve@example.org"));

        AuditEntry entry = audited("REVEAL", pseudonym);
        assertThat(entry.actor()).isEqualTo("carol@corp.example");
        assertThat(entry.justification()).isEqualTo("Case 2026-17: subpoena from the court");
        assertThat(entry.detail()).isNull();
    }

    @Test
    @TestSecurity(user = "carol@corp.example", roles = {"employee", "compliance"})
    void unjustifiedOrUnknownRevealsShouldFailAndStillBeAudited() {
        String known = pseudonyms.of("someone@example.net");
        String unknown = pseudonyms.of("never-shown-" + System.nanoTime() + "@example.net");

        api().body(Map.of("pseudonym", known, "justification", "  because  ")).post(REVEAL)
            .then().statusCode(400).body("error", containsString("at least 10 non-blank characters"));
        api().body(Map.of("pseudonym", known)).post(REVEAL).then().statusCode(400);
        api().body(Map.of("pseudonym", "dave@example.net", "justification", "a long enough reason")).post(REVEAL)
            .then().statusCode(400).body("error", containsString("pseudonym must be"));
        api().body(Map.of("pseudonym", known, "justification", "x".repeat(2001))).post(REVEAL)
            .then().statusCode(400).body("error", containsString("at most 2000"));
        api().body(Map.of("pseudonym", unknown, "justification", "Investigating incident 42")).post(REVEAL)
            .then().statusCode(404).body("error", containsString("unknown or was erased"));

        assertThat(audited("REVEAL_UNKNOWN", unknown).actor()).isEqualTo("carol@corp.example");
        assertThat(audited("REVEAL_REFUSED", known).detail()).isEqualTo("justification too long");
    }

    @Test
    void theAuditLogShouldBeReadableByAnAdminOnlyNewestFirst() {
        auditLog.record("carol@corp.example", "REVEAL", "ps_audit_probe_" + System.nanoTime(), "probe justification", null);
        given().auth().preemptive().basic(FakeImapResource.ADMIN, FakeImapResource.ADMIN_PASSWORD)
            .queryParam("page", 0).queryParam("size", 1).get("/api/v1/admin/audit").then().statusCode(200)
            .body("items.size()", equalTo(1)).body("items[0].justification", equalTo("probe justification"))
            .body("page", equalTo(0)).body("size", equalTo(1));
        given().auth().preemptive().basic(FakeImapResource.ADMIN, FakeImapResource.ADMIN_PASSWORD)
            .queryParam("size", 500).get("/api/v1/admin/audit").then().statusCode(400);
        given().auth().preemptive().basic(FakeImapResource.CAROL, FakeImapResource.CAROL_PASSWORD)
            .get("/api/v1/admin/audit").then().statusCode(403);
    }

    private AuditEntry audited(String action, String target) {
        return auditLog.page(0, 100).stream()
            .filter(a -> a.action().equals(action) && target.equals(a.target()))
            .findFirst().orElseThrow(() -> new AssertionError("no " + action + " of " + target + " in the audit log"));
    }

    @Test
    void revealWithoutTheCsrfHeaderShouldBeForbiddenEvenForCompliance() {
        given().auth().preemptive().basic(FakeImapResource.CAROL, FakeImapResource.CAROL_PASSWORD)
            .contentType(ContentType.JSON)
            .body(Map.of("pseudonym", pseudonyms.of("x@example.net"), "justification", "a long enough reason"))
            .post(REVEAL).then().statusCode(403).body("error", containsString("X-Receipts-CSRF"));
    }

    @Test
    @TestSecurity(user = "bob@corp.example", roles = "employee")
    void anEmployeeShouldGet403OnComplianceAndAdminEndpoints() {
        given().get(LEDGER).then().statusCode(403);
        given().get("/api/v1/compliance/pixels").then().statusCode(403);
        given().get("/api/v1/admin/audit").then().statusCode(403);
        api().body(Map.of("pseudonym", pseudonyms.of("x@example.net"), "justification", "a long enough reason"))
            .post(REVEAL).then().statusCode(403);
    }

    @Test
    void anonymousCallsToComplianceShouldGet401() {
        given().get(LEDGER).then().statusCode(401);
        given().get("/api/v1/compliance/pixels").then().statusCode(401);
        api().body(Map.of("pseudonym", "ps_000000000000000000000000", "justification", "a long enough reason"))
            .post(REVEAL).then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "bob@corp.example", roles = "employee")
    void anotherEmployeeShouldNotSeeMyLedger() {
        post(mdnDecision("rita@corp.example", "INTERNAL", "SENT", "EMPLOYEE", "ALWAYS", null, "bob@corp.example"))
            .statusCode(200);

        given().queryParam("size", 200).get("/api/v1/me/ledger").then().statusCode(200)
            .body("items.findAll { it.counterpart == 'bob@corp.example' }.size()", equalTo(0));
    }

    @Test
    @TestSecurity(user = "carol@corp.example", roles = {"employee", "compliance"})
    void complianceShouldSeeExternalAddressesOfSomeoneElsesMessageAsPseudonyms() {
        String id = uniqueMessageId("watched");
        String envelope = "env-" + System.nanoTime();
        post(submitted(id, "alice@corp.example", envelope, true, "bob@corp.example", "dave@example.net"),
            dsn(envelope, null, List.of(dsnRecipient("dave@example.net", "dave@example.net", "failed", "5.1.1",
                "smtp; 550 5.1.1 <dave@example.net>: no such user")))).statusCode(200);

        JsonPath message = given().queryParam("messageId", id).get("/api/v1/messages")
            .then().statusCode(200).extract().jsonPath();
        String pseudonym = pseudonyms.of("dave@example.net");
        assertThat(message.getList("items[0].recipients.address")).containsExactly("bob@corp.example", pseudonym);
        assertThat(message.getString("items[0].sender")).isEqualTo("alice@corp.example");
        assertThat(message.getString("items[0].recipients[1].delivery.diagnostic")).contains(pseudonym)
            .doesNotContain("dave@");
        assertThat(message.prettify()).doesNotContain("dave@example.net");
    }

    @Test
    @TestSecurity(user = "alice@corp.example", roles = "employee")
    void theOwnerShouldStillSeeClearAddresses() {
        String id = uniqueMessageId("mine");
        post(submitted(id, "alice@corp.example", null, true, "dave@example.net")).statusCode(200);

        given().queryParam("messageId", id).get("/api/v1/messages").then().statusCode(200)
            .body("items[0].recipients[0].address", equalTo("dave@example.net"));
    }
}
