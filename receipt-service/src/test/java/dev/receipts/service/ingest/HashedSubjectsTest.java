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

import dev.receipts.service.privacy.Pseudonyms;
import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code receipts.privacy.subjects=HASH}: only the keyed hash of a subject is stored, in the message and the raw event. */
@QuarkusTest
@TestProfile(HashedSubjectsTest.HashSubjects.class)
@QuarkusTestResource(FakeImapResource.class)
class HashedSubjectsTest {
    public static class HashSubjects implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("receipts.privacy.subjects", "HASH");
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Pseudonyms pseudonyms;

    @Test
    void hashedSubjectsShouldBeStoredAsTheirHashOnly() {
        String subject = "Hashed salary review " + UUID.randomUUID();
        Map<String, Object> event = submitted(uniqueMessageId("hash"), "alice@corp.example", null, true, "bob@corp.example");
        event.put("subject", subject);
        Map<String, Object> malformed = submitted(uniqueMessageId("hash-bad"), "alice@corp.example", null, true,
            "bob@corp.example");
        malformed.put("subject", subject);
        malformed.put("recipients", "nobody");

        post(event, malformed).statusCode(200).body("accepted", equalTo(1)).body("rejected", equalTo(1));

        String hash = pseudonyms.hash(subject);
        assertThat(hash).startsWith("hmac:").hasSize(5 + 64);
        assertThat(SubjectMinimisationTest.occurrences(em, subject)).isZero();
        assertThat(SubjectMinimisationTest.storedSubject(em, (String) event.get("id"))).isEqualTo(hash);
        assertThat(SubjectMinimisationTest.payload(em, (String) event.get("id"))).contains("\"subject\":\"" + hash + "\"");
    }
}
