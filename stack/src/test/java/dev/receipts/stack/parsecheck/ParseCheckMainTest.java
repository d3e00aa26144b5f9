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
            .containsPattern("dsn/lhost-qmail-01\\.eml +not a report .* non-standard bounce, not parsed: Sisimai \\(qmail\\)")
            .containsPattern("lhost-example +1 +1 +0 +0 +0 +0 +1/1 +1/1 +0")
            .containsPattern("all +3 +1 +0 +0 +2 +0 +1/1 +1/1 +1")
            .contains("files: 3: 1 DSN, 0 MDN, 0 other report, 2 not a report, 0 unreadable")
            .contains("DSN agreement (recipient + status): 1 of 1 agree (100.0%), 0 differ")
            .contains("not DSN: 1 non-standard bounces (Sisimai reads a bounce in them; we do not parse these yet), "
                + "0 not bounces (feedback, auto-replies), 1 without expectation");
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

    private int run(String path) {
        return ParseCheckMain.run(new String[] {path}, print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
