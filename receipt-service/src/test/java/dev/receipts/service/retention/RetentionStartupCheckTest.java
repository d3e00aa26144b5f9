package dev.receipts.service.retention;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetentionStartupCheckTest {
    @Test
    void checkShouldRefuseRawEventsKeptLongerThanThePseudonymisationHorizon() {
        assertThatThrownBy(() -> RetentionStartupCheck.check("receipts.retention.raw-events", Duration.ofDays(31), Duration.ofDays(30)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("receipts.retention.raw-events [PT744H] must not exceed"
                + " receipts.privacy.pseudonymise-external-after [PT720H]: raw events and orphan reports carry clear addresses");
    }

    @Test
    void checkShouldAcceptRawEventsKeptAsLongAsOrShorterThanTheHorizon() {
        assertThatCode(() -> RetentionStartupCheck.check("receipts.retention.raw-events", Duration.ofDays(30), Duration.ofDays(30)))
            .doesNotThrowAnyException();
        assertThatCode(() -> RetentionStartupCheck.check("receipts.retention.raw-events", Duration.ofDays(14), Duration.ofDays(30)))
            .doesNotThrowAnyException();
    }
}
