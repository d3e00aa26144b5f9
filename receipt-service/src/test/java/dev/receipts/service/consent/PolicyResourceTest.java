package dev.receipts.service.consent;

import static dev.receipts.service.support.Api.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class PolicyResourceTest {
    private static final String ORGANISATION = "/api/v1/admin/organisation-policy";

    @Test
    @TestSecurity(user = "frank@corp.example", roles = "employee")
    void anEmployeeWhoNeverChoseShouldHaveAskByDefault() {
        given().get("/api/v1/me/policy").then().statusCode(200)
            .body("employee", equalTo("frank@corp.example"))
            .body("own.internal", equalTo("ASK")).body("own.external", equalTo("ASK"))
            .body("effective.internal.choice", equalTo("ASK")).body("effective.internal.source", equalTo("DEFAULT"))
            .body("effective.external.source", equalTo("DEFAULT"))
            .body("updatedAt", nullValue());
    }

    @Test
    @TestSecurity(user = "grace@corp.example", roles = "employee")
    void anEmployeeShouldSetTheirChoicesAndSeeThemApplied() {
        api().body(Map.of("internal", "ALWAYS", "external", "NEVER")).put("/api/v1/me/policy").then().statusCode(200)
            .body("own.internal", equalTo("ALWAYS")).body("own.external", equalTo("NEVER"))
            .body("effective.internal.choice", equalTo("ALWAYS")).body("effective.internal.source", equalTo("EMPLOYEE"))
            .body("effective.external.choice", equalTo("NEVER")).body("effective.external.source", equalTo("EMPLOYEE"))
            .body("updatedAt", notNullValue());
        given().get("/api/v1/me/policy").then().statusCode(200).body("own.internal", equalTo("ALWAYS"));
    }

    @Test
    @TestSecurity(user = "heidi@corp.example", roles = "employee")
    void putShouldRefuseBadValuesAndMissingFieldsWithAClearMessage() {
        api().body(Map.of("internal", "SOMETIMES", "external", "NEVER")).put("/api/v1/me/policy").then().statusCode(400)
            .body("error", equalTo("'internal' must be ALWAYS, NEVER or ASK, got [SOMETIMES]"));
        api().body(Map.of("internal", "ALWAYS")).put("/api/v1/me/policy").then().statusCode(400)
            .body("error", equalTo("'external' is required: ALWAYS, NEVER or ASK"));
        api().body(Map.of("internal", "always", "external", "NEVER")).put("/api/v1/me/policy").then().statusCode(400)
            .body("error", containsString("got [always]"));
        api().body(Map.of("internal", "X".repeat(10_000), "external", "NEVER")).put("/api/v1/me/policy")
            .then().statusCode(400).body("error", containsString("…]"));
        api().body("{not json").put("/api/v1/me/policy").then().statusCode(400).body("error", notNullValue());
        given().get("/api/v1/me/policy").then().statusCode(200).body("updatedAt", nullValue());
    }

    @Test
    @TestSecurity(user = "ivan@corp.example", roles = "employee")
    void putWithoutTheCsrfHeaderShouldBeForbidden() {
        given().contentType(ContentType.JSON).body(Map.of("internal", "ALWAYS", "external", "ALWAYS"))
            .put("/api/v1/me/policy").then().statusCode(403).body("error", containsString("X-Receipts-CSRF"));
        given().get("/api/v1/me/policy").then().statusCode(200).body("own.internal", equalTo("ASK"));
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void theOrganisationsNeverShouldWinAndSayItIsStricter() {
        try {
            organisationNeverShouldWin();
        } finally {
            api().body(Map.of("internal", "EMPLOYEE_CHOICE", "external", "EMPLOYEE_CHOICE")).put(ORGANISATION)
                .then().statusCode(200);
        }
    }

    private void organisationNeverShouldWin() {
        api().body(Map.of("internal", "EMPLOYEE_CHOICE", "external", "NEVER")).put(ORGANISATION).then().statusCode(200)
            .body("internal", equalTo("EMPLOYEE_CHOICE")).body("external", equalTo("NEVER"))
            .body("updatedBy", equalTo("admin@corp.example")).body("updatedAt", notNullValue());
        api().body(Map.of("internal", "ALWAYS", "external", "ALWAYS")).put("/api/v1/me/policy").then().statusCode(200)
            .body("organisation.external", equalTo("NEVER"))
            .body("effective.internal.choice", equalTo("ALWAYS"))
            .body("effective.internal.organisationStricter", equalTo(false))
            .body("effective.external.choice", equalTo("NEVER"))
            .body("effective.external.source", equalTo("ORGANISATION"))
            .body("effective.external.organisationStricter", equalTo(true));
        given().queryParam("size", 5).get("/api/v1/admin/audit").then().statusCode(200)
            .body("items.find { it.action == 'ORGANISATION_POLICY_CHANGED' }.actor", equalTo("admin@corp.example"))
            .body("items.find { it.action == 'POLICY_CHANGED' }.target", equalTo("admin@corp.example"));
    }

    @Test
    @TestSecurity(user = "judy@corp.example", roles = "employee")
    void anyEmployeeMayReadTheOrganisationPolicyButNotChangeIt() {
        given().get(ORGANISATION).then().statusCode(200).body("internal", notNullValue());
        api().body(Map.of("internal", "NEVER", "external", "NEVER")).put(ORGANISATION).then().statusCode(403);
        given().get("/api/v1/admin/audit").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void theOrganisationPolicyShouldRefuseEmployeeChoicesAsRules() {
        api().body(Map.of("internal", "ALWAYS", "external", "NEVER")).put(ORGANISATION).then().statusCode(400)
            .body("error", equalTo("'internal' must be EMPLOYEE_CHOICE or NEVER, got [ALWAYS]"));
    }

    @Test
    void anonymousCallsShouldGet401() {
        given().get("/api/v1/me/policy").then().statusCode(401);
        given().get(ORGANISATION).then().statusCode(401);
        given().get("/api/v1/me/ledger").then().statusCode(401);
        given().get("/api/v1/admin/audit").then().statusCode(401);
        api().body(Map.of("internal", "ASK", "external", "ASK")).put("/api/v1/me/policy").then().statusCode(401);
    }

    @Test
    void theIngestTokenShouldNotReachUserEndpoints() {
        given().header("Authorization", "Bearer test-ingest-token").get("/api/v1/me/policy").then().statusCode(401);
        given().header("Authorization", "Bearer test-ingest-token").get("/api/v1/me/ledger").then().statusCode(401);
    }
}
