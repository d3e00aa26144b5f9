package dev.receipts.service.ingest;

import static dev.receipts.service.support.Events.mdn;
import static dev.receipts.service.support.Events.mdnDecision;
import static dev.receipts.service.support.Events.post;
import static dev.receipts.service.support.Events.submitted;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.receipts.service.consent.ConsentIngest;
import dev.receipts.service.consent.LedgerEntry;
import dev.receipts.service.support.FakeImapResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/** A problem with one event's data is never an error for its batch (docs/events.md, "Answers"). */
@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
@TestSecurity(user = "alice@corp.example", roles = "employee")
class NoEventFailsTheBatchTest {
    private static final String ALICE = "alice@corp.example";
    private static final String BOB = "bob@corp.example";

    @Inject
    EntityManager em;

    @Inject
    IngestRepository repository;

    @Test
    void anEventTheDatabaseRefusesIsKeptAsRejectedWithTheReasonAndTheOthersAreStored() {
        String before = uniqueMessageId("before");
        String refused = uniqueMessageId("refused-by-the-database");
        String after = uniqueMessageId("after");
        Map<String, Object> refusedEvent = submitted(refused, ALICE, null, false, BOB);
        sql("alter table sent_message add constraint refuse_for_test check "
            + "(message_id is null or message_id not like '%refused-by-the-database%')");
        try {
            post(submitted(before, ALICE, null, false, BOB), refusedEvent, submitted(after, ALICE, null, false, BOB))
                .statusCode(200).body("accepted", equalTo(2)).body("rejected", equalTo(1));
            post(refusedEvent).statusCode(200).body("rejected", equalTo(1));
        } finally {
            sql("alter table sent_message drop constraint refuse_for_test");
        }

        List<RejectedEvent> kept = QuarkusTransaction.requiringNew()
            .call(() -> repository.rejectedWithEventId((String) refusedEvent.get("id")));
        assertThat(kept).as("kept once, though posted twice").hasSize(1);
        assertThat(kept.get(0).reason()).startsWith("could not be stored: ").containsIgnoringCase("refuse_for_test");
        assertThat(kept.get(0).payload()).contains("refused-by-the-database");
        for (String stored : List.of(before, after)) {
            given().queryParam("messageId", stored).get("/api/v1/messages").then().statusCode(200)
                .body("items.size()", equalTo(1));
        }
    }

    @Test
    void anMdnDecisionWithoutAuthorOrDispositionTypeIsStoredInTheLedger() {
        Map<String, Object> decision = mdnDecision(null, "EXTERNAL", "SENT", "DEFAULT", "ASK",
            uniqueMessageId("no-author"), "partner@example.net");
        decision.put("dispositionType", null);

        post(decision).statusCode(200).body("accepted", equalTo(1)).body("rejected", equalTo(0));

        LedgerEntry row = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "from LedgerEntry l where l.eventId = :id", LedgerEntry.class)
            .setParameter("id", decision.get("id")).getSingleResult());
        assertThat(row.employee()).isEqualTo(ConsentIngest.UNKNOWN_AUTHOR);
        assertThat(row.detail()).contains(ConsentIngest.UNKNOWN_AUTHOR_DETAIL);
        assertThat(row.disposition()).isNull();
        assertThat(row.counterpart()).isEqualTo("partner@example.net");
    }

    @Test
    void anMdnWhoseDispositionCannotBeReadLeavesTheStateAndSaysSo() {
        String id = uniqueMessageId("unreadable-mdn");
        Map<String, Object> report = mdn(id, BOB, BOB, "displayed");
        @SuppressWarnings("unchecked")
        Map<String, Object> part = (Map<String, Object>) report.get("mdn");
        part.put("dispositionType", null);
        part.put("disposition", null);

        post(submitted(id, ALICE, null, true, BOB), report).statusCode(200).body("accepted", equalTo(2));

        JsonPath message = given().queryParam("messageId", id).get("/api/v1/messages").then().statusCode(200)
            .extract().jsonPath().setRootPath("items[0]");
        assertThat(message.getString("recipients[0].disposition.state")).isEqualTo("NONE");
        assertThat(message.getList("recipients[0].timeline.detail", String.class))
            .anyMatch(detail -> detail != null && detail.contains("disposition could not be read"));
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).executeUpdate());
    }
}
