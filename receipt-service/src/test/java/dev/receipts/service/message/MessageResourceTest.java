package dev.receipts.service.message;

import static dev.receipts.service.support.Events.post;
import static dev.receipts.service.support.Events.submitted;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class MessageResourceTest {
    private static final String ALICE = "alice@corp.example";

    @Test
    @TestSecurity(user = "bob@corp.example", roles = "employee")
    void anEmployeeShouldNotFindAnotherEmployeesMessageByIdOrInTheList() {
        String id = uniqueMessageId("private");
        post(submitted(id, ALICE, null, true, "bob@corp.example")).statusCode(200);

        given().queryParam("messageId", id).get("/api/v1/messages")
            .then().statusCode(200).body("items.size()", equalTo(0));
        given().get("/api/v1/messages")
            .then().statusCode(200).body("items.messageId", not(hasItem(id)));
    }

    @Test
    @TestSecurity(user = "alice@corp.example", roles = "employee")
    void anEmployeeShouldFindTheirOwnMessageByIdAndNewestFirstInTheList() {
        String older = uniqueMessageId("older");
        String newer = uniqueMessageId("newer");
        post(submitted(older, ALICE, null, false, "bob@corp.example")).statusCode(200);
        post(submitted(newer, ALICE, null, false, "bob@corp.example")).statusCode(200);

        given().queryParam("messageId", older).get("/api/v1/messages")
            .then().statusCode(200).body("items.messageId", contains(older));
        given().queryParam("size", 2).get("/api/v1/messages")
            .then().statusCode(200)
            .body("items.messageId", contains(newer, older));
    }

    @Test
    @TestSecurity(user = "carol@corp.example", roles = {"employee", "compliance"})
    void complianceShouldFindAnyMessageById() {
        String id = uniqueMessageId("audited");
        post(submitted(id, ALICE, null, true, "bob@corp.example")).statusCode(200);

        given().queryParam("messageId", id).get("/api/v1/messages")
            .then().statusCode(200).body("items.messageId", contains(id));
        given().get("/api/v1/messages")
            .then().statusCode(200).body("items.messageId", not(hasItem(id)));
    }

    @Test
    @TestSecurity(user = "alice@corp.example", roles = "employee")
    void listingShouldRefuseAPageSizeAbove200() {
        given().queryParam("size", 201).get("/api/v1/messages")
            .then().statusCode(400).body("error", startsWith("size must be between 1 and 200"));
    }

    @Test
    @TestSecurity(user = "Alice@Corp.Example", roles = "employee")
    void meShouldNameTheCallerAndTheirRoles() {
        given().get("/api/v1/me")
            .then().statusCode(200).body("user", equalTo(ALICE)).body("roles", contains("employee"));
    }

    @Test
    void anonymousApiCallsShouldGet401NotARedirect() {
        given().redirects().follow(false).get("/api/v1/messages")
            .then().statusCode(401).body("error", equalTo("Authentication required"));
        given().redirects().follow(false).get("/api/v1/me")
            .then().statusCode(401).body("error", equalTo("Authentication required"));
    }
}
