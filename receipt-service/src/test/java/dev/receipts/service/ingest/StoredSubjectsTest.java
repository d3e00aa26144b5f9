package dev.receipts.service.ingest;

import static dev.receipts.service.support.Events.post;
import static dev.receipts.service.support.Events.submitted;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code receipts.privacy.subjects=STORE}: the subject is kept as sent, cut to the column's 2000 characters. */
@QuarkusTest
@TestProfile(StoredSubjectsTest.StoreSubjects.class)
@QuarkusTestResource(FakeImapResource.class)
class StoredSubjectsTest {
    public static class StoreSubjects implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("receipts.privacy.subjects", "STORE");
        }
    }

    @Inject
    EntityManager em;

    @Test
    void storedSubjectsShouldBeKeptAndOversizeOnesCut() {
        Map<String, Object> event = submitted(uniqueMessageId("store"), "alice@corp.example", null, false, "bob@corp.example");
        event.put("subject", "Lunch on Friday? ünïcödé");
        Map<String, Object> huge = submitted(uniqueMessageId("store-huge"), "alice@corp.example", null, false,
            "bob@corp.example");
        huge.put("subject", "s".repeat(5000));

        post(event, huge).statusCode(200).body("accepted", equalTo(2));

        assertThat(SubjectMinimisationTest.storedSubject(em, (String) event.get("id"))).isEqualTo("Lunch on Friday? ünïcödé");
        assertThat(SubjectMinimisationTest.storedSubject(em, (String) huge.get("id"))).hasSize(2000).endsWith("…");
    }
}
