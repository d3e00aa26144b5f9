package dev.receipts.service.consent;

import static dev.receipts.service.support.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class SnapshotResourceTest {
    private static final String SNAPSHOT = "/api/v1/policies/snapshot";
    private static final String BEARER = "Bearer test-ingest-token";

    @Test
    @TestSecurity(user = "Kim@Corp.Example", roles = "employee")
    void theSnapshotShouldListNonDefaultPoliciesWithAVersionThatChangesWithThem() {
        Response before = given().header("Authorization", BEARER).get(SNAPSHOT);
        assertThat(before.statusCode()).isEqualTo(200);
        String version = before.jsonPath().getString("version");
        assertThat(before.header("ETag")).isEqualTo("\"" + version + "\"");
        assertThat(before.jsonPath().getString("generatedAt")).isNotBlank();
        assertThat(before.jsonPath().getString("organisation.internal")).isNotBlank();

        api().body(Map.of("internal", "NEVER", "external", "ALWAYS")).put("/api/v1/me/policy").then().statusCode(200);

        Response after = given().header("Authorization", BEARER).get(SNAPSHOT);
        assertThat(after.jsonPath().getString("version")).isNotEqualTo(version);
        assertThat(after.jsonPath().getString("employees.'kim@corp.example'.internal")).isEqualTo("NEVER");
        assertThat(after.jsonPath().getString("employees.'kim@corp.example'.external")).isEqualTo("ALWAYS");

        api().body(Map.of("internal", "ASK", "external", "ASK")).put("/api/v1/me/policy").then().statusCode(200);
        Response back = given().header("Authorization", BEARER).get(SNAPSHOT);
        assertThat(back.jsonPath().getMap("employees")).doesNotContainKey("kim@corp.example");
        assertThat(back.jsonPath().getString("version")).isEqualTo(version);
    }

    @Test
    void ifNoneMatchWithTheCurrentVersionShouldAnswer304() {
        String version = given().header("Authorization", BEARER).get(SNAPSHOT).jsonPath().getString("version");

        given().header("Authorization", BEARER).header("If-None-Match", version).get(SNAPSHOT)
            .then().statusCode(304).header("ETag", equalTo("\"" + version + "\""));
        given().header("Authorization", BEARER).header("If-None-Match", "\"" + version + "\"").get(SNAPSHOT)
            .then().statusCode(304);
        given().header("Authorization", BEARER).header("If-None-Match", "\"stale\"").get(SNAPSHOT)
            .then().statusCode(200).body("version", equalTo(version));
    }

    @Test
    void theSnapshotShouldNeedTheIngestTokenAndRefuseUserCredentials() {
        given().get(SNAPSHOT).then().statusCode(401).body("error", equalTo("Missing ingest token"));
        given().header("Authorization", "Bearer wrong").get(SNAPSHOT).then().statusCode(401)
            .body("error", equalTo("Invalid ingest token"));
        given().auth().preemptive().basic(FakeImapResource.ALICE, FakeImapResource.ALICE_PASSWORD).get(SNAPSHOT)
            .then().statusCode(401).body("error", notNullValue());
    }

    @Test
    @TestSecurity(user = "alice@corp.example", roles = "employee")
    void aLoggedInUserShouldNotGetTheSnapshot() {
        given().get(SNAPSHOT).then().statusCode(401);
    }
}
