package dev.receipts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class EnvelopeIdsTest {
    private static final String KEY = "a-shared-key-0123456789";

    @Test
    void anIdMadeByTheMailetsIsValidForTheServiceWithTheSameKey() {
        String id = new EnvelopeIds(KEY).next();

        assertThat(id).matches("rcpt\\.[0-9a-f]{32}\\.[0-9a-f]{32}").hasSize(70);
        assertThat(new EnvelopeIds(KEY).verifies(id)).isTrue();
        assertThat(EnvelopeIds.check(id, Optional.of(KEY))).isEqualTo(EnvelopeIds.Check.VALID);
        assertThat(EnvelopeIds.check(" " + id + " ", Optional.of(KEY))).as("as a DSN may space it")
            .isEqualTo(EnvelopeIds.Check.VALID);
    }

    @Test
    void anotherKeyOrAChangedIdIsForged() {
        String id = new EnvelopeIds(KEY).next();
        String tampered = id.substring(0, 5) + (id.charAt(5) == 'a' ? 'b' : 'a') + id.substring(6);

        assertThat(EnvelopeIds.check(id, Optional.of("another-key-0123456789"))).isEqualTo(EnvelopeIds.Check.FORGED);
        assertThat(EnvelopeIds.check(tampered, Optional.of(KEY))).isEqualTo(EnvelopeIds.Check.FORGED);
        assertThat(EnvelopeIds.check("rcpt.123", Optional.of(KEY))).isEqualTo(EnvelopeIds.Check.FORGED);
        assertThat(new EnvelopeIds(KEY).verifies(tampered)).isFalse();
    }

    @Test
    void anIdTheSenderChoseIsNotOursAndWithoutAKeyOursIsUnchecked() {
        assertThat(EnvelopeIds.check("env-1", Optional.of(KEY))).isEqualTo(EnvelopeIds.Check.NOT_OURS);
        assertThat(EnvelopeIds.check(null, Optional.of(KEY))).isEqualTo(EnvelopeIds.Check.NOT_OURS);
        assertThat(EnvelopeIds.check(new EnvelopeIds(KEY).next(), Optional.empty())).isEqualTo(EnvelopeIds.Check.UNCHECKED);
    }

    @Test
    void signingIsDeterministic() {
        String random = "0123456789abcdef0123456789abcdef";
        assertThat(new EnvelopeIds(KEY).sign(random)).isEqualTo(new EnvelopeIds(KEY).sign(random))
            .startsWith("rcpt." + random + ".");
    }
}
