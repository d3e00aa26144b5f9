package dev.receipts.service.retention;

import static dev.receipts.service.retention.LegalHoldResourceTest.changing;
import static dev.receipts.service.retention.RetentionData.daysAgo;
import static dev.receipts.service.retention.RetentionData.unique;
import static dev.receipts.service.retention.RetentionData.utc;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/** The report log (received_report and its recipients) under the purge and the erasure. */
@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class ReportLogRetentionTest {
    private static final String PURGES = "/api/v1/admin/purges";

    @Inject
    RetentionData data;

    @BeforeEach
    void releaseLeftoverRuns() {
        data.execute("update purge_run set status = 'FAILED', running_slot = null where status = 'RUNNING'");
    }

    private long report(String eventId, Instant receivedAt, Long messageId, String finalRecipient, String fields) {
        data.execute("insert into received_report (event_id, received_at, report_type, heuristic, correlation,"
            + " message_id, fields) values (?1, ?2, 'delivery-status', false, 'ORPHAN', ?3, ?4)",
            eventId, utc(receivedAt), messageId, fields);
        long id = data.count("select id from received_report where event_id = ?1", eventId);
        data.execute("insert into received_report_recipient (report_id, position, final_recipient, final_recipient_norm)"
            + " values (?1, 0, ?2, ?3)", id, "rfc822;" + finalRecipient, finalRecipient);
        return id;
    }

    private long reports(String marker) {
        return data.count("select count(*) from received_report where event_id like ?1", marker + "%");
    }

    private long orphanRecipientRows() {
        return data.count("select count(*) from received_report_recipient x where not exists"
            + " (select 1 from received_report r where r.id = x.report_id)");
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void purgeShouldDeleteReportsOlderThanTheMessagesRetentionChildrenFirstExceptAboutHeldMessages() {
        runToCompletion();
        String marker = unique("rl");
        String held = uniqueMessageId("held-report");
        data.message(held, "alice@corp.example", daysAgo(400), "bob@corp.example");
        long heldId = data.count("select id from sent_message where message_id = ?1", held);
        changing().body(Map.of("kind", "MESSAGE", "value", held, "reason", "test hold"))
            .post(LegalHoldResourceTest.PATH).then().statusCode(201);
        report(marker + "-old-1", daysAgo(366), null, "x@partner.example", "{}");
        report(marker + "-old-2", daysAgo(366), null, "y@partner.example", "{}");
        report(marker + "-new", daysAgo(364), null, "z@partner.example", "{}");
        report(marker + "-held", daysAgo(390), heldId, "bob@corp.example", "{}");

        JsonPath run = runToCompletion();

        assertThat(run.getInt("progress.reports.deleted")).isGreaterThanOrEqualTo(2);
        assertThat(run.getBoolean("progress.reports.done")).isTrue();
        assertThat(data.strings("select event_id from received_report where event_id like ?1", marker + "%"))
            .containsExactlyInAnyOrder(marker + "-new", marker + "-held");
        assertThat(orphanRecipientRows()).isZero();
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void erasureShouldDeleteTheReportsThatMentionTheAddressAndNoOther() {
        String marker = unique("er");
        String address = unique("gone") + "@partner.example";
        report(marker + "-final", daysAgo(1), null, address, "{}");
        report(marker + "-fields", daysAgo(1), null, "someone@partner.example",
            "{\"dsn\":{\"recipients\":[{\"diagnosticCode\":\"550 <" + address.toUpperCase() + ">\"}]}}");
        report(marker + "-other", daysAgo(1), null, "other@partner.example", "{}");

        JsonPath answer = changing().body(Map.of("address", address, "reason", "GDPR art. 17 request #13"))
            .post("/api/v1/admin/erasures").then().statusCode(201).extract().jsonPath();

        assertThat(answer.getInt("counts.reportsDeleted")).isEqualTo(2);
        assertThat(data.strings("select event_id from received_report where event_id like ?1", marker + "%"))
            .containsExactly(marker + "-other");
        assertThat(reports(marker)).isEqualTo(1);
        assertThat(orphanRecipientRows()).isZero();
    }

    private static JsonPath runToCompletion() {
        long id = changing().post(PURGES).then().statusCode(202).body("status", equalTo("RUNNING"))
            .extract().jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
            !"RUNNING".equals(given().get(PURGES + "/" + id).then().statusCode(200).extract().path("status")));
        return given().get(PURGES + "/" + id).then().statusCode(200).extract().jsonPath();
    }
}
