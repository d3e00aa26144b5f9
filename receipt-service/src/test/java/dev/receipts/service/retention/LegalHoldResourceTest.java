package dev.receipts.service.retention;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class LegalHoldResourceTest {
    static final String PATH = "/api/v1/admin/legal-holds";

    @Inject
    RetentionData data;

    static RequestSpecification changing() {
        return given().header("X-Receipts-CSRF", "1").contentType(ContentType.JSON);
    }

    @Test
    @TestSecurity(user = "carol@corp.example", roles = {"employee", "compliance"})
    void complianceShouldPlaceAMessageHoldWithTheNormalisedMessageId() {
        String raw = "<Hold-" + RetentionData.unique("m") + "@Corp.EXAMPLE> (comment)";
        String norm = raw.substring(1, raw.indexOf('>')).replace("@Corp.EXAMPLE", "@corp.example");

        long id = changing().body(Map.of("kind", "MESSAGE", "value", raw, "reason", "litigation 2026-17"))
            .post(PATH)
            .then().statusCode(201)
            .body("kind", equalTo("MESSAGE")).body("value", equalTo(raw)).body("valueNorm", equalTo(norm))
            .body("createdBy", equalTo("carol@corp.example")).body("active", equalTo(true))
            .extract().jsonPath().getLong("id");

        given().get(PATH).then().statusCode(200).body("items.id", hasItem((int) id));
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void releasingShouldKeepTheRowWithWhoReleasedItAndBeAudited() {
        String sender = RetentionData.unique("Held") + "@Corp.Example";
        long id = changing().body(Map.of("kind", "sender", "value", sender, "reason", "investigation"))
            .post(PATH)
            .then().statusCode(201).body("kind", equalTo("SENDER")).body("valueNorm", equalTo(sender.toLowerCase()))
            .extract().jsonPath().getLong("id");

        changing().delete(PATH + "/" + id)
            .then().statusCode(200)
            .body("active", equalTo(false)).body("releasedBy", equalTo("admin@corp.example"))
            .body("releasedAt", notNullValue());

        given().get(PATH).then().statusCode(200)
            .body("items.find { it.id == " + id + " }.active", equalTo(false))
            .body("items.find { it.id == " + id + " }.reason", equalTo("investigation"));
        assertThat(data.count(
                "select count(*) from audit_log where action in ('LEGAL_HOLD_PLACED', 'LEGAL_HOLD_RELEASED')"
                    + " and target = ?1", "SENDER " + sender.toLowerCase()))
            .isEqualTo(2);
    }

    @Test
    @TestSecurity(user = "carol@corp.example", roles = {"employee", "compliance"})
    void badHoldsShouldGet400WithAClearMessage() {
        changing().body(Map.of("kind", "MESSAGE", "value", "<a@corp.example>"))
            .post(PATH).then().statusCode(400).body("error", equalTo("reason is required"));
        changing().body(Map.of("kind", "MESSAGE", "value", "<a@corp.example>", "reason", "  "))
            .post(PATH).then().statusCode(400).body("error", equalTo("reason is required"));
        changing().body(Map.of("kind", "FOLDER", "value", "x", "reason", "r"))
            .post(PATH).then().statusCode(400).body("error", equalTo("kind must be MESSAGE or SENDER, got [FOLDER]"));
        changing().body(Map.of("value", "x", "reason", "r"))
            .post(PATH).then().statusCode(400).body("error", equalTo("kind must be MESSAGE or SENDER, got [null]"));
        changing().body(Map.of("kind", "SENDER", "value", "", "reason", "r"))
            .post(PATH).then().statusCode(400).body("error", startsWith("value is required"));
        changing().body(Map.of("kind", "SENDER", "value", "not an address", "reason", "r"))
            .post(PATH).then().statusCode(400).body("error", equalTo("value is not an address: [not an address]"));
        changing().body(Map.of("kind", "MESSAGE", "value", "<>", "reason", "r"))
            .post(PATH).then().statusCode(400).body("error", equalTo("value is not a Message-ID: [<>]"));
    }

    @Test
    @TestSecurity(user = "carol@corp.example", roles = {"employee", "compliance"})
    void releasingAnUnknownHoldShouldGet404() {
        changing().delete(PATH + "/987654321")
            .then().statusCode(404).body("error", equalTo("Legal hold [987654321] not found"));
    }

    @Test
    void anonymousShouldGet401() {
        given().get(PATH).then().statusCode(401).body("error", equalTo("Authentication required"));
        changing().body(Map.of("kind", "MESSAGE", "value", "<a@b>", "reason", "r")).post(PATH).then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "bob@corp.example", roles = "employee")
    void anEmployeeShouldGet403() {
        given().get(PATH).then().statusCode(403);
        changing().body(Map.of("kind", "MESSAGE", "value", "<a@b>", "reason", "r")).post(PATH).then().statusCode(403);
        changing().delete(PATH + "/1").then().statusCode(403);
    }
}
