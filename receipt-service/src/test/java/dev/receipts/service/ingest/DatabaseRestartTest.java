package dev.receipts.service.ingest;

import static dev.receipts.service.support.Events.submitted;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.receipts.service.support.Events;
import dev.receipts.service.support.FakeImapResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * PostgreSQL stopped for three seconds and started again under load ({@code pg_ctlcluster} on the local server, as
 * root: the CI's
 * PostgreSQL profile): every batch is answered 200 or 503 with {@code Retry-After}, never anything else, and once
 * the batches are sent again as the forwarder does, every event is stored exactly once.
 */
@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
@EnabledIfSystemProperty(named = "quarkus.datasource.db-kind", matches = "postgresql")
class DatabaseRestartTest {
    private static final int BATCHES = 60;
    private static final int EVENTS_PER_BATCH = 50;

    @Inject
    EntityManager em;

    @Test
    void aDatabaseRestartUnderLoadLosesNothingAndStoresNothingTwice() throws Exception {
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int e = 0; e < EVENTS_PER_BATCH; e++) {
                Map<String, Object> event = submitted(uniqueMessageId("restart"), "alice@corp.example", null, false,
                    "bob@corp.example");
                batch.add(event);
                ids.add((String) event.get("id"));
            }
            batches.add(batch);
        }
        List<Integer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService poster = Executors.newSingleThreadExecutor();
        Future<?> posting = poster.submit(() -> {
            for (List<Map<String, Object>> batch : batches) {
                // As the forwarder does: the same batch again until it is answered 200.
                while (true) {
                    int status = post(batch);
                    answers.add(status);
                    if (status == 200) {
                        break;
                    }
                    Thread.sleep(500);
                }
            }
            return null;
        });
        while (answers.size() < 3) {
            Thread.sleep(10);
        }
        assertThat(posting.isDone()).as("the restart comes under load").isFalse();
        restartPostgresql();
        boolean restartedUnderLoad = !posting.isDone();
        posting.get(3, TimeUnit.MINUTES);
        poster.shutdownNow();
        System.out.printf("DatabaseRestartTest: %d batches, answers %s%n", BATCHES,
            answers.stream().collect(java.util.stream.Collectors.groupingBy(s -> s, java.util.stream.Collectors.counting())));
        assertThat(restartedUnderLoad).as("batches were still being sent when the database came back").isTrue();

        assertThat(answers).as("every answer is 200, or 503 while the database is away").allMatch(s -> s == 200 || s == 503);
        long stored = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from ingested_event where event_id in (:ids)").setParameter("ids", ids)
            .getSingleResult()).longValue());
        assertThat(stored).isEqualTo(ids.size());
        long messages = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from sent_message where event_id in (:ids)").setParameter("ids", ids)
            .getSingleResult()).longValue());
        assertThat(messages).as("one message per SUBMITTED event").isEqualTo(ids.size());
    }

    private static int post(List<Map<String, Object>> batch) {
        try {
            Response response = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + Events.TOKEN)
                .body(Map.of("events", batch)).post("/api/v1/ingest/events");
            if (response.statusCode() == 503) {
                assertThat(response.header("Retry-After")).isNotBlank();
            }
            return response.statusCode();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void restartPostgresql() throws Exception {
        String version;
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow();
        }
        // Stopped for a few seconds, not only restarted: long enough that batches meet no database at all.
        pgCtlCluster(version, "stop");
        Thread.sleep(3000);
        pgCtlCluster(version, "start");
    }

    private static void pgCtlCluster(String version, String action) throws Exception {
        Process process = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action)
            .inheritIO().start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pg_ctlcluster " + action + " finished").isTrue();
        assertThat(process.exitValue()).as("pg_ctlcluster " + action).isZero();
    }
}
