package dev.receipts.service.message;

import static dev.receipts.service.support.Events.dsn;
import static dev.receipts.service.support.Events.dsnRecipient;
import static dev.receipts.service.support.Events.mdn;
import static dev.receipts.service.support.Events.post;
import static dev.receipts.service.support.Events.submitted;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapResource;
import dev.receipts.service.support.ReportLog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class MessageFiltersTest {
    private static final String ALICE = "alice@corp.example";

    private static String label() {
        return "f" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String messageId(String label, int n) {
        return "<" + label + "-" + n + "@corp.example>";
    }

    @Test
    @TestSecurity(user = ALICE, roles = "employee")
    void listShouldWalkEveryPageWithTheNextCursorNewestFirst() {
        String label = label();
        for (int i = 1; i <= 5; i++) {
            post(submitted(messageId(label, i), ALICE, null, false, "bob@corp.example")).statusCode(200);
        }

        JsonPath first = given().queryParam("q", label).queryParam("size", 2).get("/api/v1/messages")
            .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.messageId")).containsExactly(messageId(label, 5), messageId(label, 4));
        JsonPath second = given().queryParam("q", label).queryParam("size", 2)
            .queryParam("after", first.getString("next")).get("/api/v1/messages")
            .then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.messageId")).containsExactly(messageId(label, 3), messageId(label, 2));
        given().queryParam("q", label).queryParam("size", 2).queryParam("after", second.getString("next"))
            .get("/api/v1/messages")
            .then().statusCode(200).body("items.messageId", contains(messageId(label, 1))).body("next", nullValue());
    }

    @Test
    @TestSecurity(user = ALICE, roles = "employee")
    void filtersShouldMatchRecipientStateAndDates() {
        String label = label();
        String failed = messageId(label, 1);
        String displayed = messageId(label, 2);
        post(submitted(failed, ALICE, "env-" + label, false, "nobody@partner.example")).statusCode(200);
        post(submitted(displayed, ALICE, null, true, "bob@corp.example")).statusCode(200);
        post(dsn("env-" + label, null, List.of(dsnRecipient("nobody@partner.example", "nobody@partner.example",
            "failed", "5.1.1", "smtp; 550 no such user")))).statusCode(200);
        post(mdn(displayed, "bob@corp.example", "bob@corp.example", "displayed")).statusCode(200);

        given().queryParam("q", label).queryParam("state", "FAILED").get("/api/v1/messages")
            .then().statusCode(200).body("items.messageId", contains(failed));
        given().queryParam("q", label).queryParam("state", "displayed").get("/api/v1/messages")
            .then().statusCode(200).body("items.messageId", contains(displayed));
        given().queryParam("q", label).queryParam("recipient", "PARTNER.example").get("/api/v1/messages")
            .then().statusCode(200).body("items.messageId", contains(failed));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        given().queryParam("q", label).queryParam("from", today).queryParam("to", today).get("/api/v1/messages")
            .then().statusCode(200).body("items.size()", equalTo(2));
        given().queryParam("q", label).queryParam("to", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString())
            .get("/api/v1/messages").then().statusCode(200).body("items", empty());
        given().queryParam("q", label).queryParam("from", Instant.now().plusSeconds(3600).toString())
            .get("/api/v1/messages").then().statusCode(200).body("items", empty());
        given().queryParam("q", "nobody@partner").queryParam("state", "FAILED").get("/api/v1/messages")
            .then().statusCode(200).body("items.messageId", org.hamcrest.Matchers.hasItem(failed));
    }

    @Test
    @TestSecurity(user = ALICE, roles = "employee")
    void badFiltersShouldBe400WithTheBadValue() {
        given().queryParam("state", "READ").get("/api/v1/messages")
            .then().statusCode(400).body("error", startsWith("state must be one of"));
        given().queryParam("from", "yesterday").get("/api/v1/messages")
            .then().statusCode(400).body("error", startsWith("from must be an ISO date"));
        given().queryParam("after", "not-a-cursor").get("/api/v1/messages")
            .then().statusCode(400).body("error", startsWith("after must be the 'next' cursor"));
        given().queryParam("size", 0).get("/api/v1/messages")
            .then().statusCode(400).body("error", startsWith("size must be between 1 and 200"));
    }

    @Test
    @TestSecurity(user = ALICE, roles = "employee")
    void timelineEntriesShouldNameTheReportThatCausedThemAndTheOwnerShouldReadIt() {
        String id = messageId(label(), 1);
        post(submitted(id, ALICE, null, true, "bob@corp.example")).statusCode(200);
        Map<String, Object> receipt = mdn(id, "bob@corp.example", "bob@corp.example", "displayed");
        post(receipt).statusCode(200);
        long reportId = ReportLog.idOf((String) receipt.get("id"));

        JsonPath message = given().queryParam("messageId", id).get("/api/v1/messages")
            .then().statusCode(200).extract().jsonPath();
        assertThat(message.getList("items[0].recipients[0].timeline.kind")).containsExactly("SUBMITTED", "MDN");
        assertThat(message.getLong("items[0].recipients[0].timeline[1].reportId")).isEqualTo(reportId);
        assertThat(message.getMap("items[0].recipients[0].timeline[0]")).doesNotContainKey("reportId");

        given().get("/api/v1/me/reports/" + reportId).then().statusCode(200)
            .body("id", equalTo((int) reportId)).body("type", equalTo("disposition-notification"))
            .body("recipients[0].finalRecipient", equalTo("rfc822;bob@corp.example"))
            .body("fields.mdn.dispositionType", equalTo("displayed"))
            .body("message.messageId", equalTo(id));
    }

    @Test
    @TestSecurity(user = "bob@corp.example", roles = "employee")
    void anotherEmployeeShouldNotReadTheReport() {
        long reportId = ReportLog.insert(UUID.randomUUID().toString(), "delivery-status", "CORRELATED", ALICE,
            messageId(label(), 1), "NONE", "x@partner.example", "5.1.1", null);

        given().get("/api/v1/me/reports/" + reportId).then().statusCode(404)
            .body("error", equalTo("Report [" + reportId + "] not found"));
    }
}
