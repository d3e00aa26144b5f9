package dev.receipts.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Debian's Exim 4.96 as the partner's MTA ({@link EximPeer}). Its reports: a success DSN ({@code delivered}
 * 2.0.0), {@code failed} 5.0.0 for an address it accepted and could not route ("Unrouteable address": Exim
 * gives no more precise code), {@code delayed} 4.0.0 in its delay warning.
 *
 * <p>Exim does not pipeline when it sends its reports to James here: with PIPELINING (its default), James
 * 3.8.1 kept each report, closed the connection without its 250 ("Remote host closed connection in response
 * to end of data" in Exim's log), and Exim sent the report again, so each fact was counted twice.
 * {@link #reportSentAgainByTheMtaShouldCountOnce} pins that down.
 */
class EximInteropIT extends RemoteMtaInterop {
    @Override
    RemoteMta newPartner() throws Exception {
        return EximPeer.create();
    }

    @Override
    String name() {
        return "Exim";
    }

    @Override
    String unknownMailboxStatus() {
        return "5.0.0";
    }

    @Override
    String delayedStatus() {
        return "4.0.0";
    }

    /**
     * James 3.8.1 closes the connection after Exim's pipelined end of data without its 250, so Exim sends the same
     * DSN (same Message-ID, same fields) again: the service must count that fact once.
     */
    @Test
    void reportSentAgainByTheMtaShouldCountOnce() throws Exception {
        EximPeer exim = (EximPeer) partner;
        exim.pipelineToSender(true);
        String messageId = send("Pipelined", "env-" + UUID.randomUUID(), "dana@partner.example");
        try {
            await().atMost(PATIENCE).untilAsserted(() ->
                assertDelivery(message(messageId), "dana@partner.example", "DELIVERED", "2.0.0"));
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(dsnStates(ReceiptsApi.recipient(message(messageId), "dana@partner.example")))
                    .as("one delivered DSN from Exim, recorded once (Exim's log:%n%s)", exim.logText())
                    .containsExactly("DELIVERED 2.0.0"));
        } finally {
            keepEvidence("pipelined", messageId);
            exim.pipelineToSender(false);
        }
    }
}
