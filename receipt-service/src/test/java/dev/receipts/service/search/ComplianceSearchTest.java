package dev.receipts.service.search;

import static dev.receipts.service.support.Events.post;
import static dev.receipts.service.support.Events.submitted;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.receipts.service.privacy.Pseudonyms;
import dev.receipts.service.support.FakeImapResource;
import dev.receipts.service.support.ReportLog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class ComplianceSearchTest {
    private static final String CAROL = "carol@corp.example";
    private static final String ADMIN = "admin@corp.example";
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms("test-pseudonym-key-0123456789", List.of("corp.example"));

    private static String label() {
        return "s" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @TestSecurity(user = CAROL, roles = {"employee", "compliance"})
    void messageSearchShouldShowExternalRecipientsAsPseudonymsAndPageWithTheCursor() {
        String sender = label() + "@corp.example";
        for (int i = 1; i <= 3; i++) {
            post(submitted("<" + sender + "-" + i + "@corp.example>", sender, null, false,
                "partner" + i + "@outside.example", "bob@corp.example")).statusCode(200);
        }

        JsonPath first = given().queryParam("sender", sender).queryParam("size", 2)
            .get("/api/v1/compliance/messages").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.collect { it.recipients[0].address }")).containsExactly(
            PSEUDONYMS.of("partner3@outside.example"), PSEUDONYMS.of("partner2@outside.example"));
        assertThat(first.getList("items.collect { it.recipients[1].address }")).containsOnly("bob@corp.example");
        given().queryParam("sender", sender).queryParam("size", 2).queryParam("after", first.getString("next"))
            .get("/api/v1/compliance/messages").then().statusCode(200)
            .body("items.collect { it.recipients[0].address }", contains(PSEUDONYMS.of("partner1@outside.example")))
            .body("next", equalTo(null));
        given().queryParam("sender", sender).queryParam("domain", "@Outside.example")
            .get("/api/v1/compliance/messages/count").then().statusCode(200).body("count", equalTo(3));
        given().queryParam("sender", sender).queryParam("recipient", "partner2")
            .get("/api/v1/compliance/messages/count").then().statusCode(200).body("count", equalTo(1));
        given().queryParam("sender", sender).queryParam("verification", "AUTHENTICATED")
            .get("/api/v1/compliance/messages/count").then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    @TestSecurity(user = CAROL, roles = {"employee", "compliance"})
    void reportSearchShouldFilterByTypeCorrelationStatusAndDomain() {
        String owner = label() + "@corp.example";
        Instant now = Instant.now();
        long bounce = ReportLog.insert(UUID.randomUUID().toString(), now.minusSeconds(30), "delivery-status",
            "CORRELATED", owner, null, "<a@corp.example>", "NONE", "gone@outside.example", "5.1.1", null);
        long orphan = ReportLog.insert(UUID.randomUUID().toString(), now.minusSeconds(20), "delivery-status",
            "ORPHAN", owner, null, null, "NONE", "late@slow.example", "4.4.7", null);
        long read = ReportLog.insert(UUID.randomUUID().toString(), now.minusSeconds(10), "disposition-notification",
            "CORRELATED", owner, null, "<b@corp.example>", "AUTHENTICATED", "bob@corp.example", null, "displayed");

        given().queryParam("sender", owner).get("/api/v1/compliance/reports").then().statusCode(200)
            .body("items.id", contains((int) read, (int) orphan, (int) bounce));
        given().queryParam("sender", owner).queryParam("status", "5.1").get("/api/v1/compliance/reports")
            .then().statusCode(200).body("items.id", contains((int) bounce))
            .body("items[0].recipients[0].finalRecipient", equalTo("rfc822;" + PSEUDONYMS.of("gone@outside.example")));
        given().queryParam("sender", owner).queryParam("status", "4.").queryParam("correlation", "orphan")
            .get("/api/v1/compliance/reports").then().statusCode(200).body("items.id", contains((int) orphan));
        given().queryParam("sender", owner).queryParam("type", "disposition-notification")
            .queryParam("verification", "AUTHENTICATED").get("/api/v1/compliance/reports").then().statusCode(200)
            .body("items.id", contains((int) read));
        given().queryParam("sender", owner).queryParam("domain", "slow.example")
            .get("/api/v1/compliance/reports/count").then().statusCode(200).body("count", equalTo(1));
        given().queryParam("sender", owner).queryParam("recipient", "gone@")
            .get("/api/v1/compliance/reports/count").then().statusCode(200).body("count", equalTo(1));
        given().queryParam("type", "bounce").get("/api/v1/compliance/reports").then().statusCode(400)
            .body("error", startsWith("type must be one of"));
        given().queryParam("status", "9.9").get("/api/v1/compliance/reports").then().statusCode(400);

        given().get("/api/v1/compliance/reports/" + bounce).then().statusCode(200)
            .body("correlation", equalTo("CORRELATED"))
            .body("recipients[0].diagnostic", equalTo("smtp; 550 " + PSEUDONYMS.of("gone@outside.example") + " unknown"))
            .body("fields.finalRecipient", equalTo("rfc822;" + PSEUDONYMS.of("gone@outside.example")));
        given().get("/api/v1/compliance/reports/999999999").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = CAROL, roles = {"employee", "compliance"})
    void exportsShouldStreamEveryRowWithTheTotalFirstAndNoFormulaInjection() throws Exception {
        String sender = label() + "@corp.example";
        String formula = "<=HYPERLINK(\"http://evil\")@corp.example>";
        post(submitted(formula, sender, null, false, "x@outside.example")).statusCode(200);
        for (int i = 0; i < 4; i++) {
            post(submitted("<" + sender + "-" + i + "@corp.example>", sender, null, false, "bob@corp.example"))
                .statusCode(200);
        }

        Response csv = given().queryParam("sender", sender).queryParam("format", "csv")
            .get("/api/v1/compliance/messages/export");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.header("X-Total-Count")).isEqualTo("5");
        assertThat(csv.header("Content-Disposition")).startsWith("attachment; filename=\"messages-");
        List<String> lines = csv.asString().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo(
            "messageId,sender,submittedAt,envelopeId,recipients,delivery,deliveryStatus,disposition,verification");
        assertThat(lines.get(5)).startsWith("\"<=HYPERLINK(\"\"http://evil\"\")@corp.example>\"");

        Response json = given().queryParam("sender", sender).queryParam("format", "json")
            .get("/api/v1/compliance/messages/export");
        assertThat(json.header("X-Total-Count")).isEqualTo("5");
        JsonNode array = new ObjectMapper().readTree(json.asString());
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isEqualTo(5);
        assertThat(array.get(4).get("recipients").get(0).get("address").asText())
            .isEqualTo(PSEUDONYMS.of("x@outside.example"));

        String owner = label() + "@corp.example";
        ReportLog.insert(UUID.randomUUID().toString(), Instant.now(), "delivery-status", "ORPHAN", owner, null,
            "=cmd|' /C calc'!A0", "NONE", "y@outside.example", "5.0.0", null);
        Response reports = given().queryParam("sender", owner).get("/api/v1/compliance/reports/export");
        assertThat(reports.header("X-Total-Count")).isEqualTo("1");
        assertThat(reports.asString().lines().toList().get(1)).contains(",'=cmd|' /C calc'!A0,");
        given().queryParam("format", "xml").get("/api/v1/compliance/reports/export").then().statusCode(400);
    }

    @Test
    void everySearchAndExportShouldBeAuditedWithItsQueryExternalAddressesAsPseudonyms() {
        String marker = label();
        given().auth().preemptive().basic(CAROL, FakeImapResource.CAROL_PASSWORD)
            .queryParam("recipient", marker + "@outside.example").get("/api/v1/compliance/messages")
            .then().statusCode(200);
        given().auth().preemptive().basic(CAROL, FakeImapResource.CAROL_PASSWORD)
            .queryParam("sender", marker + "@corp.example").queryParam("format", "json")
            .get("/api/v1/compliance/reports/export").then().statusCode(200);

        JsonPath audit = given().auth().preemptive().basic(ADMIN, FakeImapResource.ADMIN_PASSWORD)
            .queryParam("size", 20).get("/api/v1/admin/audit").then().statusCode(200).extract().jsonPath();
        List<String> actions = audit.getList("items.action");
        List<String> details = audit.getList("items.detail");
        assertThat(details).contains("sender=" + marker + "@corp.example&format=json format=JSON",
            "recipient=" + PSEUDONYMS.of(marker + "@outside.example"));
        int export = details.indexOf("sender=" + marker + "@corp.example&format=json format=JSON");
        assertThat(export).isNotNegative();
        assertThat(actions.get(export)).isEqualTo("COMPLIANCE_EXPORT");
        int search = details.indexOf("recipient=" + PSEUDONYMS.of(marker + "@outside.example"));
        assertThat(search).isNotNegative();
        assertThat(actions.get(search)).isEqualTo("COMPLIANCE_SEARCH");
        assertThat(audit.getList("items.actor").get(search)).isEqualTo(CAROL);
    }
}
