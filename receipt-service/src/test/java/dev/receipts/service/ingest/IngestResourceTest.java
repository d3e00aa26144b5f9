package dev.receipts.service.ingest;

import static dev.receipts.service.support.Events.post;
import static dev.receipts.service.support.Events.submitted;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class IngestResourceTest {
    @Inject
    IngestRepository repository;

    @Test
    void ingestShouldCountTheSameBatchAsDuplicatesTheSecondTime() {
        Map<String, Object> first = submitted(uniqueMessageId("idem"), "alice@corp.example", null, true, "bob@corp.example");
        Map<String, Object> second = submitted(uniqueMessageId("idem"), "alice@corp.example", null, false, "carol@corp.example");

        post(first, second).statusCode(200)
            .body("accepted", equalTo(2)).body("duplicates", equalTo(0)).body("rejected", equalTo(0));
        post(first, second).statusCode(200)
            .body("accepted", equalTo(0)).body("duplicates", equalTo(2)).body("rejected", equalTo(0));
    }

    @Test
    void ingestShouldCountADuplicateWithinOneBatch() {
        Map<String, Object> event = submitted(uniqueMessageId("twice"), "alice@corp.example", null, false, "bob@corp.example");

        post(event, event).statusCode(200)
            .body("accepted", equalTo(1)).body("duplicates", equalTo(1)).body("rejected", equalTo(0));
    }

    @Test
    void concurrentPostsOfTheSameEventShouldStoreItOnce() throws Exception {
        Map<String, Object> event = submitted(uniqueMessageId("race"), "alice@corp.example", null, false, "bob@corp.example");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Map<String, Integer>>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> post(event).statusCode(200).extract().jsonPath().getMap("", String.class, Integer.class)));
            }
            int accepted = 0;
            int duplicates = 0;
            for (Future<Map<String, Integer>> answer : answers) {
                accepted += answer.get(30, TimeUnit.SECONDS).get("accepted");
                duplicates += answer.get(30, TimeUnit.SECONDS).get("duplicates");
            }
            assertThat(accepted).isEqualTo(1);
            assertThat(duplicates).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ingestShouldAnswer401WithAWrongToken() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer not-the-token")
            .body(Map.of("events", List.of()))
            .post("/api/v1/ingest/events")
            .then().statusCode(401).body("error", equalTo("Invalid ingest token"));
    }

    @Test
    void ingestShouldAnswer401WithoutAToken() {
        given().contentType(ContentType.JSON)
            .body(Map.of("events", List.of()))
            .post("/api/v1/ingest/events")
            .then().statusCode(401).body("error", equalTo("Missing ingest token"));
    }

    @Test
    void ingestShouldAnswer400WhenTheBodyHasNoEventsArray() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-ingest-token")
            .body("{\"event\":[]}")
            .post("/api/v1/ingest/events")
            .then().statusCode(400).body("error", containsString("'events' array"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-ingest-token")
            .body("not json")
            .post("/api/v1/ingest/events")
            .then().statusCode(400).body("error", not(containsString("Exception")));
    }

    @Test
    void ingestShouldRejectAndKeepAMalformedEventWithoutLosingTheGoodOnes() {
        String badId = UUID.randomUUID().toString();
        Map<String, Object> malformed = Map.of("id", badId, "type", "SUBMITTED", "occurredAt", "yesterday",
            "recipients", List.of());
        Map<String, Object> good = submitted(uniqueMessageId("good"), "alice@corp.example", null, false, "bob@corp.example");

        post(malformed, good).statusCode(200)
            .body("accepted", equalTo(1)).body("duplicates", equalTo(0)).body("rejected", equalTo(1));

        List<RejectedEvent> rejected = QuarkusTransaction.requiringNew().call(() -> repository.rejectedWithEventId(badId));
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).reason()).contains("occurredAt").contains("[yesterday]");
        assertThat(rejected.get(0).payload()).contains(badId).contains("yesterday");
        assertThat(QuarkusTransaction.requiringNew().call(() -> repository.exists((String) good.get("id")))).isTrue();
    }

    @Test
    void ingestShouldRejectAnEventOfUnknownTypeOrWithoutUuid() {
        post(Map.of("id", UUID.randomUUID().toString(), "type", "BOUNCED", "occurredAt", "2026-01-01T00:00:00Z"),
            Map.of("id", "not-a-uuid", "type", "SUBMITTED", "occurredAt", "2026-01-01T00:00:00Z", "recipients", List.of()),
            "just a string")
            .statusCode(200)
            .body("accepted", equalTo(0)).body("rejected", equalTo(3));
    }
}
