package dev.receipts.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong mailet parameter stops James at start-up, with a message naming the mailet and the parameter. */
class BadConfigurationIT {
    @TempDir
    Path workDir;

    @Test
    void jamesShouldRefuseToStartWhenAReceiptsMailetParameterIsInvalid() throws Exception {
        JamesNode james = JamesNode.builder(StackLayout.locate(), workDir)
            .ports(JamesNode.Ports.free())
            .ingestToken("some-token")
            .replaceInMailetContainer("<captureAll>true</captureAll>", "<captureAll>yes</captureAll>")
            .build();

        String log = james.startExpectingFailure(Duration.ofSeconds(120));

        assertThat(log).contains("CaptureReceiptRequests").contains("'captureAll'").contains("[yes]");
    }

    @Test
    void jamesShouldRefuseToStartWhenTheIngestTokenIsNotSet() throws Exception {
        JamesNode james = JamesNode.builder(StackLayout.locate(), workDir)
            .ports(JamesNode.Ports.free())
            .ingestToken("unused")
            .replaceInMailetContainer("<token>${env:RECEIPTS_INGEST_TOKEN}</token>", "<token>  </token>")
            .build();

        String log = james.startExpectingFailure(Duration.ofSeconds(120));

        assertThat(log).containsPattern("(EnforceReceiptPolicy|CollectReports|CaptureReceiptRequests|RecordLocalDelivery): 'token'");
    }
}
