package dev.receipts.service.retention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PurgeProgressTest {
    @Test
    void toJsonShouldListEveryKindInOrderWithItsCountAndWhetherItIsDone() {
        PurgeProgress testee = new PurgeProgress();
        testee.add(PurgeProgress.MESSAGES, 500);
        testee.add(PurgeProgress.MESSAGES, 700);
        testee.done(PurgeProgress.MESSAGES);
        testee.add(PurgeProgress.PSEUDONYMISED, 3);

        assertThat(testee.toJson()).isEqualTo("{\"messages\":{\"deleted\":1200,\"done\":true},"
            + "\"reports\":{\"deleted\":0,\"done\":false},"
            + "\"rawEvents\":{\"deleted\":0,\"done\":false},\"rejectedEvents\":{\"deleted\":0,\"done\":false},"
            + "\"orphanReports\":{\"deleted\":0,\"done\":false},\"ledger\":{\"deleted\":0,\"done\":false},"
            + "\"pixelReports\":{\"deleted\":0,\"done\":false},\"auditLog\":{\"deleted\":0,\"done\":false},"
            + "\"pseudonymised\":{\"pseudonymised\":3,\"done\":false}}");
    }
}
