package dev.receipts.service.stats;

import static dev.receipts.service.support.Events.dsn;
import static dev.receipts.service.support.Events.dsnRecipient;
import static dev.receipts.service.support.Events.mdn;
import static dev.receipts.service.support.Events.post;
import static dev.receipts.service.support.Events.submitted;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class StatsResourceTest {
    private static final String FRANK = "frank@corp.example";

    private static JsonPath as(String user, String password, String path) {
        return given().auth().preemptive().basic(user, password).queryParam("days", 7).get(path)
            .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void statsShouldCountTheEmployeesOwnMessagesAndEveryonesForCompliance() {
        FakeImapResource.server().addUser(FRANK, "frank-secret");
        String label = UUID.randomUUID().toString().substring(0, 8);
        String failedId = "<f1-" + label + "@corp.example>";
        String readId = "<f2-" + label + "@corp.example>";
        post(submitted(failedId, FRANK, "env-" + label, false, "a@bounce.example", "b@bounce.example")).statusCode(200);
        post(submitted(readId, FRANK, null, true, "bob@corp.example")).statusCode(200);
        post(dsn("env-" + label, null, List.of(
            dsnRecipient("a@bounce.example", "a@bounce.example", "failed", "5.1.1", "smtp; 550 unknown"),
            dsnRecipient("b@bounce.example", "b@bounce.example", "failed", "5.7.1", "smtp; 550 policy")))).statusCode(200);
        post(mdn(readId, "bob@corp.example", "bob@corp.example", "displayed")).statusCode(200);

        JsonPath outcomes = as(FRANK, "frank-secret", "/api/v1/stats/outcomes");
        assertThat(outcomes.getList("days")).hasSize(7);
        Map<String, Object> today = outcomes.getMap("days[6]");
        assertThat(today).containsEntry("day", LocalDate.now(ZoneOffset.UTC).toString())
            .containsEntry("failed", 2).containsEntry("displayed", 1).containsEntry("noReceipt", 2)
            .containsEntry("delivered", 0);

        JsonPath failures = as(FRANK, "frank-secret", "/api/v1/stats/failures");
        assertThat(failures.getList("byDomain", Map.class))
            .containsExactly(Map.of("domain", "bounce.example", "failed", 2));
        assertThat(failures.getList("byStatusClass", Map.class)).containsExactlyInAnyOrder(
            Map.of("class", "5.1", "label", "addressing", "failed", 1),
            Map.of("class", "5.7", "label", "security or policy", "failed", 1));

        JsonPath time = as(FRANK, "frank-secret", "/api/v1/stats/time-to-displayed");
        assertThat(time.getList("buckets.label")).containsExactly("< 1 min", "1–10 min", "10–60 min", "1–24 h", "> 1 day");
        assertThat(time.getInt("buckets[0].count")).isEqualTo(1);
        assertThat(time.getString("median")).startsWith("PT");

        JsonPath everyone = as(FakeImapResource.CAROL, FakeImapResource.CAROL_PASSWORD, "/api/v1/stats/failures");
        assertThat(everyone.getList("byDomain", Map.class)).contains(Map.of("domain", "bounce.example", "failed", 2));
        int adminFailed = as(FakeImapResource.ADMIN, FakeImapResource.ADMIN_PASSWORD, "/api/v1/stats/outcomes")
            .getInt("days[6].failed");
        assertThat(adminFailed).isGreaterThanOrEqualTo(2);
        given().auth().preemptive().basic(FRANK, "frank-secret").queryParam("days", 0).get("/api/v1/stats/outcomes")
            .then().statusCode(400);
    }
}
