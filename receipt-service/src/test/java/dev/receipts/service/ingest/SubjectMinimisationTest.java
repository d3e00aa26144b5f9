package dev.receipts.service.ingest;

import static dev.receipts.service.support.Events.post;
import static dev.receipts.service.support.Events.submitted;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The default, {@code receipts.privacy.subjects=DROP}: a subject is stored nowhere, not even in raw events. */
@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class SubjectMinimisationTest {
    @Inject
    EntityManager em;

    @Test
    void droppedSubjectsShouldAppearNowhereInTheDatabase() {
        String subject = "Dropped merger plan " + UUID.randomUUID();
        Map<String, Object> good = submitted(uniqueMessageId("drop"), "alice@corp.example", null, true, "bob@corp.example");
        good.put("subject", subject);
        Map<String, Object> malformed = submitted(uniqueMessageId("drop-bad"), "alice@corp.example", null, true,
            "bob@corp.example");
        malformed.put("subject", subject);
        malformed.put("occurredAt", "not a date");

        post(good, malformed).statusCode(200).body("accepted", equalTo(1)).body("rejected", equalTo(1));

        assertThat(occurrences(subject)).isZero();
        assertThat(storedSubject((String) good.get("id"))).isNull();
        assertThat(payload((String) good.get("id"))).doesNotContain("\"subject\"");
    }

    @Test
    void aSubjectThatIsNotAStringShouldBeRejectedWithoutQuotingIt() {
        Map<String, Object> event = submitted(uniqueMessageId("drop-obj"), "alice@corp.example", null, false,
            "bob@corp.example");
        event.put("subject", Map.of("text", "Confidential layoffs list"));

        post(event).statusCode(200).body("rejected", equalTo(1));

        assertThat(occurrences("Confidential layoffs")).isZero();
    }

    long occurrences(String text) {
        return occurrences(em, text);
    }

    String storedSubject(String eventId) {
        return storedSubject(em, eventId);
    }

    String payload(String eventId) {
        return payload(em, eventId);
    }

    /** Rows of every table that keeps event text (raw events, messages, timelines) that contain the text. */
    static long occurrences(EntityManager em, String text) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String like = "%" + text + "%";
            long total = 0;
            for (String sql : new String[] {
                "select count(*) from ingested_event where payload like ?1",
                "select count(*) from rejected_event where payload like ?1 or reason like ?1",
                "select count(*) from sent_message where subject like ?1",
                "select count(*) from timeline_entry where detail like ?1",
                "select count(*) from pending_report where final_recipient like ?1"}) {
                total += ((Number) em.createNativeQuery(sql).setParameter(1, like).getSingleResult()).longValue();
            }
            return total;
        });
    }

    static String storedSubject(EntityManager em, String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em
            .createNativeQuery("select subject from sent_message where event_id = ?1").setParameter(1, eventId)
            .getSingleResult());
    }

    static String payload(EntityManager em, String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em
            .createNativeQuery("select payload from ingested_event where event_id = ?1").setParameter(1, eventId)
            .getSingleResult());
    }
}
