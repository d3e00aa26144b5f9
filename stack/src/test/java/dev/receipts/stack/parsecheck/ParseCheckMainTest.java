package dev.receipts.stack.parsecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCheckMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path directory;

    @Test
    void runShouldTabulateEveryMessageWithItsFamilyAndTheTotals() throws Exception {
        Path dsn = Files.createDirectories(directory.resolve("dsn"));
        Files.writeString(dsn.resolve("lhost-example-01.eml"), Samples.DSN);
        Files.writeString(dsn.resolve("lhost-qmail-01.eml"), Samples.PROSE_BOUNCE);
        Files.writeString(dsn.resolve("broken-01.eml"), "\u0000\u0001 not a message");
        Files.writeString(dsn.resolve("notes.txt"), "not a message file");
        Files.writeString(dsn.resolve("expected.json"), "[\n"
            + "{\"file\": \"lhost-example-01.eml\", \"extracted_mechanically\": {\"dsn_recipients\": ["
            + "{\"final-recipient\": \"rfc822; ann@example.org\", \"action\": \"failed\", \"status\": \"5.1.1\"},"
            + "{\"final-recipient\": \"rfc822; ben@example.org\", \"action\": \"delayed\", \"status\": \"4.4.1\"}]},"
            + " \"sisimai_expected\": {\"sisimai_engine\": \"Postfix\", \"recipients\": {\"1\": {\"status\": \"5.1.1\", \"reason\": \"userunknown\"}}}},\n"
            + "{\"file\": \"lhost-qmail-01.eml\", \"extracted_mechanically\": {},"
            + " \"sisimai_expected\": {\"sisimai_engine\": \"qmail\", \"recipients\": {\"1\": {\"status\": \"5.1.1\", \"reason\": \"userunknown\"}}}}\n"
            + "]\n");

        int exitCode = run(directory.toString());

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).isZero();
        assertThat(table)
            .contains("3 message file(s), 2 with an expectation")
            .containsPattern("dsn/lhost-example-01\\.eml +DSN +failed +5\\.1\\.1 +Ann@Example\\.org .* agrees")
            .containsPattern("\\n +delayed +4\\.4\\.1 +ben@example\\.org")
            .containsPattern("dsn/lhost-qmail-01\\.eml +non-std bounce +failed +- +ann@example\\.org +userunknown .* bounce agrees")
            .containsPattern("lhost-example +1 +1 +0 +0 +0 +0 +1/1 +1/1 +0/0 +1/1")
            .containsPattern("all +3 +1 +1 +0 +1 +0 +1/1 +1/1 +1/1 +2/2")
            .contains("files: 3: 1 DSN, 1 non-standard bounce, 0 other report (0 MDN, 0 auto-reply, 0 feedback or other), "
                + "1 not a report, 0 unreadable")
            .contains("DSN agreement (recipient + status): 1 of 1 agree (100.0%), 0 differ")
            .contains("bounce agreement (Sisimai's number of recipients, each with an address and a reason): 1 of 1 agree (100.0%); 0 not read")
            .contains("reason equal to Sisimai's: DSN 1 of 1 (100.0%), non-standard bounces 1 of 1 (100.0%)");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void runShouldCheckMessagesWithoutExpectationsWhenExpectedJsonIsBroken() throws Exception {
        Files.writeString(directory.resolve("a-01.eml"), Samples.DSN);
        Files.writeString(directory.resolve("expected.json"), "{ not json");

        int exitCode = run(directory.toString());

        assertThat(exitCode).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 message file(s), 0 with an expectation")
            .contains("DSN agreement (recipient + status): 0 of 0 agree (n/a)");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("expected.json unreadable");
    }

    @Test
    void runShouldFailWithAClearMessageForAMissingDirectory() {
        int exitCode = run(directory.resolve("nowhere").toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("parse-check: [").contains("nowhere] is not a readable directory");
    }

    @Test
    void runShouldFailWithAClearMessageForAFile() throws Exception {
        Path file = Files.writeString(directory.resolve("one.eml"), Samples.DSN);

        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a readable directory");
    }

    @Test
    void runShouldPrintUsageWithoutADirectory() {
        assertThat(ParseCheckMain.run(new String[0], print(out), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage: ./receipts parse-check DIR");
    }

    @Test
    void runShouldExitOneWhenFewerMessagesAgreeThanTheGateAsks() throws Exception {
        Files.writeString(directory.resolve("lhost-example-01.eml"), Samples.DSN);
        Files.writeString(directory.resolve("expected.json"), "[{\"file\": \"lhost-example-01.eml\", \"extracted_mechanically\": {\"dsn_recipients\": ["
            + "{\"final-recipient\": \"rfc822; ann@example.org\", \"status\": \"5.1.1\"},"
            + "{\"final-recipient\": \"rfc822; ben@example.org\", \"status\": \"4.4.1\"}]}}]");

        int passed = ParseCheckMain.run(new String[] {directory.toString(), "--min-dsn-agreement", "1", "--min-bounce-agreement", "0"},
            print(out), print(err));
        int failed = ParseCheckMain.run(new String[] {directory.toString(), "--min-dsn-agreement", "2"}, print(out), print(err));

        assertThat(passed).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("gate passed: 1 DSN agree (minimum 1), 0 non-standard bounces agree (minimum 0)");
        assertThat(failed).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("parse-check: FAILED: 1 DSN agree, below the minimum of 2");
    }

    @Test
    void runShouldRefuseAGateWithoutACount() {
        int exitCode = ParseCheckMain.run(new String[] {directory.toString(), "--min-bounce-agreement", "85%"}, print(out), print(err));

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--min-bounce-agreement needs a count of messages (0 or more), got [85%]");
    }

    private int run(String path) {
        return ParseCheckMain.run(new String[] {path}, print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
