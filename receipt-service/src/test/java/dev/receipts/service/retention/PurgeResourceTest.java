package dev.receipts.service.retention;

import static dev.receipts.service.retention.LegalHoldResourceTest.changing;
import static dev.receipts.service.retention.RetentionData.daysAgo;
import static dev.receipts.service.retention.RetentionData.unique;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.receipts.service.privacy.PseudonymTable;
import dev.receipts.service.privacy.Pseudonyms;
import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class PurgeResourceTest {
    static final String PATH = "/api/v1/admin/purges";
    static final String ALICE = "alice@corp.example";

    @Inject
    RetentionData data;

    @Inject
    Pseudonyms pseudonyms;

    @Inject
    PseudonymTable pseudonymTable;

    /** A test that failed half-way must not leave a run that blocks the next ones. */
    @BeforeEach
    void releaseLeftoverRuns() {
        data.execute("update purge_run set status = 'FAILED', running_slot = null where status = 'RUNNING'");
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void purgeShouldDeleteExactlyWhatIsOlderThanEachRetentionAndKeepHeldMessages() {
        runToCompletion(); // whatever earlier tests left past a retention, so that this run counts only these rows
        String heldSender = unique("held") + "@corp.example";
        String oldest = uniqueMessageId("old");
        List<String> old = List.of(oldest, uniqueMessageId("old"), uniqueMessageId("old"), uniqueMessageId("old"));
        for (String id : old) {
            data.message(id, ALICE, daysAgo(366), "bob@corp.example", "dave@partner.example");
        }
        String recent = uniqueMessageId("recent");
        data.message(recent, ALICE, daysAgo(364), "bob@corp.example");
        String held = uniqueMessageId("held");
        data.message(held, ALICE, daysAgo(400), "bob@corp.example");
        String bySender = uniqueMessageId("held-sender");
        data.message(bySender, heldSender, daysAgo(400), "bob@corp.example");
        placeHold("MESSAGE", held);
        placeHold("SENDER", heldSender.toUpperCase());

        String marker = unique("raw");
        for (int i = 0; i < 4; i++) {
            data.ingestedEvent(marker + "-old-" + i, daysAgo(15), "{}");
        }
        data.ingestedEvent(marker + "-new", daysAgo(13), "{}");
        // Older than raw-events (14 days), but its report is still pending: correlation needs it.
        data.ingestedEvent(marker + "-pending", daysAgo(20), "{}");
        data.rejectedEvent(marker + "-old-1", daysAgo(15), "{}");
        data.rejectedEvent(marker + "-old-2", daysAgo(15), "{}");
        data.rejectedEvent(marker + "-new", daysAgo(13), "{}");
        data.pendingReport(marker + "-old-1", daysAgo(31), "rfc822;x@partner.example");
        data.pendingReport(marker + "-old-2", daysAgo(31), "rfc822;x@partner.example");
        data.pendingReport(marker + "-new", daysAgo(29), "rfc822;x@partner.example");
        data.pendingReport(marker + "-pending", daysAgo(20), "rfc822;x@partner.example");
        List<String> oldLedger = List.of(
            data.ledger(daysAgo(731), "bob@corp.example", "ps_000000000000000000000000", uniqueMessageId("m")),
            data.ledger(daysAgo(731), "bob@corp.example", null, null),
            data.ledger(daysAgo(731), "bob@corp.example", null, null),
            data.ledger(daysAgo(731), "bob@corp.example", null, null));
        String newLedger = data.ledger(daysAgo(729), "bob@corp.example", null, null);
        String heldLedger = data.ledger(daysAgo(800), "bob@corp.example", null, held);
        String heldEmployeeLedger = data.ledger(daysAgo(800), heldSender, null, null);
        List<String> oldPixels = List.of(data.pixelReport(daysAgo(91)), data.pixelReport(daysAgo(91)));
        String newPixels = data.pixelReport(daysAgo(89));
        data.auditEntry(daysAgo(1826), marker + "-old");
        data.auditEntry(daysAgo(1826), marker + "-old");
        data.auditEntry(daysAgo(1824), marker + "-new");

        JsonPath run = runToCompletion();

        assertThat(run.getString("status")).isEqualTo("DONE");
        assertThat(run.getMap("progress.messages")).isEqualTo(Map.of("deleted", 4, "done", true));
        assertThat(run.getMap("progress.rawEvents")).isEqualTo(Map.of("deleted", 4, "done", true));
        assertThat(run.getMap("progress.rejectedEvents")).isEqualTo(Map.of("deleted", 2, "done", true));
        assertThat(run.getMap("progress.orphanReports")).isEqualTo(Map.of("deleted", 2, "done", true));
        assertThat(run.getMap("progress.ledger")).isEqualTo(Map.of("deleted", 4, "done", true));
        assertThat(run.getMap("progress.pixelReports")).isEqualTo(Map.of("deleted", 2, "done", true));
        assertThat(run.getMap("progress.auditLog")).isEqualTo(Map.of("deleted", 2, "done", true));
        assertThat(run.getBoolean("progress.pseudonymised.done")).isTrue();

        for (String id : old) {
            assertThat(messageCount(id)).as(id).isZero();
        }
        assertThat(data.count("select count(*) from message_recipient r where not exists"
            + " (select 1 from sent_message m where m.id = r.message_id)")).isZero();
        assertThat(data.count("select count(*) from timeline_entry t where not exists"
            + " (select 1 from message_recipient r where r.id = t.recipient_id)")).isZero();
        assertThat(messageCount(recent)).isEqualTo(1);
        assertThat(messageCount(held)).isEqualTo(1);
        assertThat(messageCount(bySender)).isEqualTo(1);
        assertThat(data.count("select count(*) from message_recipient r join sent_message m on m.id = r.message_id"
            + " where m.message_id in (?1, ?2)", held, bySender)).isEqualTo(2);
        assertThat(data.strings("select event_id from ingested_event where event_id like ?1", marker + "%"))
            .containsExactlyInAnyOrder(marker + "-new", marker + "-pending");
        assertThat(data.strings("select event_id from rejected_event where event_id like ?1", marker + "%"))
            .containsExactly(marker + "-new");
        assertThat(data.strings("select event_id from pending_report where event_id like ?1", marker + "%"))
            .containsExactlyInAnyOrder(marker + "-new", marker + "-pending");
        assertThat(data.count("select count(*) from consent_ledger where event_id in (?1, ?2, ?3, ?4)",
            oldLedger.toArray())).isZero();
        assertThat(data.count("select count(*) from consent_ledger where event_id in (?1, ?2, ?3)",
            newLedger, heldLedger, heldEmployeeLedger)).isEqualTo(3);
        assertThat(data.count("select count(*) from pixel_report where event_id in (?1, ?2)", oldPixels.toArray()))
            .isZero();
        assertThat(data.count("select count(*) from pixel_report where event_id = ?1", newPixels)).isEqualTo(1);
        assertThat(data.strings("select target from audit_log where target like ?1", marker + "%"))
            .containsExactly(marker + "-new");
        assertThat(data.count("select count(*) from audit_log where action = 'PURGE_FINISHED' and target = ?1",
            "purge run " + run.getLong("id"))).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void releasedHoldsShouldNoLongerProtect() {
        String id = uniqueMessageId("released");
        data.message(id, ALICE, daysAgo(400), "bob@corp.example");
        long hold = placeHold("MESSAGE", id);
        runToCompletion();
        assertThat(messageCount(id)).isEqualTo(1);

        changing().delete(LegalHoldResourceTest.PATH + "/" + hold).then().statusCode(200);
        runToCompletion();

        assertThat(messageCount(id)).isZero();
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void pseudonymisationShouldReplaceExternalAddressesPastTheHorizonOnly() {
        runToCompletion(); // whatever earlier tests left past the horizon
        String external = unique("Dave") + "@Partner.Example";
        String lower = external.toLowerCase();
        String newer = unique("erin") + "@partner.example";
        String heldExternal = unique("frank") + "@partner.example";
        String oldId = uniqueMessageId("past");
        String envelope = data.message(oldId, ALICE, daysAgo(31), external, "bob@corp.example");
        data.failure(envelope, external, daysAgo(31));
        String newId = uniqueMessageId("within");
        data.message(newId, ALICE, daysAgo(29), newer);
        String heldId = uniqueMessageId("held");
        data.message(heldId, ALICE, daysAgo(31), heldExternal);
        placeHold("MESSAGE", heldId);
        String oldLedger = data.ledger(daysAgo(31), ALICE, external + ", bob@corp.example", uniqueMessageId("x"));
        String newLedger = data.ledger(daysAgo(29), ALICE, newer, null);
        String pseudonym = pseudonyms.of(lower);

        JsonPath run = runToCompletion();

        assertThat(run.getMap("progress.pseudonymised")).isEqualTo(Map.of("pseudonymised", 2, "done", true));
        assertThat(recipientColumns(oldId, pseudonym)).containsExactly(pseudonym, pseudonym, pseudonym, pseudonym);
        assertThat(data.count("select count(*) from message_recipient r join sent_message m on m.id = r.message_id"
            + " where m.message_id = ?1 and r.address_norm = ?2 and r.pseudonymised_at is not null", oldId, pseudonym))
            .isEqualTo(1);
        assertThat(data.count("select count(*) from message_recipient r join sent_message m on m.id = r.message_id"
            + " where m.message_id = ?1 and r.address = 'bob@corp.example' and r.pseudonymised_at is null", oldId))
            .isEqualTo(1);
        assertThat(details(oldId)).anySatisfy(d -> assertThat(d).contains("<" + pseudonym + ">"))
            .noneSatisfy(d -> assertThat(d.toLowerCase()).contains(lower));
        assertThat(recipientColumns(newId, newer)).containsExactly(newer, newer, "rfc822;" + newer, newer);
        assertThat(recipientColumns(heldId, heldExternal))
            .containsExactly(heldExternal, heldExternal, "rfc822;" + heldExternal, heldExternal);
        assertThat(data.strings("select counterpart from consent_ledger where event_id = ?1", oldLedger))
            .containsExactly(pseudonym + ",bob@corp.example");
        assertThat(data.strings("select counterpart from consent_ledger where event_id = ?1", newLedger))
            .containsExactly(newer);
        assertThat(pseudonymTable.reveal(pseudonym)).contains(lower);
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void aSecondRunWhileOneIsRunningShouldGet409WithTheRunningId() {
        long running = insertRunningRun(Instant.now());
        try {
            changing().post(PATH).then().statusCode(409)
                .body("runningId", equalTo((int) running))
                .body("error", equalTo("A purge is already running: run [" + running + "]"));
        } finally {
            data.execute("update purge_run set status = 'FAILED', running_slot = null where id = ?1", running);
        }
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void aRunAbandonedByAStoppedInstanceShouldNotBlockANewOne() {
        long abandoned = insertRunningRun(Instant.now().minus(Duration.ofHours(2)));

        JsonPath run = runToCompletion();

        assertThat(run.getString("status")).isEqualTo("DONE");
        given().get(PATH + "/" + abandoned).then().statusCode(200)
            .body("status", equalTo("FAILED")).body("error", startsWith("abandoned"));
        given().get(PATH).then().statusCode(200).body("items.id", hasItem((int) abandoned));
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void anUnknownRunShouldGet404() {
        given().get(PATH + "/987654321").then().statusCode(404)
            .body("error", equalTo("Purge run [987654321] not found"));
    }

    @Test
    void anonymousShouldGet401() {
        given().get(PATH).then().statusCode(401);
        changing().post(PATH).then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "bob@corp.example", roles = "employee")
    void anEmployeeShouldGet403() {
        given().get(PATH).then().statusCode(403);
        changing().post(PATH).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "carol@corp.example", roles = {"employee", "compliance"})
    void complianceShouldNotPurge() {
        given().get(PATH).then().statusCode(403);
        changing().post(PATH).then().statusCode(403);
    }

    /** Starts a run, waits for it to end, and returns it. */
    private static JsonPath runToCompletion() {
        long id = changing().post(PATH).then().statusCode(202)
            .body("status", equalTo("RUNNING"))
            .extract().jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
            !"RUNNING".equals(given().get(PATH + "/" + id).then().statusCode(200).extract().path("status")));
        return given().get(PATH + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    private long placeHold(String kind, String value) {
        return changing().body(Map.of("kind", kind, "value", value, "reason", "test hold"))
            .post(LegalHoldResourceTest.PATH).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private long insertRunningRun(Instant heartbeat) {
        String by = unique("other-instance");
        data.execute("insert into purge_run (trigger_kind, requested_by, started_at, status, progress, running_slot,"
            + " heartbeat_at) values ('SCHEDULED', ?1, ?2, 'RUNNING', '{}', 1, ?2)", by, RetentionData.utc(heartbeat));
        return data.count("select id from purge_run where requested_by = ?1", by);
    }

    private long messageCount(String messageId) {
        return data.count("select count(*) from sent_message where message_id = ?1", messageId);
    }

    /** address, address_norm, orcpt, orcpt_norm of the message's recipient now or formerly known as the address. */
    private List<String> recipientColumns(String messageId, String address) {
        Object[] row = data.rows("select r.address, r.address_norm, r.orcpt, r.orcpt_norm from message_recipient r"
            + " join sent_message m on m.id = r.message_id where m.message_id = ?1 and r.address_norm = ?2",
            messageId, address).get(0);
        return List.of((String) row[0], (String) row[1], (String) row[2], (String) row[3]);
    }

    private List<String> details(String messageId) {
        return data.strings("select t.detail from timeline_entry t join message_recipient r on r.id = t.recipient_id"
            + " join sent_message m on m.id = r.message_id where m.message_id = ?1 and t.detail is not null", messageId);
    }
}
